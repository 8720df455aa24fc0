using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.Snapshots;

namespace Graph.GraphQL.Tests.Language;

public class LexerTests
{
    private readonly record struct Token(TokenKind Kind, int Start, int End, int Line, int Column, string? Value);

    private static Token Capture(in Lexer lexer) =>
        new(lexer.Kind, lexer.Start, lexer.End, lexer.Line, lexer.Column, lexer.GetValue());

    private static Token LexOne(string source)
    {
        var lexer = new Lexer(source);
        lexer.Read();
        return Capture(lexer);
    }

    private static Token LexSecond(string source)
    {
        var lexer = new Lexer(source);
        lexer.Read();
        lexer.Read();
        return Capture(lexer);
    }

    private static List<Token> LexAll(string source, bool emitComments = false)
    {
        var lexer = new Lexer(source, emitComments);
        var tokens = new List<Token>();
        while (lexer.Read())
        {
            tokens.Add(Capture(lexer));
        }
        tokens.Add(Capture(lexer));
        return tokens;
    }

    private static void LexError(string source, string message, int line, int column) =>
        SyntaxAssert.Throws(() => LexAll(source), message, line, column);

    [Fact]
    public void Starts_on_start_of_file_and_stays_on_end_of_file()
    {
        var lexer = new Lexer("x");
        Assert.Equal(TokenKind.StartOfFile, lexer.Kind);
        Assert.True(lexer.Read());
        Assert.Equal(TokenKind.Name, lexer.Kind);
        Assert.False(lexer.Read());
        Assert.Equal(TokenKind.EndOfFile, lexer.Kind);
        Assert.Equal(1, lexer.Start);
        Assert.False(lexer.Read());
        Assert.Equal(TokenKind.EndOfFile, lexer.Kind);
        Assert.Null(lexer.GetValue());
    }

    [Fact]
    public void Empty_source_is_end_of_file_at_line_one()
    {
        Assert.Equal(new Token(TokenKind.EndOfFile, 0, 0, 1, 1, null), LexOne(string.Empty));
    }

    [Fact]
    public void Skips_byte_order_mark()
    {
        Assert.Equal(new Token(TokenKind.Name, 3, 7, 1, 4, "name"), LexOne("\uFEFF  name"));
    }

    [Theory]
    [InlineData("word", 0, 1, 1)]
    [InlineData("\nword", 1, 2, 1)]
    [InlineData("\rword", 1, 2, 1)]
    [InlineData("\r\nword", 2, 2, 1)]
    [InlineData("\n\rword", 2, 3, 1)]
    [InlineData("\r\r\n\nword", 4, 4, 1)]
    [InlineData("\n\n\r\r  word", 6, 5, 3)]
    [InlineData(" \t\r\n\t \n   word", 10, 3, 4)]
    public void Tracks_lines_and_columns(string source, int start, int line, int column)
    {
        Assert.Equal(new Token(TokenKind.Name, start, start + 4, line, column, "word"), LexOne(source));
    }

    [Fact]
    public void Skips_whitespace_commas_and_comments()
    {
        Assert.Equal(new Token(TokenKind.Name, 16, 21, 3, 3, "after"), LexOne("  # first\n,,\t\n  after # trailing\n"));
        Assert.Equal(new Token(TokenKind.Name, 3, 6, 1, 4, "abc"), LexOne(",,,abc,,,"));
        Assert.Equal(new Token(TokenKind.Name, 2, 5, 1, 3, "xyz"), LexOne("\t\txyz\t\t"));
    }

    [Fact]
    public void Emits_comments_when_asked()
    {
        var tokens = LexAll("# one\r\nname # two \U0001F600\n#", emitComments: true);
        Assert.Equal(
            [
                new Token(TokenKind.Comment, 0, 5, 1, 1, " one"),
                new Token(TokenKind.Name, 7, 11, 2, 1, "name"),
                new Token(TokenKind.Comment, 12, 20, 2, 6, " two \U0001F600"),
                new Token(TokenKind.Comment, 21, 22, 3, 1, string.Empty),
                new Token(TokenKind.EndOfFile, 22, 22, 3, 2, null),
            ],
            tokens);
    }

    [Fact]
    public void Comments_are_skipped_by_default()
    {
        Assert.Equal(
            [new Token(TokenKind.LeftBrace, 0, 1, 1, 1, null), new Token(TokenKind.RightBrace, 13, 14, 2, 1, null), new Token(TokenKind.EndOfFile, 14, 14, 2, 2, null)],
            LexAll("{ # inside }\n}"));
    }

