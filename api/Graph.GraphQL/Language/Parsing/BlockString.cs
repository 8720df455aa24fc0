using System.Buffers;
using System.Text;

namespace Graph.GraphQL.Language;

/// <summary>
/// Block string (<c>"""..."""</c>) helpers: the spec's <c>BlockStringValue()</c> dedent algorithm
/// and printing a value back as a block string.
/// </summary>
public static class BlockString
{
    /// <summary>
    /// The spec's <c>BlockStringValue(rawValue)</c>: splits <paramref name="rawValue"/> at line
    /// terminators, removes the common indentation of all lines but the first, drops leading and
    /// trailing blank lines and joins the rest with <c>\n</c>.
    /// </summary>
    /// <param name="rawValue">The characters between the triple quotes, with <c>\"""</c> already turned into <c>"""</c>.</param>
    public static string Dedent(ReadOnlySpan<char> rawValue) => Dedent(rawValue, unescapeTripleQuotes: false);

    /// <summary>Dedents raw block string text; when <paramref name="unescapeTripleQuotes"/> is set, <c>\"""</c> becomes <c>"""</c>.</summary>
    internal static string Dedent(ReadOnlySpan<char> raw, bool unescapeTripleQuotes)
    {
        // Pass 1: find the common indent and the first and last non-blank lines.
        var commonIndent = int.MaxValue;
        var firstNonEmpty = -1;
        var lastNonEmpty = -1;
        var lineIndex = 0;
        var position = 0;
        while (true)
        {
            var lineEnd = IndexOfLineEnd(raw, position);
            var line = raw[position..lineEnd];
            var indent = LeadingWhitespace(line);
            if (indent < line.Length)
            {
                if (firstNonEmpty < 0)
                {
                    firstNonEmpty = lineIndex;
                }
                lastNonEmpty = lineIndex;
                if (lineIndex != 0 && indent < commonIndent)
                {
                    commonIndent = indent;
                }
            }
            if (lineEnd == raw.Length)
            {
                break;
            }
            position = SkipLineEnd(raw, lineEnd);
            lineIndex++;
        }

        if (firstNonEmpty < 0)
        {
            return string.Empty;
        }

        // Pass 2: copy the kept lines.
        char[]? rented = null;
        var buffer = raw.Length <= 512 ? stackalloc char[raw.Length] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var length = 0;
            lineIndex = 0;
            position = 0;
            while (true)
            {
                var lineEnd = IndexOfLineEnd(raw, position);
                if (lineIndex >= firstNonEmpty)
                {
                    var line = raw[position..lineEnd];
                    if (lineIndex != 0)
                    {
                        line = line[Math.Min(commonIndent, line.Length)..];
                    }
                    if (lineIndex != firstNonEmpty)
                    {
                        buffer[length++] = '\n';
                    }
                    length += Copy(line, buffer[length..], unescapeTripleQuotes);
                }
                if (lineIndex == lastNonEmpty || lineEnd == raw.Length)
                {
                    break;
                }
                position = SkipLineEnd(raw, lineEnd);
                lineIndex++;
            }
            return new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="value"/> can be printed as a block string and read back unchanged
    /// (no control characters, no <c>\r</c>, no leading or trailing blank line, no indentation common to all lines after the first).
    /// </summary>
    public static bool IsPrintableAsBlockString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return true;
        }

        var isEmptyLine = true;
        var hasIndent = false;
        var hasCommonIndent = true;
        var seenNonEmptyLine = false;

        foreach (var c in value)
        {
            switch (c)
            {
                case '\u0000':
                case '\u0001':
                case '\u0002':
                case '\u0003':
                case '\u0004':
                case '\u0005':
                case '\u0006':
                case '\u0007':
                case '\u0008':
                case '\u000B':
                case '\u000C':
                case '\u000E':
                case '\u000F':
                case '\r':
                    return false;
                case '\n':
                    if (isEmptyLine && !seenNonEmptyLine)
                    {
                        return false;
                    }
                    seenNonEmptyLine = true;
                    isEmptyLine = true;
                    hasIndent = false;
                    break;
                case '\t':
                case ' ':
                    hasIndent |= isEmptyLine;
                    break;
                default:
                    hasCommonIndent &= hasIndent;
                    isEmptyLine = false;
                    break;
            }
        }

        if (isEmptyLine)
        {
            return false;
        }

        return !(hasCommonIndent && seenNonEmptyLine);
    }

    /// <summary>
    /// Prints <paramref name="value"/> as a block string. Multi-line and long (over 70 characters)
    /// values get a leading and a trailing line break; <c>"""</c> is escaped as <c>\"""</c>.
    /// </summary>
    /// <param name="value">The string value.</param>
    /// <param name="minimize">Print without the optional line breaks.</param>
    public static string Print(string value, bool minimize = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        AppendPrinted(builder, value, minimize);
        return builder.ToString();
    }

    internal static void AppendPrinted(StringBuilder builder, string value, bool minimize = false)
    {
        var escaped = value.Contains("\"\"\"", StringComparison.Ordinal) ? value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal) : value;
        var span = escaped.AsSpan();

        // Split into lines the way the lexer will read them back.
        var isSingleLine = IndexOfLineEnd(span, 0) == span.Length;
        var forceLeadingNewLine = false;
        if (!isSingleLine)
        {
            forceLeadingNewLine = true;
            var position = SkipLineEnd(span, IndexOfLineEnd(span, 0));
            while (true)
            {
                var lineEnd = IndexOfLineEnd(span, position);
                if (lineEnd > position && !IsWhiteSpace(span[position]))
                {
                    forceLeadingNewLine = false;
                    break;
                }
                if (lineEnd == span.Length)
                {
                    break;
                }
                position = SkipLineEnd(span, lineEnd);
            }
        }

        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash;

        var printAsMultipleLines = !minimize &&
            (!isSingleLine || value.Length > 70 || forceTrailingNewLine || forceLeadingNewLine || hasTrailingTripleQuotes);

        builder.Append("\"\"\"");
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && IsWhiteSpace(value[0]);
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            builder.Append('\n');
        }
        builder.Append(escaped);
        if (printAsMultipleLines || forceTrailingNewLine)
        {
            builder.Append('\n');
        }
        builder.Append("\"\"\"");
    }

    private static int Copy(ReadOnlySpan<char> line, Span<char> destination, bool unescapeTripleQuotes)
    {
        if (!unescapeTripleQuotes)
        {
            line.CopyTo(destination);
            return line.Length;
        }

        var written = 0;
        while (true)
        {
            var index = line.IndexOf("\\\"\"\"".AsSpan());
            if (index < 0)
            {
                line.CopyTo(destination[written..]);
                return written + line.Length;
            }
            line[..index].CopyTo(destination[written..]);
            written += index;
            "\"\"\"".AsSpan().CopyTo(destination[written..]);
            written += 3;
            line = line[(index + 4)..];
        }
    }

    private static int LeadingWhitespace(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && IsWhiteSpace(line[i]))
        {
            i++;
        }
        return i;
    }

    private static bool IsWhiteSpace(char c) => c == ' ' || c == '\t';

    private static int IndexOfLineEnd(ReadOnlySpan<char> text, int start)
    {
        var index = text[start..].IndexOfAny('\n', '\r');
        return index < 0 ? text.Length : start + index;
    }

    private static int SkipLineEnd(ReadOnlySpan<char> text, int lineEnd) =>
        text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
}
