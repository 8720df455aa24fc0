using System.Text;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Tests.Language;

public class BlockStringTests
{
    private static string Lines(params string[] lines) => string.Join('\n', lines);

    [Fact]
    public void Removes_uniform_indentation()
    {
        var raw = Lines(string.Empty, "    Hello,", "      World!", string.Empty, "    Yours,", "      GraphQL.", "  ");
        Assert.Equal(Lines("Hello,", "  World!", string.Empty, "Yours,", "  GraphQL."), BlockString.Dedent(raw));
    }

    [Fact]
    public void Removes_leading_and_trailing_blank_lines()
    {
        var raw = Lines(string.Empty, "  ", "\t", "    first", "      second", " ", "\t ", string.Empty);
        Assert.Equal(Lines("first", "  second"), BlockString.Dedent(raw));
    }

    [Fact]
    public void Keeps_blank_lines_in_the_middle()
    {
        Assert.Equal(Lines("a", string.Empty, string.Empty, "b"), BlockString.Dedent(Lines(string.Empty, "  a", "  ", string.Empty, "  b")));
    }

    [Fact]
    public void Does_not_dedent_the_first_line()
    {
        Assert.Equal(Lines("   first", "second", "  third"), BlockString.Dedent(Lines("   first", "    second", "      third")));
        Assert.Equal("   only", BlockString.Dedent("   only"));
    }

    [Fact]
    public void Common_indent_ignores_whitespace_only_lines()
    {
        Assert.Equal(Lines("x", string.Empty, "y"), BlockString.Dedent(Lines(string.Empty, "    x", "  ", "    y")));
    }

    [Fact]
    public void Tabs_and_spaces_both_count_as_indentation()
    {
        Assert.Equal(Lines("a", "b", " c"), BlockString.Dedent(Lines(string.Empty, "\t a", " \tb", "\t  c")));
    }

    [Fact]
    public void Splits_on_every_line_terminator_and_joins_with_line_feed()
    {
        Assert.Equal(Lines("one", "two", "three", "four"), BlockString.Dedent("one\r\n  two\r  three\n  four"));
    }

    [Fact]
    public void Whitespace_only_content_is_empty()
    {
        Assert.Equal(string.Empty, BlockString.Dedent(string.Empty));
        Assert.Equal(string.Empty, BlockString.Dedent("   \n\t\n  "));
    }

    [Fact]
    public void Dedents_long_values()
    {
        var line = new string('x', 300);
        var raw = Lines(string.Empty, "  " + line, "    " + line, "  ");
        Assert.Equal(Lines(line, "  " + line), BlockString.Dedent(raw));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("plain", true)]
    [InlineData("two\nlines", true)]
    [InlineData("   leading space", true)]
    [InlineData("trailing space   ", true)]
    [InlineData("first\n  indented", true)]
    [InlineData("tab\there", true)]
    [InlineData("quote \"\"\" inside", true)]
    [InlineData("\nleading line break", false)]
    [InlineData("trailing line break\n", false)]
    [InlineData("trailing blank line\n  ", false)]
    [InlineData("  \n  only whitespace lines", false)]
    [InlineData("carriage\rreturn", false)]
    [InlineData("crlf\r\nline", false)]
    [InlineData("bell \u0007", false)]
    [InlineData("vertical tab \u000B", false)]
    [InlineData("nul \u0000", false)]
    [InlineData("first\n  second\n  third", true)]
    [InlineData("  first\n  second", false)]
    public void Knows_what_is_printable_as_block_string(string value, bool printable)
    {
        Assert.Equal(printable, BlockString.IsPrintableAsBlockString(value));
    }

    [Theory]
    [InlineData("", "\"\"\"\"\"\"")]
    [InlineData("short", "\"\"\"short\"\"\"")]
    [InlineData(" leading space", "\"\"\" leading space\"\"\"")]
    [InlineData("\tleading tab", "\"\"\"\tleading tab\"\"\"")]
    [InlineData("two\nlines", "\"\"\"\ntwo\nlines\n\"\"\"")]
    [InlineData(" two\nlines", "\"\"\"\n two\nlines\n\"\"\"")]
    [InlineData("first\n  indented", "\"\"\"\nfirst\n  indented\n\"\"\"")]
    [InlineData("ends with \"", "\"\"\"\nends with \"\n\"\"\"")]
    [InlineData("ends with \\", "\"\"\"\nends with \\\n\"\"\"")]
    [InlineData(" ends with \"", "\"\"\" ends with \"\n\"\"\"")]
    [InlineData("has \"\"\" inside", "\"\"\"has \\\"\"\" inside\"\"\"")]
    [InlineData("ends with \"\"\"", "\"\"\"\nends with \\\"\"\"\n\"\"\"")]
    [InlineData("crlf\r\nkept", "\"\"\"\ncrlf\r\nkept\n\"\"\"")]
    public void Prints_block_strings(string value, string printed)
    {
        Assert.Equal(printed, BlockString.Print(value));
    }

    [Fact]
    public void Prints_long_single_lines_on_their_own_line()
    {
        var seventy = new string('a', 70);
        Assert.Equal("\"\"\"" + seventy + "\"\"\"", BlockString.Print(seventy));
        Assert.Equal("\"\"\"\n" + seventy + "b\n\"\"\"", BlockString.Print(seventy + "b"));
    }

    [Theory]
    [InlineData("two\nlines", "\"\"\"two\nlines\"\"\"")]
    [InlineData("first\n  indented", "\"\"\"\nfirst\n  indented\"\"\"")]
    [InlineData("ends with \"", "\"\"\"ends with \"\n\"\"\"")]
    [InlineData("ends with \"\"\"", "\"\"\"ends with \\\"\"\"\"\"\"")]
    public void Prints_minimized_block_strings(string value, string printed)
    {
        Assert.Equal(printed, BlockString.Print(value, minimize: true));
    }

    /// <summary>
    /// Every short string over a small alphabet: when it is printable as a block string, printing
    /// and reading it back gives the same value, minimized or not.
    /// </summary>
    [Fact]
    public void Printed_block_strings_read_back_to_the_same_value()
    {
        char[] alphabet = [' ', '\t', '\n', 'a', '"', '\\'];
        var checkedCount = 0;
        foreach (var value in AllStrings(alphabet, maxLength: 6))
        {
            if (!BlockString.IsPrintableAsBlockString(value))
            {
                continue;
            }
            checkedCount++;
            foreach (var minimize in new[] { false, true })
            {
                var printed = BlockString.Print(value, minimize);
                var lexer = new Lexer(printed);
                Assert.True(lexer.Read());
                Assert.Equal(TokenKind.BlockString, lexer.Kind);
                Assert.Equal(value, lexer.GetValue());
                Assert.False(lexer.Read());
            }
        }
        Assert.True(checkedCount > 1000, $"only {checkedCount} printable strings were checked");
    }

    private static IEnumerable<string> AllStrings(char[] alphabet, int maxLength)
    {
        var builder = new StringBuilder();
        IEnumerable<string> Extend(int remaining)
        {
            yield return builder.ToString();
            if (remaining == 0)
            {
                yield break;
            }
            foreach (var c in alphabet)
            {
                builder.Append(c);
                foreach (var s in Extend(remaining - 1))
                {
                    yield return s;
                }
                builder.Length--;
            }
        }
        return Extend(maxLength);
    }
}
