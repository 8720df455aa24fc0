using Graph.GraphQL.Configuration;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Types;

public class SchemaValidationTests
{
    private static IReadOnlyList<string> Errors(string sdl)
    {
        var ex = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddDocumentFromString(sdl).Create());
        return ex.Errors.Select(e => e.Message).ToArray();
    }

    private static void AssertError(string sdl, string message) => Assert.Equal([message], Errors(sdl));

    [Fact]
    public void Requires_a_query_root_type() =>
        AssertError("type Foo { a: Int }", "Query root type must be provided.");

    [Fact]
    public void Root_types_must_be_object_types()
    {
        AssertError("schema { query: Q } input Q { a: Int }", "Query root type must be Object type, it cannot be Q.");
        AssertError("schema { query: Query mutation: M } type Query { a: Int } union M = Query", "Mutation root type must be Object type if provided, it cannot be M.");
    }

    [Fact]
    public void Root_types_must_be_different() =>
        AssertError("schema { query: Query mutation: Query } type Query { a: Int }",
            "All root types must be different, \"Query\" type is used as query and mutation root types.");

    [Fact]
    public void Unknown_root_and_field_types_are_reported()
    {
        AssertError("schema { query: Nope } type Query { a: Int }", "Unknown type \"Nope\".");
        AssertError("type Query { a: Strin }", "Unknown type \"Strin\". Did you mean \"String\"?");
    }

    [Fact]
    public void Names_must_not_start_with_two_underscores()
    {
        Assert.Equal(
            [
                "Name \"__field\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                "Name \"__arg\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                "Name \"__Bad\" must not begin with \"__\", which is reserved by GraphQL introspection.",
            ],
            Errors("type Query { a: __Bad __field(__arg: Int): Int } type __Bad { a: Int }"));
    }

    [Fact]
    public void Types_need_fields_values_and_members()
    {
        AssertError("type Query { a: Int } type Empty", "Type Empty must define one or more fields.");
        AssertError("type Query { a: Int } interface Empty", "Type Empty must define one or more fields.");
        AssertError("type Query { a: Int } union Empty", "Union type Empty must define one or more member types.");
        AssertError("type Query { a: Int } enum Empty", "Enum type Empty must define one or more values.");
        AssertError("type Query { a: Int } input Empty", "Input Object type Empty must define one or more fields.");
    }

    [Fact]
    public void Field_and_argument_types_must_fit_their_position()
    {
        AssertError("type Query { a: In } input In { x: Int }", "The type of Query.a must be Output Type but got: In.");
        AssertError("type Query { a(x: Query): Int }", "The type of Query.a(x:) must be Input Type but got: Query.");
        AssertError("type Query { a: Int } input In { x: [Query] }", "The type of In.x must be Input Type but got: [Query].");
        AssertError("type Query { a: Int } directive @d(x: Query) on FIELD", "The type of @d(x:) must be Input Type but got: Query.");
    }

    [Fact]
    public void Required_arguments_and_input_fields_cannot_be_deprecated()
    {
        AssertError("type Query { a(x: Int! @deprecated): Int }", "Required argument Query.a(x:) cannot be deprecated.");
        AssertError("type Query { a: Int } input In { x: Int! @deprecated }", "Required input field In.x cannot be deprecated.");
        AssertError("type Query { a: Int } directive @d(x: Int! @deprecated) on FIELD", "Required argument @d(x:) cannot be deprecated.");
        SchemaBuilder.New().AddDocumentFromString("type Query { a(x: Int! = 1 @deprecated): Int }").Create();
    }

    [Fact]
    public void Duplicate_definitions_are_reported()
    {
        AssertError("type Query { a: Int } type Query { b: Int }", "There can be only one type named \"Query\".");
        AssertError("type Query { a: Int a: String }", "Field \"Query.a\" can only be defined once.");
        AssertError("type Query { a(x: Int, x: Int): Int }", "Argument \"Query.a(x:)\" can only be defined once.");
        AssertError("type Query { a: Int } enum E { A A }", "Enum value \"E.A\" can only be defined once.");
        AssertError("type Query { a: Int } directive @d on FIELD directive @d on FIELD", "There can be only one directive named \"@d\".");
        AssertError("schema { query: Query } schema { query: Query } type Query { a: Int }", "Must provide only one schema definition.");
        AssertError("schema { query: Query query: Query } type Query { a: Int }", "There can be only one query type in schema.");
    }

    [Fact]
    public void Objects_must_implement_interface_fields()
    {
        AssertError("type Query implements I { b: Int } interface I { a: Int }", "Interface field I.a expected but Query does not provide it.");
        AssertError("type Query implements I { a: String } interface I { a: Int }", "Interface field I.a expects type Int but Query.a is type String.");
        AssertError("type Query implements I { a: Int } interface I { a(x: Int): Int }", "Interface field argument I.a(x:) expected but Query.a does not provide it.");
        AssertError("type Query implements I { a(x: String): Int } interface I { a(x: Int): Int }",
            "Interface field argument I.a(x:) expects type Int but Query.a(x:) is type String.");
        AssertError("type Query implements I { a(y: Int!): Int } interface I { a: Int }",
            "Object field Query.a includes required argument y that is missing from the Interface field I.a.");
    }

    [Fact]
    public void Implementation_field_types_may_be_covariant()
    {
        var schema = SchemaBuilder.New().AddDocumentFromString("""
            type Query implements I { a: Dog! list: [Dog!]! u: Dog opt(x: Int, y: Int): Int }
            interface I { a: Pet list: [Pet] u: CatOrDog opt(x: Int): Int }
            interface Pet { name: String }
            type Dog implements Pet { name: String }
            union CatOrDog = Dog
            """).Create();
        Assert.True(schema.IsTypeSubTypeOf(schema.QueryType.Fields["list"].Type, schema.GetType<InterfaceType>("I").Fields["list"].Type));

        AssertError("type Query implements I { a: [Int] } interface I { a: Int }", "Interface field I.a expects type Int but Query.a is type [Int].");
        AssertError("type Query implements I { a: Int } interface I { a: Int! }", "Interface field I.a expects type Int! but Query.a is type Int.");
    }

    [Fact]
    public void Interfaces_implementing_interfaces_must_be_transitive_and_acyclic()
    {
        AssertError("type Query implements B { a: Int } interface A { a: Int } interface B implements A { a: Int }",
            "Type Query must implement A because it is implemented by B.");
        Assert.Contains("Type A cannot implement B because it would create a circular reference.",
            Errors("type Query { a: A } interface A implements B { a: Int } interface B implements A { a: Int }"));
        AssertError("type Query { a: A } interface A implements A { a: Int }", "Type A cannot implement itself because it would create a circular reference.");
    }

    [Fact]
    public void Implements_only_interfaces_and_only_once()
    {
        AssertError("type Query implements Other { a: Int } type Other { a: Int }", "Type Query must only implement Interface types, it cannot implement Other.");
        AssertError("type Query implements I & I { a: Int } interface I { a: Int }", "Type \"Query\" can only implement \"I\" once.");
    }

    [Fact]
    public void Union_members_must_be_distinct_object_types()
    {
        AssertError("type Query { a: U } union U = Query | I interface I { a: Int }", "Union type U can only include Object types, it cannot include I.");
        AssertError("type Query { a: U } union U = Query | Query", "Union type U can only include type Query once.");
    }

    [Fact]
    public void Enum_values_cannot_be_true_false_or_null()
    {
        // The parser rejects these names, so the values come through a definition source, as code-first ones will.
        var ex = Assert.Throws<SchemaException>(() => SchemaBuilder.New()
            .AddDocumentFromString("type Query { a: E } enum E { A }")
            .ConfigureDefinitions(context => ((EnumTypeDefinition)context.FindType("E")!).Values.Add(new EnumValueDefinition("null")))
            .Create());
        Assert.Equal("Enum type E cannot include value: null.", Assert.Single(ex.Errors).Message);
    }

    [Fact]
    public void Input_objects_cannot_reference_themselves_through_non_null_fields()
    {
        AssertError("type Query { a(x: A): Int } input A { b: B! } input B { a: A! }",
            "Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.a\".");
        AssertError("type Query { a(x: A): Int } input A { self: A! }",
            "Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"self\".");
        SchemaBuilder.New().AddDocumentFromString("type Query { a(x: A): Int } input A { self: A list: [A!]! }").Create();
    }

    [Fact]
    public void One_of_fields_must_be_nullable_without_defaults()
    {
        Assert.Equal(
            [
                "OneOf input field In.a must be nullable.",
                "OneOf input field In.b cannot have a default value.",
            ],
            Errors("type Query { f(x: In): Int } input In @oneOf { a: Int! b: Int = 1 }"));
    }

    [Fact]
    public void Directive_definitions_and_uses_are_checked()
    {
        AssertError("type Query { a: Int @nope }", "Unknown directive \"@nope\".");
        AssertError("type Query { a: Int @include(if: true) }", "Directive \"@include\" may not be used on FIELD_DEFINITION.");
        AssertError("type Query { a: Int @deprecated @deprecated }", "The directive \"@deprecated\" can only be used once at this location.");
        AssertError("type Query { a: Int @deprecated(why: \"x\") }", "Unknown argument \"why\" on directive \"@deprecated\".");
        AssertError("type Query { a: Int } scalar S @specifiedBy", "Argument \"@specifiedBy(url:)\" of type \"String!\" is required, but it was not provided.");
        AssertError("type Query { a: Int @deprecated(reason: 1) }",
            "Expected value of type \"String\", found 1; String cannot represent a non string value: 1");
        SchemaBuilder.New().AddDocumentFromString("directive @tag(n: Int) repeatable on FIELD_DEFINITION type Query { a: Int @tag(n: 1) @tag(n: 2) }").Create();
    }

    [Fact]
    public void Extensions_must_target_defined_types_of_the_same_kind()
    {
        AssertError("type Query { a: Int } extend type Nope { b: Int }", "Cannot extend type \"Nope\" because it is not defined.");
        AssertError("type Query { a: Int } enum E { A } extend input E { b: Int }", "Cannot extend non-input object type \"E\".");
    }

    [Fact]
    public void Default_values_must_fit_their_type() =>
        AssertError("type Query { a(x: Int = \"one\"): Int }",
            "Query.a(x:) has an invalid default value: Expected value of type \"Int\", found \"one\"; Int cannot represent non-integer value: \"one\"");

    [Fact]
    public void Collects_every_error_in_one_exception()
    {
        var ex = Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddDocumentFromString("""
            type Query { a: Int }
            type Empty
            enum E
            """).Create());
        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("Type Empty must define one or more fields.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Enum type E must define one or more values.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Errors[0].Locations[0].Line);
    }
}

