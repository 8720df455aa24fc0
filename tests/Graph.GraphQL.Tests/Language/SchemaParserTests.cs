using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.Snapshots;

namespace Graph.GraphQL.Tests.Language;

public class SchemaParserTests
{
    private static T ParseSingle<T>(string source)
        where T : IDefinitionNode =>
        Assert.IsType<T>(Assert.Single(Parser.Parse(source).Definitions));

    [Fact]
    public void Parses_the_type_system_kitchen_sink_and_prints_it_stably()
    {
        var document = Parser.Parse(KitchenSink.TypeSystem);

        var printed = document.Print();
        Snapshot.Match(printed);

        var reparsed = Parser.Parse(printed);
        Assert.Equal(document, reparsed, SyntaxComparer.Default);
        Assert.Equal(printed, reparsed.Print());
    }

    [Fact]
    public void Kitchen_sink_definition_kinds()
    {
        var kinds = Parser.Parse(KitchenSink.TypeSystem).Definitions.Select(d => d.Kind.ToString());
        Snapshot.Match(string.Join('\n', kinds));
    }

    [Fact]
    public void Parses_a_simple_type_with_locations()
    {
        var type = ParseSingle<ObjectTypeDefinitionNode>("\ntype Hello {\n  world: String\n}");
        Assert.Equal(new Location(1, 31, 2, 1), type.Location);
        Assert.Equal("Hello", type.Name.Value);
        Assert.Equal(new Location(6, 11, 2, 6), type.Name.Location);
        Assert.Null(type.Description);
        Assert.Empty(type.Interfaces);
        Assert.Empty(type.Directives);
        var field = Assert.Single(type.Fields);
        Assert.Equal(new Location(16, 29, 3, 3), field.Location);
        Assert.Equal("world", field.Name.Value);
        Assert.Equal(new Location(23, 29, 3, 10), field.Type.Location);
        Assert.Empty(field.Arguments);
    }

    [Fact]
    public void Parses_descriptions_of_every_kind()
    {
        var type = ParseSingle<ObjectTypeDefinitionNode>("\"Type.\" type T { \"\"\"Field.\"\"\" f(\"Arg.\" a: Int): Int }");
        Assert.Equal("Type.", type.Description!.Value);
        Assert.False(type.Description.Block);
        Assert.Equal("Field.", type.Fields[0].Description!.Value);
        Assert.True(type.Fields[0].Description!.Block);
        Assert.Equal("Arg.", type.Fields[0].Arguments[0].Description!.Value);

        var schema = ParseSingle<SchemaDefinitionNode>("\"S\" schema { query: Q }");
        Assert.Equal("S", schema.Description!.Value);
        var enumType = ParseSingle<EnumTypeDefinitionNode>("\"E\" enum E { \"V\" V }");
        Assert.Equal("V", enumType.Values[0].Description!.Value);
        var directive = ParseSingle<DirectiveDefinitionNode>("\"D\" directive @d on FIELD");
        Assert.Equal("D", directive.Description!.Value);
    }

    [Fact]
    public void Parses_interfaces_with_and_without_leading_ampersand()
    {
        Assert.Equal(["A", "B"], ParseSingle<ObjectTypeDefinitionNode>("type T implements A & B").Interfaces.Select(i => i.Name.Value));
        Assert.Equal(["A", "B"], ParseSingle<ObjectTypeDefinitionNode>("type T implements & A & B").Interfaces.Select(i => i.Name.Value));
        Assert.Equal(["A"], ParseSingle<InterfaceTypeDefinitionNode>("interface I implements A { f: Int }").Interfaces.Select(i => i.Name.Value));
        Assert.Equal(["A", "B"], ParseSingle<ObjectTypeExtensionNode>("extend type T implements A & B").Interfaces.Select(i => i.Name.Value));
    }

