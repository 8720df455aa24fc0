using System.Text;
using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.Snapshots;

namespace Graph.GraphQL.Tests.Language;

public class PrinterTests
{
    private static string Reprint(string source) => Parser.Parse(source).Print();

    [Fact]
    public void Prints_a_minimal_hand_built_node()
    {
        var field = new FieldNode(null, null, new NameNode("foo"), [], [], null);
        Assert.Equal("foo", Printer.Print(field));
        Assert.Equal("foo", field.ToString());
    }

    [Fact]
    public void Leaves_out_the_query_keyword_only_for_plain_anonymous_queries()
    {
        Assert.Equal("{\n  id\n  name\n}", Reprint("query { id, name }"));
        Assert.Equal("mutation {\n  id\n}", Reprint("mutation { id }"));
        Assert.Equal("subscription {\n  id\n}", Reprint("subscription { id }"));
        Assert.Equal("query ($foo: TestType) @testDirective {\n  id\n}", Reprint("query ($foo: TestType) @testDirective { id }"));
        Assert.Equal("mutation ($foo: TestType) @testDirective {\n  id\n}", Reprint("mutation ($foo: TestType) @testDirective { id }"));
        Assert.Equal("query @only {\n  id\n}", Reprint("query @only { id }"));
        Assert.Equal("query Named {\n  id\n}", Reprint("query Named { id }"));
        Assert.Equal("\"Described.\"\nquery {\n  id\n}", Reprint("\"Described.\" query { id }"));
    }

    [Fact]
    public void Prints_variable_directives_and_defaults()
    {
        Assert.Equal(
            "query ($foo: TestType = {a: 123} @testDirective(if: true) @test) {\n  id\n}",
            Reprint("query ($foo: TestType = { a: 123 } @testDirective(if: true) @test) { id }"));
    }

    [Fact]
    public void Described_variables_go_one_per_line_without_indentation()
    {
        Assert.Equal(
            "query Q(\n\"The id.\"\n$id: ID!\n$other: Int = 2\n) {\n  a\n}",
            Reprint("query Q(\"The id.\" $id: ID!, $other: Int = 2) { a }"));
    }

    [Fact]
    public void Keeps_arguments_on_one_line_up_to_80_characters()
    {
        Assert.Equal(
            "{\n  trip(wheelchair: false, arriveBy: false) {\n    dateTime\n  }\n}",
            Reprint("{trip(wheelchair:false arriveBy:false){dateTime}}"));

        // f(a: "x...x") with 72 x is exactly 80 characters long; with 73 it is 81.
        var eighty = "{ f(a: \"" + new string('x', 72) + "\") }";
        Assert.Equal("{\n  f(a: \"" + new string('x', 72) + "\")\n}", Reprint(eighty));
        var eightyOne = "{ f(a: \"" + new string('x', 73) + "\") }";
        Assert.Equal("{\n  f(\n    a: \"" + new string('x', 73) + "\"\n  )\n}", Reprint(eightyOne));
    }

    [Fact]
    public void Puts_arguments_on_separate_lines_beyond_80_characters()
    {
        Assert.Equal(
            "{\n  trip(\n    wheelchair: false\n    arriveBy: false\n    includePlannedCancellations: true\n    transitDistanceReluctance: 2000\n  ) {\n    dateTime\n  }\n}",
            Reprint("{trip(wheelchair:false arriveBy:false includePlannedCancellations:true transitDistanceReluctance:2000){dateTime}}"));
    }

    [Fact]
    public void Alias_counts_towards_the_line_length()
    {
        var arguments = "(a: \"" + new string('y', 70) + "\")";
        Assert.Equal("{\n  f" + arguments + "\n}", Reprint("{ f" + arguments + " }"));
        Assert.Equal("{\n  alias: f(\n    a: \"" + new string('y', 70) + "\"\n  )\n}", Reprint("{ alias: f" + arguments + " }"));
    }