    [Fact]
    public void Lone_surrogate_ends_a_comment_and_is_an_invalid_character()
    {
        LexError("# broken \uDC01 here", "Syntax Error: Invalid character: U+DC01.", 1, 10);
    }

    [Fact]
    public void Lexes_every_punctuator()
    {
        var tokens = LexAll("! $ & ( ) ... : = @ [ ] { | }");
        Assert.Equal(
            [
                TokenKind.Bang, TokenKind.Dollar, TokenKind.Ampersand, TokenKind.LeftParenthesis, TokenKind.RightParenthesis,
                TokenKind.Spread, TokenKind.Colon, TokenKind.Equal, TokenKind.At, TokenKind.LeftBracket, TokenKind.RightBracket,
                TokenKind.LeftBrace, TokenKind.Pipe, TokenKind.RightBrace, TokenKind.EndOfFile,
            ],
            tokens.Select(t => t.Kind));
        Assert.Equal(new Token(TokenKind.Spread, 10, 13, 1, 11, null), tokens[5]);
        Assert.All(tokens, t => Assert.Null(t.Value));
    }

    [Fact]
    public void Lexes_names()
    {
        Assert.Equal(new Token(TokenKind.Name, 0, 13, 1, 1, "_under_Score9"), LexOne("_under_Score9"));
        Assert.Equal(new Token(TokenKind.Name, 0, 2, 1, 1, "Zz"), LexOne("Zz-"));
    }

    [Fact]
    public void Name_followed_by_dash_is_an_invalid_number()
    {
        var lexer = new Lexer("left-right");
        Assert.True(lexer.Read());
        Assert.Equal("left", lexer.GetValue());
        var exception = Assert.Throws<GraphQLSyntaxException>(() =>
        {
            var second = new Lexer("left-right");
            second.Read();
            second.Read();
        });
        SyntaxAssert.AssertError(exception, "Syntax Error: Invalid number, expected digit but got: \"r\".", 1, 6);
    }

    [Theory]
    [InlineData("0", TokenKind.Int)]
    [InlineData("-0", TokenKind.Int)]
    [InlineData("7", TokenKind.Int)]
    [InlineData("-98765", TokenKind.Int)]
    [InlineData("0.5", TokenKind.Float)]
    [InlineData("-0.5", TokenKind.Float)]
    [InlineData("3.25", TokenKind.Float)]
    [InlineData("6e7", TokenKind.Float)]
    [InlineData("6E7", TokenKind.Float)]
    [InlineData("6e+7", TokenKind.Float)]
    [InlineData("6e-7", TokenKind.Float)]
    [InlineData("-2.75E-12", TokenKind.Float)]
    [InlineData("0e0", TokenKind.Float)]
    [InlineData("12.5e99999", TokenKind.Float)]
    public void Lexes_numbers(string source, TokenKind kind)
    {
        Assert.Equal(new Token(kind, 0, source.Length, 1, 1, source), LexOne(source));
    }

    [Theory]
    [InlineData("007", "Syntax Error: Invalid number, unexpected digit after 0: \"0\".", 2)]
    [InlineData("-05", "Syntax Error: Invalid number, unexpected digit after 0: \"5\".", 3)]
    [InlineData("02.5", "Syntax Error: Invalid number, unexpected digit after 0: \"2\".", 2)]
    [InlineData("1.", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 3)]
    [InlineData("5.x", "Syntax Error: Invalid number, expected digit but got: \"x\".", 3)]
    [InlineData("12e", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 4)]
    [InlineData("12E", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 4)]
    [InlineData("1e+", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 4)]
    [InlineData("4.e2", "Syntax Error: Invalid number, expected digit but got: \"e\".", 3)]
    [InlineData("2.5e\"", "Syntax Error: Invalid number, expected digit but got: '\"'.", 5)]
    [InlineData("2.5eZ", "Syntax Error: Invalid number, expected digit but got: \"Z\".", 5)]
    [InlineData("3.14.15", "Syntax Error: Invalid number, expected digit but got: \".\".", 5)]
    [InlineData("8e1.5", "Syntax Error: Invalid number, expected digit but got: \".\".", 4)]
    [InlineData("8e1e5", "Syntax Error: Invalid number, expected digit but got: \"e\".", 4)]
    [InlineData("-x", "Syntax Error: Invalid number, expected digit but got: \"x\".", 2)]
    [InlineData("-", "Syntax Error: Invalid number, expected digit but got: <EOF>.", 2)]
    [InlineData("9abc", "Syntax Error: Invalid number, expected digit but got: \"a\".", 2)]
    [InlineData("0x1F", "Syntax Error: Invalid number, expected digit but got: \"x\".", 2)]
    [InlineData("0b11", "Syntax Error: Invalid number, expected digit but got: \"b\".", 2)]
    [InlineData("100_000", "Syntax Error: Invalid number, expected digit but got: \"_\".", 4)]
    [InlineData("6.5f", "Syntax Error: Invalid number, expected digit but got: \"f\".", 4)]
    [InlineData("6.02_1", "Syntax Error: Invalid number, expected digit but got: \"_\".", 5)]
    public void Reports_number_errors(string source, string message, int column)
    {
        LexError(source, message, 1, column);
    }

