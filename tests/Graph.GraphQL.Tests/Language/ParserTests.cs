using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.Snapshots;

namespace Graph.GraphQL.Tests.Language;

public class ParserTests
{
    [Fact]
    public void Parses_the_executable_kitchen_sink_and_prints_it_stably()
    {
        var document = Parser.Parse(KitchenSink.Executable);
        Assert.Equal(8, document.Definitions.Count);

        var printed = document.Print();
        Snapshot.Match(printed);

        var reparsed = Parser.Parse(printed);
        Assert.Equal(document, reparsed, SyntaxComparer.Default);
        Assert.Equal(printed, reparsed.Print());
    }

    [Fact]
    public void Kitchen_sink_tree()
    {
        Snapshot.Match(SyntaxDump.Dump(Parser.Parse(KitchenSink.Executable)));
    }

    [Fact]
    public void Creates_nodes_with_locations()
    {
        var document = Parser.Parse("{\n  node(id: 4) {\n    id,\n    name\n  }\n}");

        Assert.Equal(new Location(0, 40, 1, 1), document.Location);
        var operation = Assert.IsType<OperationDefinitionNode>(Assert.Single(document.Definitions));
        Assert.Equal(new Location(0, 40, 1, 1), operation.Location);
        Assert.Equal(OperationType.Query, operation.Operation);
        Assert.Null(operation.Name);
        Assert.Null(operation.Description);
        Assert.Empty(operation.VariableDefinitions);
        Assert.Empty(operation.Directives);

        var node = Assert.IsType<FieldNode>(Assert.Single(operation.SelectionSet.Selections));
        Assert.Equal(new Location(4, 38, 2, 3), node.Location);
        Assert.Null(node.Alias);
        Assert.Equal(new Location(4, 8, 2, 3), node.Name.Location);
        var argument = Assert.Single(node.Arguments);
        Assert.Equal(new Location(9, 14, 2, 8), argument.Location);
        Assert.Equal("id", argument.Name.Value);
        var value = Assert.IsType<IntValueNode>(argument.Value);
        Assert.Equal(new Location(13, 14, 2, 12), value.Location);
        Assert.Equal(4, value.ToInt32());

        Assert.NotNull(node.SelectionSet);
        Assert.Equal(new Location(16, 38, 2, 15), node.SelectionSet.Location);
        var fields = node.SelectionSet.Selections.Cast<FieldNode>().ToArray();
        Assert.Equal(["id", "name"], fields.Select(f => f.Name.Value));
        Assert.Equal(new Location(22, 24, 3, 5), fields[0].Location);
        Assert.Equal(new Location(30, 34, 4, 5), fields[1].Location);
        Assert.All(fields, f => Assert.Null(f.SelectionSet));
    }

    [Fact]
    public void Location_of_a_described_definition_starts_at_the_description()
    {
        var document = Parser.Parse("\n  \"d\" query Q { a }");
        var operation = Assert.IsType<OperationDefinitionNode>(Assert.Single(document.Definitions));
        Assert.Equal(new Location(3, 20, 2, 3), operation.Location);
        Assert.Equal(new Location(3, 6, 2, 3), operation.Description!.Location);
    }

    [Fact]
    public void No_locations_option_leaves_every_location_null()
    {
        var document = Parser.Parse(KitchenSink.Executable, new ParserOptions { NoLocations = true });
        Assert.All(SyntaxDump.Descendants(document), node => Assert.Null(node.Location));
        Assert.Equal(Parser.Parse(KitchenSink.Executable), document, SyntaxComparer.Default);
    }