    [Fact]
    public void Indents_block_strings_with_their_surroundings()
    {
        var printed = Reprint("{ a { b(text: \"\"\"\n  line one\n    line two\n\"\"\") } }");
        Assert.Equal("{\n  a {\n    b(text: \"\"\"\n    line one\n      line two\n    \"\"\")\n  }\n}", printed);
        var b = (FieldNode)((FieldNode)((OperationDefinitionNode)Parser.Parse(printed).Definitions[0]).SelectionSet.Selections[0]).SelectionSet!.Selections[0];
        Assert.Equal("line one\n  line two", ((StringValueNode)b.Arguments[0].Value).Value);
    }

    [Fact]
    public void Escapes_strings()
    {
        Assert.Equal(
            "{\n  f(s: \"a\\u0001b\\u007F\\u0085 \\\"q\\\" \\\\ \\b\\f\\n\\r\\t \u00e9 \U0001F600 /\")\n}",
            Reprint("{ f(s: \"a\\u0001b\\u007f\\u0085 \\\"q\\\" \\\\ \\b\\f\\n\\r\\t \\u00e9 \\u{1F600} \\/\") }"));
        Assert.Equal("\"line\\nbreak\"", Printer.PrintString("line\nbreak"));
        Assert.Equal("\"\\u001F\\u0000\"", Printer.PrintString("\u001F\0"));
    }

    [Fact]
    public void Prints_values()
    {
        Assert.Equal("[1, -2.5e3, \"s\", true, false, null, ENUM, $v, [], {}, {a: [{b: 1}]}]",
            Parser.ParseValue("[1 -2.5e3 \"s\" true false null ENUM $v [] {} {a: [{b: 1}]}]").Print());
        Assert.Equal("\"\"\"block\"\"\"", Parser.ParseValue("\"\"\"block\"\"\"").Print());
    }

    [Fact]
    public void Prints_fragments()
    {
        Assert.Equal("fragment F on T {\n  a\n}", Reprint("fragment F on T { a }"));
        Assert.Equal("fragment F on T @d @e(x: 1) {\n  a\n}", Reprint("fragment F on T @d @e(x: 1) { a }"));
        Assert.Equal("\"F.\"\nfragment F on T {\n  a\n}", Reprint("\"F.\" fragment F on T { a }"));
        Assert.Equal(
            "{\n  ...F\n  ...G @d\n  ... on T {\n    a\n  }\n  ... @e {\n    b\n  }\n  ... {\n    c\n  }\n}",
            Reprint("{ ...F ...G @d ... on T { a } ... @e { b } ... { c } }"));
    }

    [Fact]
    public void Prints_type_system_definitions()
    {
        Assert.Equal("type T", Reprint("type T"));
        Assert.Equal("type T implements A & B @d {\n  f(a: Int = 1, b: [String!]): Int @e\n}", Reprint("type T implements & A & B @d { f(a: Int = 1 b: [String!]): Int @e }"));
        Assert.Equal("interface I implements J {\n  f: Int\n}", Reprint("interface I implements J { f: Int }"));
        Assert.Equal("union U @d = A | B", Reprint("union U @d = | A | B"));
        Assert.Equal("enum E {\n  A\n  B @d\n}", Reprint("enum E { A B @d }"));
        Assert.Equal("input I {\n  a: Int = 1 @d\n}", Reprint("input I { a: Int = 1 @d }"));
        Assert.Equal("scalar S @d(x: \"y\")", Reprint("scalar S @d(x: \"y\")"));
        Assert.Equal("schema @d {\n  query: Q\n}", Reprint("schema @d { query: Q }"));
        Assert.Equal("directive @d(a: Int) repeatable on FIELD | QUERY", Reprint("directive @d(a: Int) repeatable on | FIELD | QUERY"));
    }

    [Fact]
    public void Described_arguments_go_one_per_line_indented()
    {
        Assert.Equal(
            "type T {\n  f(\n    \"A.\"\n    a: Int\n    b: Int\n  ): Int\n}",
            Reprint("type T { f(\"A.\" a: Int, b: Int): Int }"));
        Assert.Equal(
            "directive @d(\n  \"\"\"\n  Multi\n  line\n  \"\"\"\n  a: Int\n) on FIELD",
            Reprint("directive @d(\"\"\"\nMulti\nline\n\"\"\" a: Int) on FIELD"));
    }