    [Fact]
    public void Number_followed_by_non_ascii_letter_is_two_tokens_and_an_unexpected_character()
    {
        LexError("1\u00E9", "Syntax Error: Unexpected character: U+00E9.", 1, 2);
        Assert.Equal(new Token(TokenKind.Int, 0, 1, 1, 1, "1"), LexOne("1\u00E9"));
    }

    [Fact]
    public void Dot_that_does_not_start_a_number_or_spread_is_unexpected()
    {
        LexError(".75", "Syntax Error: Unexpected character: \".\".", 1, 1);
        LexError("..", "Syntax Error: Unexpected character: \".\".", 1, 1);
        LexError("+3", "Syntax Error: Unexpected character: \"+\".", 1, 1);
    }

    [Theory]
    [InlineData("\"\"", "")]
    [InlineData("\"plain text\"", "plain text")]
    [InlineData("\"  padded  \"", "  padded  ")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("\"a\\\\b\\/c\"", "a\\b/c")]
    [InlineData("\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t")]
    [InlineData("\"\\u0041\\u00e9\\u00E9\\uFFFF\"", "A\u00e9\u00e9\uFFFF")]
    [InlineData("\"\\u{41}\\u{e9}\\u{1F680}\"", "A\u00e9\U0001F680")]
    [InlineData("\"\\u{0}\"", "\0")]
    [InlineData("\"\\u{00000041}\"", "A")]
    [InlineData("\"\\u{10FFFF}\"", "\U0010FFFF")]
    [InlineData("\"\\uD83D\\uDE80\"", "\U0001F680")]
    [InlineData("\"\\uD800\\uDC00\"", "\U00010000")]
    [InlineData("\"\\uDBFF\\uDFFF\"", "\U0010FFFF")]
    [InlineData("\"\\u0041\\u0042\"", "AB")]
    [InlineData("\"raw caf\u00e9 \U0001F680 \u0000 \u0007 tab\t\"", "raw caf\u00e9 \U0001F680 \u0000 \u0007 tab\t")]
    public void Lexes_strings(string source, string value)
    {
        Assert.Equal(new Token(TokenKind.String, 0, source.Length, 1, 1, value), LexOne(source));
    }

    [Fact]
    public void String_text_keeps_quotes_and_escapes()
    {
        var lexer = new Lexer("  \"a\\nb\"  ");
        lexer.Read();
        Assert.Equal("\"a\\nb\"", lexer.Text.ToString());
        Assert.Equal("a\nb", lexer.GetValue());
        Assert.Equal("String \"a\nb\"", lexer.Describe());
    }

    [Fact]
    public void Long_strings_with_escapes_decode()
    {
        var content = string.Concat(Enumerable.Repeat("x\\u0041\\n", 200));
        var expected = string.Concat(Enumerable.Repeat("xA\n", 200));
        Assert.Equal(expected, LexOne("\"" + content + "\"").Value);
    }