public class SchemaBuildingTests
{
    [Fact]
    public void Applied_directives_are_kept_with_their_arguments()
    {
        var schema = SchemaBuilder.New().AddDocumentFromString("""
            directive @key(fields: KeyInput!) repeatable on OBJECT | SCHEMA
            schema @key(fields: {name: "root"}) { query: Query }
            type Query @key(fields: {name: "id"}) @key(fields: {name: "sku", weight: 2}) { id: ID }
            input KeyInput { name: String! weight: Int = 1 }
            """).Create();

        var applied = schema.QueryType.Directives;
        Assert.Equal(2, applied.Count);
        Assert.Equal(new Dictionary<string, object?> { ["name"] = "id", ["weight"] = 1 }, applied[0].GetArgumentValue("fields"));
        Assert.Equal("@key(fields: {name: \"sku\", weight: 2})", applied[1].ToString());
        Assert.Equal("root", Assert.IsType<Dictionary<string, object?>>(Assert.Single(schema.AppliedDirectives).GetArgumentValue("fields"))["name"]);
        Assert.Equal("Expected value of type \"KeyInput!\", found null.",
            Assert.Single(Assert.Throws<SchemaException>(() => SchemaBuilder.New().AddDocumentFromString("""
                directive @key(fields: KeyInput!) on OBJECT
                type Query @key(fields: null) { id: ID }
                input KeyInput { name: String! }
                """).Create()).Errors).Message);
    }

