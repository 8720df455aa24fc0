using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Graph.GraphQL.Language;

/// <summary>Builds <see cref="GraphQLSyntaxException"/>s with a line and column computed from the source.</summary>
internal static class SyntaxErrors
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static GraphQLSyntaxException Create(ReadOnlySpan<char> source, int position, string message, string code = ErrorCodes.ParseFailed)
    {
        var (line, column) = GetLineAndColumn(source, position);
        return new GraphQLSyntaxException("Syntax Error: " + message, position, line, column, code);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(ReadOnlySpan<char> source, int position, string message, string code = ErrorCodes.ParseFailed) =>
        throw Create(source, position, message, code);

    /// <summary>
    /// The 1-based line and column of <paramref name="position"/>; <c>\r\n</c>, <c>\r</c> and <c>\n</c>
    /// each end a line.
    /// </summary>
    public static (int Line, int Column) GetLineAndColumn(ReadOnlySpan<char> source, int position)
    {
        var line = 1;
        var lineStart = 0;
        var limit = Math.Min(position, source.Length);
        for (var i = 0; i < limit; i++)
        {
            var c = source[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (c == '\r')
            {
                line++;
                if (i + 1 < source.Length && source[i + 1] == '\n')
                {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        return (line, position + 1 - lineStart);
    }

    /// <summary>
    /// Describes the character at <paramref name="position"/> for an error message: printable ASCII
    /// quoted (<c>"a"</c>, or <c>'"'</c> for a double quote), anything else as <c>U+XXXX</c>, and
    /// <c>&lt;EOF&gt;</c> past the end. A surrogate pair is described as its code point.
    /// </summary>
    public static string DescribeCharAt(ReadOnlySpan<char> source, int position)
    {
        if (position >= source.Length)
        {
            return "<EOF>";
        }
        int code = source[position];
        if (char.IsHighSurrogate((char)code) && position + 1 < source.Length && char.IsLowSurrogate(source[position + 1]))
        {
            code = char.ConvertToUtf32((char)code, source[position + 1]);
        }
        if (code >= 0x20 && code <= 0x7E)
        {
            return code == '"' ? "'\"'" : "\"" + (char)code + "\"";
        }
        return "U+" + code.ToString("X4", CultureInfo.InvariantCulture);
    }
}
