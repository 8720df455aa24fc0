using Graph.GraphQL.Language;

namespace Graph.GraphQL.Tests.Language;

public class SyntaxComparerTests
{
    private static readonly SyntaxComparer Comparer = SyntaxComparer.Default;

    private static ISyntaxNode Doc(string source) => Parser.Parse(source);

    [Fact]
    public void Ignores_locations()
    {
        var spaced = Doc("query   Q  {\n\n a(x:1)   }");
        var compact = Doc("query Q{a(x:1)}");
        Assert.NotEqual(spaced.Location, compact.Location);
        Assert.True(Comparer.Equals(spaced, compact));
        Assert.Equal(Comparer.GetHashCode(spaced), Comparer.GetHashCode(compact));
        Assert.True(Comparer.Equals(Doc("type T { f: Int }"), Parser.Parse("type T { f: Int }", new ParserOptions { NoLocations = true })));
    }

    [Theory]
    [InlineData("{ a }", "{ b }")]
    [InlineData("{ a: b }", "{ b }")]
    [InlineData("{ a: b }", "{ a: c }")]
    [InlineData("{ a(x: 1) }", "{ a(x: 2) }")]
    [InlineData("{ a(x: 1) }", "{ a(x: 1.0) }")]
    [InlineData("{ a(x: 1) }", "{ a(y: 1) }")]
    [InlineData("{ a(x: 1, y: 2) }", "{ a(y: 2, x: 1) }")]
    [InlineData("{ a(x: \"s\") }", "{ a(x: \"\"\"s\"\"\") }")]
    [InlineData("{ a(x: ENUM) }", "{ a(x: \"ENUM\") }")]
    [InlineData("{ a(x: true) }", "{ a(x: false) }")]
    [InlineData("{ a(x: null) }", "{ a(x: NULL) }")]
    [InlineData("{ a(x: $v) }", "{ a(x: $w) }")]
    [InlineData("{ a(x: [1]) }", "{ a(x: [1, 1]) }")]
    [InlineData("{ a(x: {b: 1}) }", "{ a(x: {c: 1}) }")]
    [InlineData("{ a @d }", "{ a @e }")]
    [InlineData("{ a @d }", "{ a }")]
    [InlineData("{ a { b } }", "{ a }")]
    [InlineData("{ ...F }", "{ ... on F { a } }")]
    [InlineData("{ ... on T { a } }", "{ ... { a } }")]
    [InlineData("query { a }", "mutation { a }")]
    [InlineData("query Q { a }", "query R { a }")]
    [InlineData("query Q($v: Int) { a }", "query Q($v: Int!) { a }")]
    [InlineData("query Q($v: Int = 1) { a }", "query Q($v: Int) { a }")]
    [InlineData("\"d\" query Q { a }", "query Q { a }")]
    [InlineData("type T { f: Int }", "interface T { f: Int }")]
    [InlineData("type T { f: Int }", "type T { f: [Int] }")]
    [InlineData("type T { f(a: Int = 1): Int }", "type T { f(\"1\" a: Int): Int }")]
    [InlineData("directive @d on FIELD", "directive @d repeatable on FIELD")]
    [InlineData("directive @d on FIELD", "directive @d on QUERY")]
    [InlineData("schema { query: Q }", "schema { mutation: Q }")]
    [InlineData("union U = A | B", "union U = B | A")]
    [InlineData("extend type T @d", "extend interface T @d")]
    public void Tells_different_trees_apart(string left, string right)
    {
        Assert.False(Comparer.Equals(Doc(left), Doc(right)));
        Assert.False(Comparer.Equals(Doc(right), Doc(left)));
    }

    [Fact]
    public void Handles_nulls_and_identity()
    {
        var node = Doc("{ a }");
        Assert.True(Comparer.Equals(null, null));
        Assert.False(Comparer.Equals(node, null));
        Assert.False(Comparer.Equals(null, node));
        Assert.True(Comparer.Equals(node, node));
    }

    [Fact]
    public void Equal_values_have_equal_hash_codes()
    {
        var left = Parser.ParseValue("{a: [1, \"x\", ENUM, true, null, 2.5]}");
        var right = Parser.ParseValue("{ a : [ 1 \"x\" ENUM true null 2.5 ] }");
        Assert.True(Comparer.Equals(left, right));
        Assert.Equal(Comparer.GetHashCode(left), Comparer.GetHashCode(right));
        Assert.NotEqual(Comparer.GetHashCode(left), Comparer.GetHashCode(Parser.ParseValue("{a: [1]}")));
    }

    [Fact]
    public void Compares_hand_built_and_parsed_nodes()
    {
        var built = new FieldNode(null, null, new NameNode("a"), [new ArgumentNode("x", new IntValueNode(1))], [], null);
        var parsed = ((OperationDefinitionNode)Parser.Parse("{ a(x: 1) }").Definitions[0]).SelectionSet.Selections[0];
        Assert.True(Comparer.Equals(built, parsed));
        Assert.Equal(Comparer.GetHashCode(built), Comparer.GetHashCode(parsed));
    }
}