    [Theory]
    [InlineData("\"", "Syntax Error: Unterminated string.", 2)]
    [InlineData("\"open", "Syntax Error: Unterminated string.", 6)]
    [InlineData("\"two\nlines\"", "Syntax Error: Unterminated string.", 5)]
    [InlineData("\"two\rlines\"", "Syntax Error: Unterminated string.", 5)]
    [InlineData("'single'", "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?", 1)]
    [InlineData("\"oops \\q here\"", "Syntax Error: Invalid character escape sequence: \"\\q\".", 7)]
    [InlineData("\"oops \\", "Syntax Error: Invalid character escape sequence: \"\\\".", 7)]
    [InlineData("\"x \\u12\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u12\"\".", 4)]
    [InlineData("\"x \\u12", "Syntax Error: Invalid Unicode escape sequence: \"\\u12\".", 4)]
    [InlineData("\"x \\uGGGG\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uGGGG\".", 4)]
    [InlineData("\"x \\u00G1\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u00G1\".", 4)]
    [InlineData("\"x \\u{}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\".", 4)]
    [InlineData("\"x \\u{4G}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{4G\".", 4)]
    [InlineData("\"x \\u{41 }\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{41 \".", 4)]
    [InlineData("\"x \\u{41\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{41\"\".", 4)]
    [InlineData("\"x \\u{110000}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\".", 4)]
    [InlineData("\"x \\u{FFFFFFFF}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFFFFFF\".", 4)]
    [InlineData("\"x \\u{000000041}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{000000041\".", 4)]
    [InlineData("\"x \\uDC00\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uDC00\".", 4)]
    [InlineData("\"x \\u{DC00}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{DC00}\".", 4)]
    [InlineData("\"x \\u{D83D}\\u{DE80}\"", "Syntax Error: Invalid Unicode escape sequence: \"\\u{D83D}\".", 4)]
    [InlineData("\"x \\uD83D\\uD83D\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\".", 4)]
    [InlineData("\"x \\uDE80\\uD83D\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uDE80\".", 4)]
    [InlineData("\"x \\uD83D\\u0041\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\".", 4)]
    [InlineData("\"x \\uD83D\\n\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\".", 4)]
    public void Reports_string_errors(string source, string message, int column)
    {
        LexError(source, message, 1, column);
    }

    // Lone surrogates cannot travel through theory data, so these cases are built in code.
    [Fact]
    public void Reports_unpaired_surrogates_in_strings()
    {
        const char High = '\uD83D';
        const char Low = '\uDE80';
        LexError("\"lone " + '\uDC00' + "\"", "Syntax Error: Invalid character within String: U+DC00.", 1, 7);
        LexError("\"reversed " + Low + High + "\"", "Syntax Error: Invalid character within String: U+DE80.", 1, 11);
        LexError("\"doubled " + High + High + "\"", "Syntax Error: Invalid character within String: U+D83D.", 1, 10);
        LexError("\"x " + High + "\\uDE80\"", "Syntax Error: Invalid character within String: U+D83D.", 1, 4);
        LexError("\"x \\uD83D" + Low + "\"", "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\".", 1, 4);
        LexError("\"\"\"\n\n  bad " + Low + "\"\"\"", "Syntax Error: Invalid character within String: U+DE80.", 3, 7);
        LexError("# comment " + Low, "Syntax Error: Invalid character: U+DE80.", 1, 11);
    }

    [Fact]
    public void Reports_unpaired_surrogates_outside_strings()
    {
        LexError("\uDABC", "Syntax Error: Invalid character: U+DABC.", 1, 1);
        LexError("\uDEF0x", "Syntax Error: Invalid character: U+DEF0.", 1, 1);
        LexError("a \uD83D", "Syntax Error: Invalid character: U+D83D.", 1, 3);
    }

    [Theory]
    [InlineData("\"\"\"\"\"\"", "")]
    [InlineData("\"\"\"single line\"\"\"", "single line")]
    [InlineData("\"\"\" spaced \"\"\"", " spaced ")]
    [InlineData("\"\"\"a \" and \"\" inside\"\"\"", "a \" and \"\" inside")]
    [InlineData("\"\"\"escaped \\\"\"\" quotes\"\"\"", "escaped \"\"\" quotes")]
    [InlineData("\"\"\"no \\n \\u0041 \\\\ escapes\"\"\"", "no \\n \\u0041 \\\\ escapes")]
    [InlineData("\"\"\"one\ntwo\"\"\"", "one\ntwo")]
    [InlineData("\"\"\"one\rtwo\r\nthree\"\"\"", "one\ntwo\nthree")]
    [InlineData("\"\"\"\n    first\n      second\n\n    third\n  \"\"\"", "first\n  second\n\nthird")]
    [InlineData("\"\"\"  kept\n    dedented\"\"\"", "  kept\ndedented")]
    [InlineData("\"\"\"\n \t \n\t\"\"\"", "")]
    [InlineData("\"\"\"emoji \U0001F680\"\"\"", "emoji \U0001F680")]
    [InlineData("\"\"\"\n      \\\"\"\"quoted\\\"\"\"\n    line\n\"\"\"", "  \"\"\"quoted\"\"\"\nline")]
    public void Lexes_block_strings(string source, string value)
    {
        Assert.Equal(new Token(TokenKind.BlockString, 0, source.Length, 1, 1, value), LexOne(source));
    }