    [Fact]
    public void Parses_union_members_with_and_without_leading_pipe()
    {
        Assert.Equal(["A", "B"], ParseSingle<UnionTypeDefinitionNode>("union U = A | B").Types.Select(t => t.Name.Value));
        Assert.Equal(["A", "B"], ParseSingle<UnionTypeDefinitionNode>("union U = | A | B").Types.Select(t => t.Name.Value));
        Assert.Empty(ParseSingle<UnionTypeDefinitionNode>("union U").Types);
    }

    [Fact]
    public void Parses_argument_and_input_field_defaults_and_directives()
    {
        var type = ParseSingle<ObjectTypeDefinitionNode>("type T { f(a: [Int] = [1, 2] @x, b: In = {c: \"d\"}): Int @y }");
        var field = type.Fields[0];
        Assert.Equal("[1, 2]", field.Arguments[0].DefaultValue!.Print());
        Assert.Equal("x", field.Arguments[0].Directives[0].Name.Value);
        Assert.Equal("{c: \"d\"}", field.Arguments[1].DefaultValue!.Print());
        Assert.Equal("y", field.Directives[0].Name.Value);

        var input = ParseSingle<InputObjectTypeDefinitionNode>("input I { a: Int = 1 @z b: [I!]! }");
        Assert.Equal(["a", "b"], input.Fields.Select(f => f.Name.Value));
        Assert.Equal("1", input.Fields[0].DefaultValue!.Print());
        Assert.Null(input.Fields[1].DefaultValue);
    }

    [Fact]
    public void Parses_directive_definitions()
    {
        var plain = ParseSingle<DirectiveDefinitionNode>("directive @d(a: Int) on FIELD | QUERY");
        Assert.False(plain.IsRepeatable);
        Assert.Equal(["FIELD", "QUERY"], plain.Locations.Select(l => l.Value));
        Assert.Equal("a", Assert.Single(plain.Arguments).Name.Value);

        var repeatable = ParseSingle<DirectiveDefinitionNode>("directive @r repeatable on | OBJECT | INTERFACE");
        Assert.True(repeatable.IsRepeatable);
        Assert.Equal(["OBJECT", "INTERFACE"], repeatable.Locations.Select(l => l.Value));
        Assert.Equal(new Location(29, 35, 1, 30), repeatable.Locations[0].Location);
    }

    [Fact]
    public void Every_spec_directive_location_is_accepted()
    {
        var locations = string.Join(" | ", DirectiveLocations.Executable.Concat(DirectiveLocations.TypeSystem));
        var directive = ParseSingle<DirectiveDefinitionNode>("directive @all on " + locations);
        Assert.Equal(19, directive.Locations.Count);
    }

    [Fact]
    public void Parses_schema_definition_and_extensions()
    {
        var schema = ParseSingle<SchemaDefinitionNode>("schema @a { query: Q mutation: M subscription: S }");
        Assert.Equal(
            [(OperationType.Query, "Q"), (OperationType.Mutation, "M"), (OperationType.Subscription, "S")],
            schema.OperationTypes.Select(o => (o.Operation, o.Type.Name.Value)));
        Assert.Equal("a", Assert.Single(schema.Directives).Name.Value);

        var directivesOnly = ParseSingle<SchemaExtensionNode>("extend schema @b");
        Assert.Empty(directivesOnly.OperationTypes);
        var operationsOnly = ParseSingle<SchemaExtensionNode>("extend schema { mutation: M }");
        Assert.Empty(operationsOnly.Directives);
        Assert.Equal(OperationType.Mutation, Assert.Single(operationsOnly.OperationTypes).Operation);
    }

