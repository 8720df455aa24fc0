using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Types;

public class InputCoercionTests
{
    private static readonly ISchema Schema = SchemaBuilder.New().AddDocumentFromString("""
        type Query { f(a: Int): Int }
        enum Color { RED GREEN BLUE }
        input XInput {
          x: String!
          y: Int = 7
          z: [Color!]
          nested: XInput
          nullable: String
        }
        input OneOf @oneOf { a: String b: Int }
        """).Create();

    private static IInputType Type(string source) => (IInputType)Resolve(Parser.ParseType(source));

    private static IType Resolve(ITypeNode node) => node switch
    {
        NonNullTypeNode n => new NonNullType(Resolve(n.Type)),
        ListTypeNode l => new ListType(Resolve(l.Type)),
        NamedTypeNode n => Schema.GetType<INamedType>(n.Name.Value),
        _ => throw new ArgumentException(null, nameof(node)),
    };

    private static object? Literal(string value, string type, IReadOnlyDictionary<string, object?>? variables = null) =>
        InputCoercion.CoerceLiteral(Parser.ParseValue(value), Type(type), variables);

    private static string LiteralError(string value, string type, IReadOnlyDictionary<string, object?>? variables = null) =>
        Assert.Throws<InputCoercionException>(() => Literal(value, type, variables)).Message;

    private static IReadOnlyList<InputValueError> VariableErrors(object? value, string type) =>
        Assert.Throws<InputValueException>(() => InputCoercion.CoerceVariableValue(value, Type(type))).Errors;

    [Fact]
    public void Literal_lists_accept_a_single_item()
    {
        Assert.Equal(new List<object?> { 1 }, Literal("1", "[Int]"));
        Assert.Equal(new List<object?> { 1, null, 3 }, Literal("[1, null, 3]", "[Int]"));
        Assert.Equal(new List<object?> { new List<object?> { 1 } }, Literal("1", "[[Int]]"));
        Assert.Null(Literal("null", "[Int]"));
    }

    [Fact]
    public void Literal_non_null_rejects_null()
    {
        Assert.Equal("Expected value of type \"Int!\", found null.", LiteralError("null", "Int!"));
        Assert.Equal("Expected value of type \"Int!\", found null.", LiteralError("[1, null]", "[Int!]"));
        Assert.Equal("Expected value of type \"Int!\", found null.", LiteralError("$v", "Int!", new Dictionary<string, object?> { ["v"] = null }));
    }

    [Fact]
    public void Literal_scalar_errors_name_the_type_and_the_cause()
    {
        Assert.Equal("Expected value of type \"Int\", found 1.5; Int cannot represent non-integer value: 1.5", LiteralError("1.5", "Int"));
        Assert.Equal("Expected value of type \"Color\", found PURPLE; Value \"PURPLE\" does not exist in \"Color\" enum.", LiteralError("PURPLE", "Color"));
        Assert.Equal("Expected value of type \"Color\", found \"RED\"; Enum \"Color\" cannot represent non-enum value: \"RED\". Did you mean the enum value \"RED\" or \"GREEN\"?", LiteralError("\"RED\"", "Color"));
    }

    [Fact]
    public void Literal_input_objects_get_defaults_and_required_checks()
    {
        var value = Assert.IsType<Dictionary<string, object?>>(Literal("{ x: \"a\", z: RED }", "XInput"));
        Assert.Equal("a", value["x"]);
        Assert.Equal(7, value["y"]);
        Assert.Equal(new List<object?> { "RED" }, value["z"]);
        Assert.False(value.ContainsKey("nested"));
        Assert.False(value.ContainsKey("nullable"));

        Assert.Equal("Field \"XInput.x\" of required type \"String!\" was not provided.", LiteralError("{ y: 1 }", "XInput"));
        Assert.Equal("Field \"nope\" is not defined by type \"XInput\".", LiteralError("{ x: \"a\", nope: 1 }", "XInput"));
        Assert.Equal("Field \"nestd\" is not defined by type \"XInput\". Did you mean \"nested\"?", LiteralError("{ x: \"a\", nestd: 1 }", "XInput"));
        Assert.Equal("Expected value of type \"XInput\", found 1.", LiteralError("1", "XInput"));
    }