    [Fact]
    public void Parses_aliases_arguments_and_nested_values()
    {
        var document = Parser.Parse("{ small: pic(size: 64, tags: [\"a\", B], where: {x: 1.5, y: null, z: $v, ok: false}) }");
        var field = (FieldNode)((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[0];
        Assert.Equal("small", field.Alias!.Value);
        Assert.Equal("pic", field.Name.Value);
        Assert.Equal("small", field.ResponseName);
        Assert.Equal(["size", "tags", "where"], field.Arguments.Select(a => a.Name.Value));

        var tags = Assert.IsType<ListValueNode>(field.Arguments[1].Value);
        Assert.Equal("a", Assert.IsType<StringValueNode>(tags.Items[0]).Value);
        Assert.False(((StringValueNode)tags.Items[0]).Block);
        Assert.Equal("B", Assert.IsType<EnumValueNode>(tags.Items[1]).Value);

        var where = Assert.IsType<ObjectValueNode>(field.Arguments[2].Value);
        Assert.Equal(["x", "y", "z", "ok"], where.Fields.Select(f => f.Name.Value));
        Assert.Equal(1.5, Assert.IsType<FloatValueNode>(where.Fields[0].Value).ToDouble());
        Assert.IsType<NullValueNode>(where.Fields[1].Value);
        Assert.Equal("v", Assert.IsType<VariableNode>(where.Fields[2].Value).Name.Value);
        Assert.False(Assert.IsType<BooleanValueNode>(where.Fields[3].Value).Value);
    }

    [Fact]
    public void Parses_variable_definitions_with_descriptions_defaults_and_directives()
    {
        var document = Parser.Parse("query Q(\"The id.\" $id: [ID!]! = [\"1\"] @a @b(x: 1), $n: Int) { f }");
        var operation = (OperationDefinitionNode)document.Definitions[0];
        Assert.Equal("Q", operation.Name!.Value);
        Assert.Equal(2, operation.VariableDefinitions.Count);

        var id = operation.VariableDefinitions[0];
        Assert.Equal("The id.", id.Description!.Value);
        Assert.Equal("id", id.Variable.Name.Value);
        var nonNull = Assert.IsType<NonNullTypeNode>(id.Type);
        var list = Assert.IsType<ListTypeNode>(nonNull.Type);
        Assert.Equal("ID", Assert.IsType<NamedTypeNode>(Assert.IsType<NonNullTypeNode>(list.Type).Type).Name.Value);
        Assert.Equal("ID", id.Type.NamedType().Name.Value);
        Assert.IsType<ListValueNode>(id.DefaultValue);
        Assert.Equal(["a", "b"], id.Directives.Select(d => d.Name.Value));

        var n = operation.VariableDefinitions[1];
        Assert.Null(n.Description);
        Assert.Null(n.DefaultValue);
        Assert.Empty(n.Directives);
    }

    [Fact]
    public void Parses_fragments_inline_fragments_and_descriptions()
    {
        var document = Parser.Parse("""
            { ...Spread @d ... on T { a } ... @e { b } ... { c } }
            "Described." fragment Spread on T @f { g }
            """);
        var selections = ((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections;

        var spread = Assert.IsType<FragmentSpreadNode>(selections[0]);
        Assert.Equal("Spread", spread.Name.Value);
        Assert.Equal("d", Assert.Single(spread.Directives).Name.Value);

        var typed = Assert.IsType<InlineFragmentNode>(selections[1]);
        Assert.Equal("T", typed.TypeCondition!.Name.Value);
        Assert.Empty(typed.Directives);

        var directed = Assert.IsType<InlineFragmentNode>(selections[2]);
        Assert.Null(directed.TypeCondition);
        Assert.Equal("e", Assert.Single(directed.Directives).Name.Value);

        var bare = Assert.IsType<InlineFragmentNode>(selections[3]);
        Assert.Null(bare.TypeCondition);
        Assert.Empty(bare.Directives);

        var fragment = Assert.IsType<FragmentDefinitionNode>(document.Definitions[1]);
        Assert.Equal("Described.", fragment.Description!.Value);
        Assert.Equal("Spread", fragment.Name.Value);
        Assert.Equal("T", fragment.TypeCondition.Name.Value);
        Assert.Equal("f", Assert.Single(fragment.Directives).Name.Value);
    }

    [Fact]
    public void Parses_every_operation_type()
    {
        var document = Parser.Parse("query A { a } mutation B { b } subscription C { c } mutation { d } subscription { e }");
        Assert.Equal(
            [OperationType.Query, OperationType.Mutation, OperationType.Subscription, OperationType.Mutation, OperationType.Subscription],
            document.Definitions.Cast<OperationDefinitionNode>().Select(o => o.Operation));
        Assert.Equal(["A", "B", "C", null, null], document.Definitions.Cast<OperationDefinitionNode>().Select(o => o.Name?.Value));
    }

    [Theory]
    [InlineData("on")]
    [InlineData("fragment")]
    [InlineData("query")]
    [InlineData("mutation")]
    [InlineData("subscription")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("extend")]
    [InlineData("type")]
    public void Keywords_are_allowed_wherever_a_name_is(string keyword)
    {
        var fragmentName = keyword == "on" ? "frag" : keyword;
        var source = $$"""
            query {{keyword}} {
              ... {{fragmentName}}
              ... on {{keyword}} { field }
            }
            fragment {{fragmentName}} on Type {
              {{keyword}}: {{keyword}}({{keyword}}: ${{keyword}}) @{{keyword}}({{keyword}}: {{keyword}}) { {{keyword}} }
            }
            """;
        var document = Parser.Parse(source);
        Assert.Equal(2, document.Definitions.Count);
        Assert.Equal(document, Parser.Parse(document.Print()), SyntaxComparer.Default);
    }

    [Fact]
    public void Operation_directives_accept_variables()
    {
        var operation = (OperationDefinitionNode)Parser.Parse("query Q @d(a: 1, b: $v) { x }").Definitions[0];
        Assert.IsType<VariableNode>(Assert.Single(operation.Directives).Arguments[1].Value);
    }

    [Fact]
    public void Parses_multi_byte_characters_in_comments_and_strings()
    {
        var document = Parser.Parse("# \u0A0A multi-byte \U0001F600\n{ f(arg: \"has \u0A0A and \U0001F600\") }");
        var field = (FieldNode)((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[0];
        Assert.Equal("has \u0A0A and \U0001F600", ((StringValueNode)field.Arguments[0].Value).Value);
    }

    [Fact]
    public void Accepts_spans()
    {
        var buffer = "xx{ a }xx".ToCharArray();
        var document = Parser.Parse(buffer.AsSpan(2, 5));
        Assert.Equal("{\n  a\n}", document.Print());
    }

    [Theory]
    [InlineData("{", "Syntax Error: Expected Name, found <EOF>.", 1, 2)]
    [InlineData("{ ...Frag }\nfragment Frag Thing", "Syntax Error: Expected \"on\", found Name \"Thing\".", 2, 15)]
    [InlineData("{ a: {} }", "Syntax Error: Expected Name, found \"{\".", 1, 6)]
    [InlineData("shape Circle { r }", "Syntax Error: Unexpected Name \"shape\".", 1, 1)]
    [InlineData("...", "Syntax Error: Unexpected \"...\".", 1, 1)]
    [InlineData("{ \"x\" }", "Syntax Error: Expected Name, found String \"x\".", 1, 3)]
    [InlineData("query", "Syntax Error: Expected \"{\", found <EOF>.", 1, 6)]
    [InlineData("subscription", "Syntax Error: Expected \"{\", found <EOF>.", 1, 13)]
    [InlineData("", "Syntax Error: Unexpected <EOF>.", 1, 1)]
    [InlineData("   # only a comment", "Syntax Error: Unexpected <EOF>.", 1, 20)]
    [InlineData("query Q($v: Int = $w) { a }", "Syntax Error: Unexpected variable \"$w\" in constant value.", 1, 19)]
    [InlineData("query Q($a: Int = $) { f }", "Syntax Error: Unexpected \"$\".", 1, 19)]
    [InlineData("query Q($a: Int @dir(x: $b)) { f }", "Syntax Error: Unexpected variable \"$b\" in constant value.", 1, 25)]
    [InlineData("fragment on on On { a }", "Syntax Error: Unexpected Name \"on\".", 1, 10)]
    [InlineData("fragment \"on\" on T { a }", "Syntax Error: Unexpected String \"on\".", 1, 10)]
    [InlineData("{ ...on }", "Syntax Error: Expected Name, found \"}\".", 1, 9)]
    [InlineData("{ ... on { a } }", "Syntax Error: Expected Name, found \"{\".", 1, 10)]
    [InlineData("{ f(a: $) }", "Syntax Error: Expected Name, found \")\".", 1, 9)]
    [InlineData("\"desc\" { a }", "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.", 1, 1)]
    [InlineData("\"desc\" extend type A @x", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1)]
    [InlineData("\"desc\" notAKeyword", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1)]
    [InlineData("\"desc\" 42", "Syntax Error: Unexpected Int \"42\".", 1, 8)]
    [InlineData("\"\"\"block\"\"\" \"str\"", "Syntax Error: Unexpected String \"str\".", 1, 13)]
    [InlineData("\"desc\"", "Syntax Error: Unexpected <EOF>.", 1, 7)]
    [InlineData("query Q { a } mutation", "Syntax Error: Expected \"{\", found <EOF>.", 1, 23)]
    [InlineData("{ a(b: 1 }", "Syntax Error: Expected Name, found \"}\".", 1, 10)]
    [InlineData("{ a(b: 1) @ }", "Syntax Error: Expected Name, found \"}\".", 1, 13)]
    [InlineData("{ a }}", "Syntax Error: Unexpected \"}\".", 1, 6)]
    [InlineData("{ a(x: [1, 2) }", "Syntax Error: Unexpected \")\".", 1, 13)]
    [InlineData("{ a(x: {b 1}) }", "Syntax Error: Expected \":\", found Int \"1\".", 1, 11)]
    [InlineData("{ a(x: ) }", "Syntax Error: Unexpected \")\".", 1, 8)]
    [InlineData("{ a() }", "Syntax Error: Expected Name, found \")\".", 1, 5)]
    [InlineData("query Q($v Int) { a }", "Syntax Error: Expected \":\", found Name \"Int\".", 1, 12)]
    [InlineData("query Q($v: ) { a }", "Syntax Error: Expected Name, found \")\".", 1, 13)]
    [InlineData("query Q(v: Int) { a }", "Syntax Error: Expected \"$\", found Name \"v\".", 1, 9)]
    [InlineData("query Q() { a }", "Syntax Error: Expected \"$\", found \")\".", 1, 9)]
    [InlineData("query Q($v: Int!!) { a }", "Syntax Error: Expected \"$\", found \"!\".", 1, 17)]
    [InlineData("query Q($v: [Int) { a }", "Syntax Error: Expected \"]\", found \")\".", 1, 17)]
    [InlineData("{ }", "Syntax Error: Expected Name, found \"}\".", 1, 3)]
    [InlineData("mutation M @dir(x: 1)", "Syntax Error: Expected \"{\", found <EOF>.", 1, 22)]
    [InlineData("{ a(s: \"open) }", "Syntax Error: Unterminated string.", 1, 16)]
    [InlineData("{ f(x: -) }", "Syntax Error: Invalid number, expected digit but got: \")\".", 1, 9)]
    [InlineData("fragment F on T { a } fragment G on T", "Syntax Error: Expected \"{\", found <EOF>.", 1, 38)]
    [InlineData("fragment F T { a }", "Syntax Error: Expected \"on\", found Name \"T\".", 1, 12)]
    [InlineData("fragment F on T", "Syntax Error: Expected \"{\", found <EOF>.", 1, 16)]
    [InlineData("{ a(x: \"\"\"\n  multi\n\"\"\" y: $ ) }", "Syntax Error: Expected Name, found \")\".", 3, 10)]
    [InlineData("query Q { a }\n\n  query", "Syntax Error: Expected \"{\", found <EOF>.", 3, 8)]
    [InlineData("{ a(x: [$v]) } query ($x: Int = [$y]) { b }", "Syntax Error: Unexpected variable \"$y\" in constant value.", 1, 34)]
    public void Reports_syntax_errors(string source, string message, int line, int column)
    {
        SyntaxAssert.ParseError(source, message, line, column);
    }

    [Fact]
    public void Syntax_error_has_the_parse_failed_code()
    {
        var exception = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{"));
        Assert.Equal(ErrorCodes.ParseFailed, exception.Errors[0].Code);
        Assert.Equal(1, exception.Position);
        Assert.IsAssignableFrom<GraphQLException>(exception);
        Assert.Equal("Syntax Error: Expected Name, found <EOF>. (1:2)", exception.Errors[0].ToString());
    }

    [Fact]
    public void Parses_values()
    {
        Assert.IsType<NullValueNode>(Parser.ParseValue("null"));
        Assert.Equal(new Location(0, 4, 1, 1), Parser.ParseValue("null").Location);

        var list = Assert.IsType<ListValueNode>(Parser.ParseValue("[123 \"abc\" \"\"\"block\"\"\" $v]"));
        Assert.Equal(new Location(0, 26, 1, 1), list.Location);
        Assert.Equal("123", Assert.IsType<IntValueNode>(list.Items[0]).Value);
        Assert.Equal(new Location(1, 4, 1, 2), list.Items[0].Location);
        Assert.False(Assert.IsType<StringValueNode>(list.Items[1]).Block);
        Assert.True(Assert.IsType<StringValueNode>(list.Items[2]).Block);
        Assert.Equal("block", ((StringValueNode)list.Items[2]).Value);
        Assert.Equal("v", Assert.IsType<VariableNode>(list.Items[3]).Name.Value);

        var obj = Assert.IsType<ObjectValueNode>(Parser.ParseValue("{ field: $var }"));
        var field = Assert.Single(obj.Fields);
        Assert.Equal(new Location(2, 13, 1, 3), field.Location);
        Assert.Equal(new Location(9, 13, 1, 10), field.Value.Location);
        Assert.Equal(new Location(10, 13, 1, 11), ((VariableNode)field.Value).Name.Location);
    }

    [Fact]
    public void Value_parsing_errors()
    {
        SyntaxAssert.Throws(() => Parser.ParseValue("$"), "Syntax Error: Expected Name, found <EOF>.", 1, 2);
        SyntaxAssert.Throws(() => Parser.ParseValue(":"), "Syntax Error: Unexpected \":\".", 1, 1);
        SyntaxAssert.Throws(() => Parser.ParseValue("1 2"), "Syntax Error: Expected <EOF>, found Int \"2\".", 1, 3);
        SyntaxAssert.Throws(() => Parser.ParseValue(""), "Syntax Error: Unexpected <EOF>.", 1, 1);
    }

    [Fact]
    public void Parses_constant_values()
    {
        var list = Assert.IsType<ListValueNode>(Parser.ParseConstValue("[123 \"abc\"]"));
        Assert.Equal(2, list.Items.Count);
        SyntaxAssert.Throws(() => Parser.ParseConstValue("{ field: $var }"), "Syntax Error: Unexpected variable \"$var\" in constant value.", 1, 10);
        SyntaxAssert.Throws(() => Parser.ParseConstValue("$$"), "Syntax Error: Unexpected \"$\".", 1, 1);
        SyntaxAssert.Throws(() => Parser.ParseConstValue("$"), "Syntax Error: Unexpected \"$\".", 1, 1);
    }

    [Fact]
    public void Parses_type_references()
    {
        var named = Assert.IsType<NamedTypeNode>(Parser.ParseType("String"));
        Assert.Equal(new Location(0, 6, 1, 1), named.Location);

        var list = Assert.IsType<ListTypeNode>(Parser.ParseType("[MyType]"));
        Assert.Equal(new Location(0, 8, 1, 1), list.Location);
        Assert.Equal(new Location(1, 7, 1, 2), list.Type.Location);

        var nonNull = Assert.IsType<NonNullTypeNode>(Parser.ParseType("MyType!"));
        Assert.Equal(new Location(0, 7, 1, 1), nonNull.Location);
        Assert.IsType<NamedTypeNode>(nonNull.Type);

        var nested = Parser.ParseType("[[Int!]]!");
        Assert.Equal("[[Int!]]!", nested.Print());
        Assert.Equal("[[Int!]]", nested.NullableType().Print());

        SyntaxAssert.Throws(() => Parser.ParseType("[Int"), "Syntax Error: Expected \"]\", found <EOF>.", 1, 5);
        SyntaxAssert.Throws(() => Parser.ParseType("Int!!"), "Syntax Error: Expected <EOF>, found \"!\".", 1, 5);
        SyntaxAssert.Throws(() => Parser.ParseType("!"), "Syntax Error: Expected Name, found \"!\".", 1, 1);
    }

    [Fact]
    public void Parses_schema_coordinates()
    {
        var type = Assert.IsType<TypeCoordinateNode>(Parser.ParseSchemaCoordinate("MyType"));
        Assert.Equal("MyType", type.Name.Value);
        Assert.Equal(new Location(0, 6, 1, 1), type.Location);

        var member = Assert.IsType<MemberCoordinateNode>(Parser.ParseSchemaCoordinate("MyType.field"));
        Assert.Equal(new Location(0, 12, 1, 1), member.Location);
        Assert.Equal(new Location(7, 12, 1, 8), member.MemberName.Location);
        Assert.Equal("field", member.MemberName.Value);

        var argument = Assert.IsType<ArgumentCoordinateNode>(Parser.ParseSchemaCoordinate("MyType.field(arg:)"));
        Assert.Equal(new Location(0, 18, 1, 1), argument.Location);
        Assert.Equal(["MyType", "field", "arg"], new[] { argument.Name.Value, argument.FieldName.Value, argument.ArgumentName.Value });
        Assert.Equal(new Location(13, 16, 1, 14), argument.ArgumentName.Location);

        var directive = Assert.IsType<DirectiveCoordinateNode>(Parser.ParseSchemaCoordinate("@myDirective"));
        Assert.Equal("myDirective", directive.Name.Value);
        Assert.Equal(new Location(0, 12, 1, 1), directive.Location);

        var directiveArgument = Assert.IsType<DirectiveArgumentCoordinateNode>(Parser.ParseSchemaCoordinate("@myDirective(arg:)"));
        Assert.Equal("arg", directiveArgument.ArgumentName.Value);
        Assert.Equal(new Location(0, 18, 1, 1), directiveArgument.Location);

        Assert.Null(Parser.ParseSchemaCoordinate("A.b", new ParserOptions { NoLocations = true }).Location);
    }

    [Theory]
    [InlineData("MyType.field.deep", "Syntax Error: Expected <EOF>, found \".\".", 13)]
    [InlineData("MyType.field(arg: value)", "Syntax Error: Invalid character: \" \".", 18)]
    [InlineData("MyType.field(arg)", "Syntax Error: Expected \":\", found \")\".", 17)]
    [InlineData("MyType.field(arg:", "Syntax Error: Expected \")\", found <EOF>.", 18)]
    [InlineData("MyType.", "Syntax Error: Expected Name, found <EOF>.", 8)]
    [InlineData("MyType(arg:)", "Syntax Error: Expected <EOF>, found \"(\".", 7)]
    [InlineData("@myDirective.field", "Syntax Error: Expected <EOF>, found \".\".", 13)]
    [InlineData("@myDirective(arg:)x", "Syntax Error: Expected <EOF>, found Name \"x\".", 19)]
    [InlineData("@", "Syntax Error: Expected Name, found <EOF>.", 2)]
    [InlineData("", "Syntax Error: Expected Name, found <EOF>.", 1)]
    [InlineData(" MyType", "Syntax Error: Invalid character: \" \".", 1)]
    [InlineData("MyType ", "Syntax Error: Invalid character: \" \".", 7)]
    [InlineData("My,Type", "Syntax Error: Invalid character: \",\".", 3)]
    [InlineData("1Type", "Syntax Error: Invalid character: \"1\".", 1)]
    [InlineData("Type.\"field\"", "Syntax Error: Invalid character: '\"'.", 6)]
    [InlineData("Type...field", "Syntax Error: Expected Name, found \".\".", 6)]
    public void Reports_schema_coordinate_errors(string source, string message, int column)
    {
        SyntaxAssert.Throws(() => Parser.ParseSchemaCoordinate(source), message, 1, column);
    }
}