    [Fact]
    public void Indents_block_descriptions()
    {
        Assert.Equal(
            "type T {\n  \"\"\"\n  Multi\n    line\n  \"\"\"\n  f: Int\n}",
            Reprint("type T {\n\"\"\"\nMulti\n  line\n\"\"\"\nf: Int }"));
        Assert.Equal("\"quoted\\nnewline\"\nscalar S", Reprint("\"quoted\\nnewline\" scalar S"));
    }

    [Fact]
    public void Prints_extensions()
    {
        Assert.Equal("extend schema @d", Reprint("extend schema @d"));
        Assert.Equal("extend schema {\n  mutation: M\n}", Reprint("extend schema { mutation: M }"));
        Assert.Equal("extend scalar S @d", Reprint("extend scalar S @d"));
        Assert.Equal("extend type T implements I {\n  f: Int\n}", Reprint("extend type T implements I { f: Int }"));
        Assert.Equal("extend interface I @d", Reprint("extend interface I @d"));
        Assert.Equal("extend union U = A", Reprint("extend union U = A"));
        Assert.Equal("extend enum E {\n  V\n}", Reprint("extend enum E { V }"));
        Assert.Equal("extend input I {\n  f: Int\n}", Reprint("extend input I { f: Int }"));
    }

    [Theory]
    [InlineData("Type")]
    [InlineData("Type.field")]
    [InlineData("Type.field(arg:)")]
    [InlineData("@directive")]
    [InlineData("@directive(arg:)")]
    public void Prints_schema_coordinates(string coordinate)
    {
        Assert.Equal(coordinate, Parser.ParseSchemaCoordinate(coordinate).Print());
    }

    [Fact]
    public void Leaves_out_empty_hand_built_selection_sets()
    {
        var field = new FieldNode(null, null, new NameNode("f"), [], [], new SelectionSetNode([]));
        Assert.Equal("f", field.Print());
        var inline = new InlineFragmentNode(null, new NamedTypeNode("T"), [], new SelectionSetNode([]));
        Assert.Equal("... on T", inline.Print());
    }

    [Fact]
    public void Prints_hand_built_trees()
    {
        var document = new DocumentNode(
        [
            new OperationDefinitionNode(
                null,
                new NameNode("Q"),
                null,
                OperationType.Query,
                [new VariableDefinitionNode(null, new VariableNode("v"), null, new NonNullTypeNode(new ListTypeNode(new NamedTypeNode("Int"))), new ListValueNode(new IntValueNode(1)), [])],
                [new DirectiveNode("d", new ArgumentNode("x", new FloatValueNode(1.0)))],
                new SelectionSetNode([new FieldNode(null, new NameNode("a"), new NameNode("b"), [new ArgumentNode("v", new VariableNode("v"))], [], null)])),
        ]);
        Assert.Equal("query Q($v: [Int]! = [1]) @d(x: 1.0) {\n  a: b(v: $v)\n}", document.Print());
        Assert.Equal(document.Print(), document.ToString());
    }

    [Fact]
    public void Appends_to_a_string_builder()
    {
        var builder = new StringBuilder("> ");
        Printer.Print(Parser.ParseType("[A!]"), builder);
        Assert.Equal("> [A!]", builder.ToString());
    }

    [Fact]
    public void Printing_does_not_change_the_tree()
    {
        var document = Parser.Parse(KitchenSink.Executable);
        var before = SyntaxDump.Dump(document);
        _ = document.Print();
        Assert.Equal(before, SyntaxDump.Dump(document));
    }

    [Fact]
    public void Printing_is_idempotent_on_printed_output()
    {
        foreach (var source in new[] { KitchenSink.Executable, KitchenSink.TypeSystem })
        {
            var once = Reprint(source);
            Assert.Equal(once, Reprint(once));
        }
    }

    [Fact]
    public void Prints_a_document_with_both_kinds_of_definitions()
    {
        Snapshot.Match(Reprint("type Query { a(x: Int): String } query Q($x: Int) { a(x: $x) } extend type Query @d"));
    }
}