    [Fact]
    public void Parses_type_extensions()
    {
        Assert.Equal("d", ParseSingle<ScalarTypeExtensionNode>("extend scalar S @d").Directives[0].Name.Value);
        Assert.Single(ParseSingle<ObjectTypeExtensionNode>("extend type T { f: Int }").Fields);
        Assert.Single(ParseSingle<ObjectTypeExtensionNode>("extend type T @d").Directives);
        Assert.Single(ParseSingle<InterfaceTypeExtensionNode>("extend interface I { f: Int }").Fields);
        Assert.Single(ParseSingle<InterfaceTypeExtensionNode>("extend interface I implements J").Interfaces);
        Assert.Single(ParseSingle<UnionTypeExtensionNode>("extend union U = A").Types);
        Assert.Single(ParseSingle<UnionTypeExtensionNode>("extend union U @d").Directives);
        Assert.Single(ParseSingle<EnumTypeExtensionNode>("extend enum E { V }").Values);
        Assert.Single(ParseSingle<EnumTypeExtensionNode>("extend enum E @d").Directives);
        Assert.Single(ParseSingle<InputObjectTypeExtensionNode>("extend input I { f: Int }").Fields);
        Assert.Single(ParseSingle<InputObjectTypeExtensionNode>("extend input I @d").Directives);

        var extension = ParseSingle<ObjectTypeExtensionNode>("  extend type T { f: Int }");
        Assert.Equal(new Location(2, 26, 1, 3), extension.Location);
    }

    [Fact]
    public void Type_definitions_may_omit_their_bodies()
    {
        Assert.Empty(ParseSingle<ObjectTypeDefinitionNode>("type T").Fields);
        Assert.Empty(ParseSingle<InterfaceTypeDefinitionNode>("interface I").Fields);
        Assert.Empty(ParseSingle<EnumTypeDefinitionNode>("enum E").Values);
        Assert.Empty(ParseSingle<InputObjectTypeDefinitionNode>("input I").Fields);
    }

    [Fact]
    public void Type_system_and_executable_definitions_mix_in_one_document()
    {
        var document = Parser.Parse("type Query { a: Int } { a } extend type Query { b: Int } fragment F on Query { b }");
        Assert.Equal(
            [SyntaxKind.ObjectTypeDefinition, SyntaxKind.OperationDefinition, SyntaxKind.ObjectTypeExtension, SyntaxKind.FragmentDefinition],
            document.Definitions.Select(d => d.Kind));
        Assert.IsAssignableFrom<ITypeSystemDefinitionNode>(document.Definitions[0]);
        Assert.IsAssignableFrom<IExecutableDefinitionNode>(document.Definitions[1]);
        Assert.IsAssignableFrom<ITypeSystemExtensionNode>(document.Definitions[2]);
        Assert.IsAssignableFrom<ITypeExtensionNode>(document.Definitions[2]);
    }

