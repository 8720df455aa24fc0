using System.Text;

namespace Graph.GraphQL.Language;

/// <summary>
/// Prints syntax trees back to GraphQL source, with the reference implementation's layout:
/// two-space indentation, one selection or definition per line, arguments wrapped one per line
/// when a field's line would be longer than 80 characters, the <c>query</c> keyword left out for
/// an anonymous query without variables, directives or description, and strings printed as
/// block strings when the node was a block string.
/// </summary>
/// <remarks><c>Parser.Parse(Printer.Print(document))</c> is structurally equal to <c>document</c>.</remarks>
public static class Printer
{
    /// <summary>Prints <paramref name="node"/> as GraphQL source.</summary>
    public static string Print(ISyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = StringBuilderPool.Rent();
        try
        {
            new PrintWriter(builder).Visit(node);
            return builder.ToString();
        }
        finally
        {
            StringBuilderPool.Return(builder);
        }
    }

    /// <summary>Appends the printed form of <paramref name="node"/> to <paramref name="builder"/>.</summary>
    public static void Print(ISyntaxNode node, StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(builder);
        new PrintWriter(builder).Visit(node);
    }

    /// <summary>Prints a string as a quoted GraphQL string literal, escaping quotes, backslashes and control characters.</summary>
    public static string PrintString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2);
        AppendString(builder, value);
        return builder.ToString();
    }

    internal static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x7F || c > 0x9F))
            {
                continue;
            }
            builder.Append(value, start, i - start);
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                default:
                    builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
            start = i + 1;
        }
        builder.Append(value, start, value.Length - start);
        builder.Append('"');
    }
}

/// <summary>Extension methods for syntax nodes.</summary>
public static class SyntaxNodeExtensions
{
    /// <summary>Prints the node as GraphQL source (see <see cref="Printer"/>).</summary>
    public static string Print(this ISyntaxNode node) => Printer.Print(node);
}

/// <summary>A per-thread cache of string builders for printing.</summary>
internal static class StringBuilderPool
{
    private const int MaxCachedCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? s_cached;

    public static StringBuilder Rent()
    {
        var builder = s_cached;
        if (builder is null)
        {
            return new StringBuilder(256);
        }
        s_cached = null;
        return builder;
    }

    public static void Return(StringBuilder builder)
    {
        if (builder.Capacity <= MaxCachedCapacity)
        {
            builder.Clear();
            s_cached = builder;
        }
    }
}
