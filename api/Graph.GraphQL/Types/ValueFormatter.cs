using System.Collections;
using System.Globalization;
using System.Text;

namespace Graph.GraphQL.Types;

/// <summary>Renders external values for error messages the way the reference implementation's <c>inspect</c> does.</summary>
public static class ValueFormatter
{
    private const int MaxDepth = 2;
    private const int MaxItems = 10;

    /// <summary>Renders <paramref name="value"/>: strings JSON-quoted, numbers invariant, lists <c>[1, 2]</c>, objects <c>{ a: 1 }</c>.</summary>
    public static string Inspect(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value, 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value, int depth)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                return;
            case string s:
                AppendQuoted(builder, s);
                return;
            case bool b:
                builder.Append(b ? "true" : "false");
                return;
            case double d:
                builder.Append(FormatDouble(d));
                return;
            case float f:
                builder.Append(FormatDouble(f));
                return;
            case IFormattable formattable when IsNumber(value):
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IReadOnlyDictionary<string, object?> map:
                AppendObject(builder, map, depth);
                return;
            case IDictionary<string, object?> dictionary:
                AppendObject(builder, dictionary, depth);
                return;
            case IEnumerable enumerable:
                AppendList(builder, enumerable, depth);
                return;
            case IFormattable other:
                builder.Append(other.ToString(null, CultureInfo.InvariantCulture));
                return;
            default:
                builder.Append(value.ToString());
                return;
        }
    }

    /// <summary>
    /// Quotes <paramref name="value"/> as JavaScript's <c>JSON.stringify</c> does: only the quote, the backslash, control
    /// characters (short escapes where JSON has them, else <c>\u00xx</c>) and lone surrogates (<c>\udxxx</c>) are escaped.
    /// </summary>
    internal static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    continue;
                case '\\':
                    builder.Append("\\\\");
                    continue;
                case '\b':
                    builder.Append("\\b");
                    continue;
                case '\f':
                    builder.Append("\\f");
                    continue;
                case '\n':
                    builder.Append("\\n");
                    continue;
                case '\r':
                    builder.Append("\\r");
                    continue;
                case '\t':
                    builder.Append("\\t");
                    continue;
            }
            if (c < 0x20)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        builder.Append('"');
    }

    private static bool IsNumber(object value) => value is int or long or short or byte or sbyte or uint or ulong or ushort or decimal or System.Numerics.BigInteger;

    private static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }
        if (double.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }
        return FormatJsNumber(value);
    }

    /// <summary>Formats a finite double the way JavaScript's <c>Number.prototype.toString</c> does (<c>1e+21</c>, <c>1.5e-7</c>, <c>100</c>, <c>0</c> for -0).</summary>
    internal static string FormatJsNumber(double value)
    {
        if (value == 0)
        {
            return "0";
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        // The shortest round-trip digits d1..dk and the exponent n of 0.d1..dk × 10^n, placed as Number::toString does.
        var negative = text[0] == '-';
        var mantissa = text[(negative ? 1 : 0)..e];
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        var n = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) + 1;
        var k = digits.Length;
        string result;
        if (k <= n && n <= 21)
        {
            result = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            result = "0." + new string('0', -n) + digits;
        }
        else
        {
            var exponent = n - 1;
            result = digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + (exponent >= 0 ? "+" : "-")
                + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + result : result;
    }

    private static void AppendObject(StringBuilder builder, IEnumerable<KeyValuePair<string, object?>> entries, int depth)
    {
        var list = entries.ToList();
        if (list.Count == 0)
        {
            builder.Append("{}");
            return;
        }
        if (depth >= MaxDepth)
        {
            builder.Append("[Object]");
            return;
        }
        builder.Append("{ ");
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }
            builder.Append(list[i].Key).Append(": ");
            Append(builder, list[i].Value, depth + 1);
        }
        builder.Append(" }");
    }

    private static void AppendList(StringBuilder builder, IEnumerable items, int depth)
    {
        var list = items.Cast<object?>().ToList();
        if (list.Count == 0)
        {
            builder.Append("[]");
            return;
        }
        if (depth >= MaxDepth)
        {
            builder.Append("[Array]");
            return;
        }
        builder.Append('[');
        var count = Math.Min(list.Count, MaxItems);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }
            Append(builder, list[i], depth + 1);
        }
        if (list.Count > MaxItems)
        {
            var remaining = list.Count - MaxItems;
            builder.Append(", ... ").Append(remaining.ToString(CultureInfo.InvariantCulture)).Append(remaining == 1 ? " more item" : " more items");
        }
        builder.Append(']');
    }
}