    [Fact]
    public void Literal_variables_are_read_and_missing_ones_count_as_absent()
    {
        var variables = new Dictionary<string, object?> { ["x"] = "from variable", ["n"] = null };
        var value = Assert.IsType<Dictionary<string, object?>>(Literal("{ x: $x, y: $missing, nullable: $n }", "XInput", variables));
        Assert.Equal("from variable", value["x"]);
        Assert.Equal(7, value["y"]);
        Assert.True(value.ContainsKey("nullable"));
        Assert.Null(value["nullable"]);

        Assert.Equal(new List<object?> { 1, null }, Literal("[1, $missing]", "[Int]", variables));
        Assert.Null(Literal("$missing", "Int", variables));
        Assert.Equal("Field \"XInput.x\" of required type \"String!\" was not provided.", LiteralError("{ x: $missing }", "XInput", variables));
    }

    [Fact]
    public void Literal_one_of_requires_exactly_one_non_null_field()
    {
        Assert.Equal(new Dictionary<string, object?> { ["a"] = "x" }, Literal("{ a: \"x\" }", "OneOf"));
        Assert.Equal("OneOf Input Object \"OneOf\" must specify exactly one key.", LiteralError("{ a: \"x\", b: 1 }", "OneOf"));
        Assert.Equal("OneOf Input Object \"OneOf\" must specify exactly one key.", LiteralError("{}", "OneOf"));
        Assert.Equal("Field \"OneOf.a\" must be non-null.", LiteralError("{ a: null }", "OneOf"));
    }

    [Fact]
    public void Variable_values_coerce_to_runtime_values()
    {
        var value = Assert.IsType<Dictionary<string, object?>>(InputCoercion.CoerceVariableValue(
            new Dictionary<string, object?> { ["x"] = "a", ["z"] = new List<object?> { "RED", "BLUE" }, ["nested"] = new Dictionary<string, object?> { ["x"] = "b" } },
            Type("XInput!")));
        Assert.Equal(7, value["y"]);
        Assert.Equal(new List<object?> { "RED", "BLUE" }, value["z"]);
        Assert.Equal("b", Assert.IsType<Dictionary<string, object?>>(value["nested"])["x"]);
        Assert.Equal(new List<object?> { 5 }, InputCoercion.CoerceVariableValue(5L, Type("[Int]")));
        Assert.Null(InputCoercion.CoerceVariableValue(null, Type("[Int]")));
    }

    [Fact]
    public void Variable_errors_carry_messages_and_paths()
    {
        var error = Assert.Single(VariableErrors(null, "Int!"));
        Assert.Equal("Expected value of type \"Int!\", found null.", error.Message);
        Assert.Equal("Variable \"$v\" got invalid value null; Expected value of type \"Int!\", found null.", error.ToVariableMessage("v"));

        var errors = VariableErrors(new Dictionary<string, object?> { ["nope"] = 1, ["z"] = new object?[] { "RED", "PINK" } }, "XInput");
        Assert.Equal(3, errors.Count);
        Assert.Equal("Field \"x\" of required type \"String!\" was not provided.", errors[0].Message);
        Assert.Equal("Value \"PINK\" does not exist in \"Color\" enum.", errors[1].Message);
        Assert.Equal(["z", 1], errors[1].Path);
        Assert.Equal("Variable \"$input\" got invalid value \"PINK\" at \"input.z[1]\"; Value \"PINK\" does not exist in \"Color\" enum.", errors[1].ToVariableMessage("input"));
        Assert.Equal("Field \"nope\" is not defined by type \"XInput\".", errors[2].Message);
    }

    [Fact]
    public void Variable_scalar_errors_keep_the_scalar_message()
    {
        var error = Assert.Single(VariableErrors(new object?[] { 1, 1.5d }, "[Int]"));
        Assert.Equal("Int cannot represent non-integer value: 1.5", error.Message);
        Assert.Equal("Variable \"$v\" got invalid value 1.5 at \"v[1]\"; Int cannot represent non-integer value: 1.5", error.ToVariableMessage("v"));
        Assert.Equal("Expected type \"XInput\" to be an object.", Assert.Single(VariableErrors("text", "XInput")).Message);
        Assert.Equal("Enum \"Color\" cannot represent non-string value: 1.", Assert.Single(VariableErrors(1, "Color")).Message);
    }