    [Fact]
    public void Block_string_moves_the_line_of_the_next_token()
    {
        Assert.Equal(new Token(TokenKind.Name, 24, 28, 4, 8, "next"), LexSecond("\"\"\"\n  one\r\n  two\r   \"\"\" next"));
        Assert.Equal(new Token(TokenKind.Name, 13, 17, 5, 2, "last"), LexSecond("\"\"\"a\n\nb\"\"\"\n\n last"));
    }

    [Theory]
    [InlineData("\"\"\"", "Syntax Error: Unterminated string.", 1, 4)]
    [InlineData("\"\"\"open", "Syntax Error: Unterminated string.", 1, 8)]
    [InlineData("\"\"\"line\nand more \"\"", "Syntax Error: Unterminated string.", 2, 12)]
    [InlineData("\"\"\"ends with escape \\\"\"\"", "Syntax Error: Unterminated string.", 1, 25)]
    public void Reports_block_string_errors(string source, string message, int line, int column)
    {
        LexError(source, message, line, column);
    }

    [Theory]
    [InlineData("~", "Syntax Error: Unexpected character: \"~\".")]
    [InlineData("?", "Syntax Error: Unexpected character: \"?\".")]
    [InlineData("\u0000", "Syntax Error: Unexpected character: U+0000.")]
    [InlineData("\u0007", "Syntax Error: Unexpected character: U+0007.")]
    [InlineData("\u007F", "Syntax Error: Unexpected character: U+007F.")]
    [InlineData("\u00A0", "Syntax Error: Unexpected character: U+00A0.")]
    [InlineData("\u2028", "Syntax Error: Unexpected character: U+2028.")]
    [InlineData("\U0001F680", "Syntax Error: Unexpected character: U+1F680.")]
    [InlineData("\U00010000", "Syntax Error: Unexpected character: U+10000.")]
    [InlineData("\U0010FFFF", "Syntax Error: Unexpected character: U+10FFFF.")]
    public void Reports_unexpected_and_invalid_characters(string source, string message)
    {
        LexError(source, message, 1, 1);
    }

    [Fact]
    public void Error_location_accounts_for_preceding_lines()
    {
        LexError("\n\n   ~", "Syntax Error: Unexpected character: \"~\".", 3, 4);
        LexError("a\r\nb\r\n  %", "Syntax Error: Unexpected character: \"%\".", 3, 3);
        LexError("\"\"\"\nx\n\"\"\" ^", "Syntax Error: Unexpected character: \"^\".", 3, 5);
    }

    [Fact]
    public void Lexes_a_small_document()
    {
        var tokens = LexAll("query Q($id: ID! = \"x\") {\n  node(id: $id) { ...F @skip(if: true) }\n}");
        Assert.Equal(
            "Name Name ( $ Name : Name ! = String ) { Name ( Name : $ Name ) { ... Name @ Name ( Name : Name ) } } <EOF>",
            string.Join(' ', tokens.Select(t => t.Kind switch
            {
                TokenKind.Name => "Name",
                TokenKind.String => "String",
                TokenKind.EndOfFile => "<EOF>",
                _ => t.Kind.GetDescription().Trim('"'),
            })));
        Assert.Equal(new Token(TokenKind.Name, 28, 32, 2, 3, "node"), tokens[12]);
    }

    [Fact]
    public void Token_stream_of_the_kitchen_sink()
    {
        Snapshot.Match(LexAll(KitchenSink.Executable, emitComments: true));
    }

    [Fact]
    public void Lookahead_by_copy_does_not_move_the_original()
    {
        var lexer = new Lexer("a b");
        lexer.Read();
        var copy = lexer;
        copy.Read();
        Assert.Equal("b", copy.GetValue());
        Assert.Equal("a", lexer.GetValue());
        Assert.True(lexer.IsKeyword("a"));
        Assert.False(lexer.IsKeyword("b"));
    }
}