    [Fact]
    public void Self_referencing_input_defaults_fail_the_build_instead_of_recursing()
    {
        var ex = Assert.Throws<SchemaException>(() => SchemaBuilder.New()
            .AddDocumentFromString("type Query { f(a: A): Int } input A { b: A = {} }")
            .Create());
        Assert.Contains(ex.Errors, e => e.Message.Contains("refers to itself", StringComparison.Ordinal));
    }

    [Fact]
    public void Extensions_add_fields_values_members_and_directives()
    {
        var schema = SchemaBuilder.New()
            .AddDocumentFromString("type Query { a: Int } enum E { A } union U = Query input I { x: Int } interface N { id: ID }")
            .AddDocumentFromString("""
                extend type Query implements N { id: ID e: E u: U i(i: I): Int }
                extend enum E { B }
                extend union U = Other
                extend input I { y: Int }
                type Other { b: Int }
                extend schema { mutation: Other }
                """)
            .Create();

        Assert.Equal(["a", "id", "e", "u", "i"], schema.QueryType.Fields.Select(f => f.Name));
        Assert.Equal(["A", "B"], schema.GetType<EnumType>("E").Values.Select(v => v.Name));
        Assert.Equal(["Query", "Other"], schema.GetType<UnionType>("U").Types.Select(t => t.Name));
        Assert.Equal(["x", "y"], schema.GetType<InputObjectType>("I").Fields.Select(f => f.Name));
        Assert.Equal("N", Assert.Single(schema.QueryType.Interfaces).Name);
        Assert.Equal("Other", schema.MutationType?.Name);
        Assert.Single(((NamedTypeBase)schema.QueryType).ExtensionNodes);
    }