    [Fact]
    public void Variable_one_of_rules()
    {
        Assert.Equal("Exactly one key must be specified for OneOf type \"OneOf\".",
            Assert.Single(VariableErrors(new Dictionary<string, object?> { ["a"] = "x", ["b"] = 1 }, "OneOf")).Message);
        var error = Assert.Single(VariableErrors(new Dictionary<string, object?> { ["a"] = null }, "OneOf"));
        Assert.Equal("Field \"a\" must be non-null.", error.Message);
        Assert.Equal(["a"], error.Path);
    }

    [Fact]
    public void Try_variants_report_without_throwing()
    {
        Assert.True(InputCoercion.TryCoerceVariableValue(3, Type("Int"), out var value, out var errors));
        Assert.Equal(3, value);
        Assert.Null(errors);
        Assert.False(InputCoercion.TryCoerceVariableValue("3", Type("Int"), out _, out errors));
        Assert.Single(errors!);
        Assert.False(InputCoercion.TryCoerceLiteral(Parser.ParseValue("\"3\""), Type("Int"), null, out _));
    }
}

public class ArgumentCoercionTests
{
    private static readonly ISchema Schema = SchemaBuilder.New().AddDocumentFromString("""
        type Query {
          f(required: Int!, optional: String, defaulted: Int = 5, json: JSON): Int
        }
        scalar JSON
        """).Create();

    private static Dictionary<string, object?> Coerce(string field, IReadOnlyDictionary<string, object?>? variables, ICollection<string>? provided = null)
    {
        var document = Parser.Parse("{ " + field + " }");
        var node = (FieldNode)((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[0];
        return InputCoercion.CoerceArgumentValues(Schema.QueryType.Fields["f"].Arguments, node.Arguments, variables, provided);
    }

    [Fact]
    public void Coerces_given_values_and_applies_defaults()
    {
        var provided = new List<string>();
        var values = Coerce("f(required: 1, optional: $o)", new Dictionary<string, object?> { ["o"] = "x" }, provided);

        Assert.Equal(new Dictionary<string, object?> { ["required"] = 1, ["optional"] = "x", ["defaulted"] = 5 }, values);
        Assert.Equal(["required", "optional"], provided);
    }

    [Fact]
    public void Missing_variables_fall_back_to_defaults_or_are_left_out()
    {
        var values = Coerce("f(required: 1, optional: $missing, defaulted: $missing)", new Dictionary<string, object?>());
        Assert.Equal(new Dictionary<string, object?> { ["required"] = 1, ["defaulted"] = 5 }, values);
    }

    [Fact]
    public void Required_arguments_report_reference_implementation_messages()
    {
        Assert.Equal("Argument \"required\" of required type \"Int!\" was not provided.",
            Assert.Throws<GraphQLException>(() => Coerce("f", null)).Message);
        Assert.Equal("Argument \"required\" of non-null type \"Int!\" must not be null.",
            Assert.Throws<GraphQLException>(() => Coerce("f(required: null)", null)).Message);
        Assert.Equal("Argument \"required\" of non-null type \"Int!\" must not be null.",
            Assert.Throws<GraphQLException>(() => Coerce("f(required: $v)", new Dictionary<string, object?> { ["v"] = null })).Message);
        Assert.Equal("Argument \"required\" of required type \"Int!\" was provided the variable \"$v\" which was not provided a runtime value.",
            Assert.Throws<GraphQLException>(() => Coerce("f(required: $v)", new Dictionary<string, object?>())).Message);
        var invalid = Assert.Throws<GraphQLException>(() => Coerce("f(required: \"one\")", null));
        Assert.Equal("Argument \"required\" has invalid value \"one\".", invalid.Message);
        Assert.Equal(new ErrorLocation(1, 15), Assert.Single(invalid.Errors[0].Locations!));
    }

    [Fact]
    public void Variables_nested_in_scalar_literals_are_replaced()
    {
        var values = Coerce("f(required: 1, json: { a: $a, b: [$b] })", new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x" });
        var json = Assert.IsType<Dictionary<string, object?>>(values["json"]);
        Assert.Equal(1, json["a"]);
        Assert.Equal(new List<object?> { "x" }, json["b"]);
    }

    [Fact]
    public void Type_references_resolve_against_the_schema()
    {
        Assert.True(Schema.TryGetType(Parser.ParseType("[Int!]!"), out var type));
        Assert.Equal("[Int!]!", type.Print());
        Assert.IsType<NonNullType>(type);
        Assert.False(Schema.TryGetType(Parser.ParseType("[Nope]"), out _));
    }
}