    [Theory]
    [InlineData("type Hello { world }", "Syntax Error: Expected \":\", found \"}\".", 1, 20)]
    [InlineData("type Hello { world(a Int): String }", "Syntax Error: Expected \":\", found Name \"Int\".", 1, 22)]
    [InlineData("type Hello { }", "Syntax Error: Expected Name, found \"}\".", 1, 14)]
    [InlineData("type Hello implements { a: Int }", "Syntax Error: Expected Name, found \"{\".", 1, 23)]
    [InlineData("type T implements & & A", "Syntax Error: Expected Name, found \"&\".", 1, 21)]
    [InlineData("type T implements A &", "Syntax Error: Expected Name, found <EOF>.", 1, 22)]
    [InlineData("type T { f: [String }", "Syntax Error: Expected \"]\", found \"}\".", 1, 21)]
    [InlineData("type T { f(a: Int = $v): Int }", "Syntax Error: Unexpected variable \"$v\" in constant value.", 1, 21)]
    [InlineData("scalar S @dir(a: $v)", "Syntax Error: Unexpected variable \"$v\" in constant value.", 1, 18)]
    [InlineData("scalar", "Syntax Error: Expected Name, found <EOF>.", 1, 7)]
    [InlineData("extend scalar Hello", "Syntax Error: Unexpected <EOF>.", 1, 20)]
    [InlineData("extend type Hello", "Syntax Error: Unexpected <EOF>.", 1, 18)]
    [InlineData("extend interface Hello", "Syntax Error: Unexpected <EOF>.", 1, 23)]
    [InlineData("extend union Hello", "Syntax Error: Unexpected <EOF>.", 1, 19)]
    [InlineData("extend enum Hello", "Syntax Error: Unexpected <EOF>.", 1, 18)]
    [InlineData("extend input Hello", "Syntax Error: Unexpected <EOF>.", 1, 19)]
    [InlineData("extend schema", "Syntax Error: Unexpected <EOF>.", 1, 14)]
    [InlineData("extend scalar Hello { a: Int }", "Syntax Error: Unexpected \"{\".", 1, 21)]
    [InlineData("extend schema {}", "Syntax Error: Expected Name, found \"}\".", 1, 16)]
    [InlineData("extend thing X", "Syntax Error: Unexpected Name \"thing\".", 1, 8)]
    [InlineData("extend", "Syntax Error: Unexpected <EOF>.", 1, 7)]
    [InlineData("extend \"x\"", "Syntax Error: Unexpected String \"x\".", 1, 8)]
    [InlineData("union U = | | A", "Syntax Error: Expected Name, found \"|\".", 1, 13)]
    [InlineData("union U = A |", "Syntax Error: Expected Name, found <EOF>.", 1, 14)]
    [InlineData("union U = A B", "Syntax Error: Unexpected Name \"B\".", 1, 13)]
    [InlineData("enum E { A, true }", "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.", 1, 13)]
    [InlineData("enum E { false }", "Syntax Error: Name \"false\" is reserved and cannot be used for an enum value.", 1, 10)]
    [InlineData("enum E { \"described\" null }", "Syntax Error: Name \"null\" is reserved and cannot be used for an enum value.", 1, 22)]
    [InlineData("enum E { \"true\" }", "Syntax Error: Expected Name, found \"}\".", 1, 17)]
    [InlineData("enum E { A(x: 1) }", "Syntax Error: Expected Name, found \"(\".", 1, 11)]
    [InlineData("input I { a(x: Int): String }", "Syntax Error: Expected \":\", found \"(\".", 1, 12)]
    [InlineData("input I { a: Int = }", "Syntax Error: Unexpected \"}\".", 1, 20)]
    [InlineData("directive @d on FIELD | BOGUS", "Syntax Error: Unexpected Name \"BOGUS\".", 1, 25)]
    [InlineData("directive @d on field", "Syntax Error: Unexpected Name \"field\".", 1, 17)]
    [InlineData("directive @d(a: Int) on", "Syntax Error: Expected Name, found <EOF>.", 1, 24)]
    [InlineData("directive @d repeatable FIELD", "Syntax Error: Expected \"on\", found Name \"FIELD\".", 1, 25)]
    [InlineData("directive @d on repeatable FIELD", "Syntax Error: Unexpected Name \"repeatable\".", 1, 17)]
    [InlineData("directive d on FIELD", "Syntax Error: Expected \"@\", found Name \"d\".", 1, 11)]
    [InlineData("directive @d() on FIELD", "Syntax Error: Expected Name, found \")\".", 1, 14)]
    [InlineData("schema { query: Query, other: X }", "Syntax Error: Unexpected Name \"other\".", 1, 24)]
    [InlineData("schema { other \"bad", "Syntax Error: Unterminated string.", 1, 20)]
    [InlineData("schema {}", "Syntax Error: Expected Name, found \"}\".", 1, 9)]
    [InlineData("schema @d", "Syntax Error: Expected \"{\", found <EOF>.", 1, 10)]
    [InlineData("schema { query Q }", "Syntax Error: Expected \":\", found Name \"Q\".", 1, 16)]
    [InlineData("\"desc\" \"desc2\" type T", "Syntax Error: Unexpected String \"desc2\".", 1, 8)]
    [InlineData("\"desc\" extend scalar S @d", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1)]
    [InlineData("type T { \"desc\" }", "Syntax Error: Expected Name, found \"}\".", 1, 17)]
    public void Reports_syntax_errors(string source, string message, int line, int column)
    {
        SyntaxAssert.ParseError(source, message, line, column);
    }
}