    [Fact]
    public void Registered_scalars_are_used_for_sdl_scalars_without_leaking_descriptions()
    {
        var money = new Graph.GraphQL.Types.Scalars.DecimalType();
        var first = SchemaBuilder.New().AddType(money).AddDocumentFromString("\"Money.\" scalar Decimal type Query { a: Decimal }").Create();
        var second = SchemaBuilder.New().AddType(money).AddDocumentFromString("type Query { a: Decimal }").Create();

        Assert.Equal("Money.", first.GetType<ScalarType>("Decimal").Description);
        Assert.StartsWith("The `Decimal` scalar", second.GetType<ScalarType>("Decimal").Description, StringComparison.Ordinal);
        Assert.Equal(1.5m, first.GetType<ScalarType>("Decimal").ParseValue(1.5d));
        var added = SchemaBuilder.New().AddType<Graph.GraphQL.Types.Scalars.UuidType>().AddDocumentFromString("type Query { id: UUID }").Create();
        Assert.Equal(["Query", "UUID"], added.Types.Take(2).Select(t => t.Name));
        Assert.Equal("scalar Custom\n\ntype Query {\n  a: Custom\n}", SchemaPrinter.Print(
            SchemaBuilder.New().AddDocumentFromString("scalar Custom type Query { a: Custom }").Create()));
    }

    [Fact]
    public void Lookups_cover_types_directives_and_operations()
    {
        var schema = Graph.GraphQL.Tests.TestSchemas.ValidationSchema.Schema;

        Assert.True(schema.TryGetType("Dog", out var dog));
        Assert.Equal(TypeKind.Object, dog.Kind);
        Assert.True(schema.TryGetType<EnumType>("DogCommand", out _));
        Assert.False(schema.TryGetType<ObjectType>("DogCommand", out _));
        Assert.Throws<ArgumentException>(() => schema.GetType<ObjectType>("Nope"));
        Assert.True(schema.TryGetDirective("skip", out var skip));
        Assert.True(skip.IsAllowedAt(DirectiveLocation.InlineFragment));
        Assert.False(skip.IsAllowedAt(DirectiveLocation.FieldDefinition));
        Assert.True(skip.IsExecutable);
        Assert.Same(schema.SubscriptionType, schema.GetOperationType(Graph.GraphQL.Language.OperationType.Subscription));
        Assert.Equal(["Dog", "Human"], schema.GetPossibleTypes(schema.GetType<UnionType>("DogOrHuman")).Select(t => t.Name));
        Assert.Equal(["Alien", "Human"], schema.GetImplementations(schema.GetType<InterfaceType>("Sentient")).Select(t => t.Name));
    }
}
