using System.Diagnostics;
using System.Text;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Tests.Language;

public class ParserLimitsTests
{
    [Fact]
    public void Defaults_are_documented_values()
    {
        var options = ParserOptions.Default;
        Assert.False(options.NoLocations);
        Assert.Equal(15_000, options.MaxAllowedTokens);
        Assert.Equal(64, options.MaxAllowedDepth);
        Assert.Equal(2_048, options.MaxAllowedFields);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Limits_must_be_positive(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParserOptions { MaxAllowedTokens = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParserOptions { MaxAllowedDepth = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParserOptions { MaxAllowedFields = value });
    }

    [Fact]
    public void Counts_tokens()
    {
        Parser.Parse("{ foo }", new ParserOptions { MaxAllowedTokens = 3 });
        SyntaxAssert.Throws(
            () => Parser.Parse("{ foo }", new ParserOptions { MaxAllowedTokens = 2 }),
            "Syntax Error: Document contains more than 2 tokens. Parsing aborted.",
            1,
            7,
            ErrorCodes.MaxTokensExceeded);

        Parser.Parse("{ foo(bar: \"baz\") }", new ParserOptions { MaxAllowedTokens = 8 });
        SyntaxAssert.Throws(
            () => Parser.Parse("{ foo(bar: \"baz\") }", new ParserOptions { MaxAllowedTokens = 7 }),
            "Syntax Error: Document contains more than 7 tokens. Parsing aborted.",
            1,
            19,
            ErrorCodes.MaxTokensExceeded);
    }

    [Fact]
    public void Ignored_text_is_not_counted()
    {
        var source = "# a comment\n{ ,,, foo # another\n }";
        Parser.Parse(source, new ParserOptions { MaxAllowedTokens = 3 });
    }

    [Fact]
    public void Token_limit_applies_to_values_types_and_coordinates()
    {
        SyntaxAssert.Throws(
            () => Parser.ParseValue("[1, 2, 3]", new ParserOptions { MaxAllowedTokens = 3 }),
            "Syntax Error: Document contains more than 3 tokens. Parsing aborted.",
            1,
            8,
            ErrorCodes.MaxTokensExceeded);
        SyntaxAssert.Throws(
            () => Parser.ParseType("[[Int]]", new ParserOptions { MaxAllowedTokens = 2 }),
            "Syntax Error: Document contains more than 2 tokens. Parsing aborted.",
            1,
            3,
            ErrorCodes.MaxTokensExceeded);
        SyntaxAssert.Throws(
            () => Parser.ParseSchemaCoordinate("Type.field(arg:)", new ParserOptions { MaxAllowedTokens = 4 }),
            "Syntax Error: Document contains more than 4 tokens. Parsing aborted.",
            1,
            12,
            ErrorCodes.MaxTokensExceeded);
    }

    [Fact]
    public void Stops_a_huge_document_early()
    {
        // About 10 MB of tokens with a lexical error at the very end: the token limit must
        // stop the parser long before the lexer reaches the error.
        var builder = new StringBuilder(10_000_100);
        builder.Append("{ ");
        while (builder.Length < 10_000_000)
        {
            builder.Append("f(a: 1, b: 2, c: 3, d: 4, e: 5) ");
        }
        builder.Append("} ~");
        var source = builder.ToString();

        var stopwatch = Stopwatch.StartNew();
        var exception = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source));
        stopwatch.Stop();

        Assert.Equal(ErrorCodes.MaxTokensExceeded, exception.Code);
        Assert.Equal("Syntax Error: Document contains more than 15000 tokens. Parsing aborted.", exception.Message);
        Assert.True(exception.Position < 100_000, $"stopped at {exception.Position}");
        Assert.True(stopwatch.ElapsedMilliseconds < 2_000, $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Limits_selection_set_depth()
    {
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("{ a ", depth)) + new string('}', depth);

        Parser.Parse(Nested(64));
        SyntaxAssert.Throws(
            () => Parser.Parse(Nested(65)),
            "Syntax Error: Document is nested more than 64 levels deep. Parsing aborted.",
            1,
            1 + (64 * 4),
            ErrorCodes.MaxDepthExceeded);

        Parser.Parse(Nested(3), new ParserOptions { MaxAllowedDepth = 3 });
        SyntaxAssert.Throws(
            () => Parser.Parse(Nested(4), new ParserOptions { MaxAllowedDepth = 3 }),
            "Syntax Error: Document is nested more than 3 levels deep. Parsing aborted.",
            1,
            13,
            ErrorCodes.MaxDepthExceeded);
    }

    [Fact]
    public void Values_and_types_count_towards_depth()
    {
        var options = new ParserOptions { MaxAllowedDepth = 3 };
        Parser.Parse("{ a(x: [{b: 1}]) }", options);
        SyntaxAssert.Throws(
            () => Parser.Parse("{ a(x: [{b: [1]}]) }", options),
            "Syntax Error: Document is nested more than 3 levels deep. Parsing aborted.",
            1,
            13,
            ErrorCodes.MaxDepthExceeded);

        Parser.Parse("query ($v: [[[Int]]]) { a }", options);
        SyntaxAssert.Throws(
            () => Parser.Parse("query ($v: [[[[Int]]]]) { a }", options),
            "Syntax Error: Document is nested more than 3 levels deep. Parsing aborted.",
            1,
            15,
            ErrorCodes.MaxDepthExceeded);

        SyntaxAssert.Throws(
            () => Parser.ParseValue("[[[[1]]]]", options),
            "Syntax Error: Document is nested more than 3 levels deep. Parsing aborted.",
            1,
            4,
            ErrorCodes.MaxDepthExceeded);
    }

    [Fact]
    public void Depth_returns_to_zero_after_each_nesting()
    {
        var options = new ParserOptions { MaxAllowedDepth = 2 };
        var source = string.Concat(Enumerable.Repeat("{ a { b } c(x: [1]) } ", 50));
        var document = Parser.Parse(source, options);
        Assert.Equal(50, document.Definitions.Count);
    }

    [Fact]
    public void Extreme_nesting_fails_without_overflowing_the_stack()
    {
        var options = new ParserOptions { MaxAllowedDepth = int.MaxValue, MaxAllowedTokens = int.MaxValue };
        var source = new string('[', 1_000_000);
        var exception = Assert.Throws<GraphQLSyntaxException>(() => Parser.ParseValue(source, options));
        Assert.Equal(ErrorCodes.MaxDepthExceeded, exception.Code);
    }

    [Fact]
    public void Counts_field_selections()
    {
        var options = new ParserOptions { MaxAllowedFields = 3 };
        Parser.Parse("{ a b { c } }", options);
        SyntaxAssert.Throws(
            () => Parser.Parse("{ a b { c d } }", options),
            "Syntax Error: Document contains more than 3 fields. Parsing aborted.",
            1,
            11,
            ErrorCodes.MaxFieldsExceeded);

        // Fields of all operations and fragments add up.
        SyntaxAssert.Throws(
            () => Parser.Parse("{ a b } fragment F on T { c d }", options),
            "Syntax Error: Document contains more than 3 fields. Parsing aborted.",
            1,
            29,
            ErrorCodes.MaxFieldsExceeded);
    }

    [Fact]
    public void Field_definitions_are_not_field_selections()
    {
        var options = new ParserOptions { MaxAllowedFields = 1 };
        var document = Parser.Parse("type T { a: Int b: Int c: Int }", options);
        Assert.Single(document.Definitions);
    }

    [Fact]
    public void Default_field_limit_is_enforced()
    {
        var source = "{ " + string.Join(' ', Enumerable.Range(0, 2_049).Select(i => "f" + i)) + " }";
        var exception = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source));
        Assert.Equal(ErrorCodes.MaxFieldsExceeded, exception.Code);
        Assert.Equal("Syntax Error: Document contains more than 2048 fields. Parsing aborted.", exception.Message);
        Assert.Equal(source.IndexOf("f2048", StringComparison.Ordinal), exception.Position);

        var fits = "{ " + string.Join(' ', Enumerable.Range(0, 2_048).Select(i => "f" + i)) + " }";
        Assert.Equal(2_048, ((OperationDefinitionNode)Parser.Parse(fits).Definitions[0]).SelectionSet.Selections.Count);
    }

    [Fact]
    public void Syntax_errors_inside_the_limits_are_still_reported_first()
    {
        SyntaxAssert.Throws(
            () => Parser.Parse("{ a ~ b c d }", new ParserOptions { MaxAllowedFields = 2 }),
            "Syntax Error: Unexpected character: \"~\".",
            1,
            5);
    }
}
