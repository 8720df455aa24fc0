using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>Reads the numbers variable values and resolvers hand over (any CLR numeric type).</summary>
internal static partial class Numbers
{
    /// <summary>Whether <paramref name="value"/> is a CLR number.</summary>
    public static bool IsNumber(object? value) => value is int or long or short or byte or sbyte or uint or ulong or ushort
        or decimal or double or float or BigInteger or Half;

    /// <summary>The value as an integer when it is a number with no fractional part.</summary>
    public static bool TryGetInteger(object? value, out BigInteger integer)
    {
        switch (value)
        {
            case int i: integer = i; return true;
            case long l: integer = l; return true;
            case short s: integer = s; return true;
            case byte b: integer = b; return true;
            case sbyte sb: integer = sb; return true;
            case uint ui: integer = ui; return true;
            case ulong ul: integer = ul; return true;
            case ushort us: integer = us; return true;
            case BigInteger bi: integer = bi; return true;
            case decimal m when decimal.Truncate(m) == m: integer = new BigInteger(m); return true;
            case double d when double.IsFinite(d) && Math.Truncate(d) == d: integer = new BigInteger(d); return true;
            case float f when float.IsFinite(f) && MathF.Truncate(f) == f: integer = new BigInteger(f); return true;
            default: integer = default; return false;
        }
    }

    /// <summary>The value as a finite double.</summary>
    public static bool TryGetFiniteDouble(object? value, out double number)
    {
        number = value switch
        {
            double d => d,
            float f => f,
            decimal m => (double)m,
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            uint ui => ui,
            ulong ul => ul,
            ushort us => us,
            BigInteger bi => (double)bi,
            Half h => (double)h,
            _ => double.NaN,
        };
        return double.IsFinite(number);
    }

    /// <summary>The value as a decimal.</summary>
    public static bool TryGetDecimal(object? value, out decimal number)
    {
        switch (value)
        {
            case decimal m:
                number = m;
                return true;
            case double d when double.IsFinite(d):
                return decimal.TryParse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            case float f when float.IsFinite(f):
                return decimal.TryParse(f.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                if (TryGetInteger(value, out var integer) && integer >= (BigInteger)decimal.MinValue && integer <= (BigInteger)decimal.MaxValue)
                {
                    number = (decimal)integer;
                    return true;
                }
                number = default;
                return false;
        }
    }

    /// <summary>
    /// A non-empty numeric string as the reference implementation reads it with JavaScript's <c>Number(string)</c> (finite
    /// values only): surrounding JavaScript white space ignored (a blank string is 0), a decimal literal with optional sign,
    /// fraction and exponent, or an unsigned <c>0x</c>, <c>0o</c> or <c>0b</c> integer.
    /// </summary>
    public static bool TryParseNumericString(string value, out double number)
    {
        number = 0;
        if (value.Length == 0)
        {
            return false;
        }
        var text = value.AsSpan();
        var start = 0;
        var end = text.Length;
        while (start < end && IsJavaScriptWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && IsJavaScriptWhiteSpace(text[end - 1]))
        {
            end--;
        }
        text = text[start..end];
        if (text.Length == 0)
        {
            return true;
        }
        if (text.Length > 2 && text[0] == '0' && (text[1] | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (text[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var integer = BigInteger.Zero;
            foreach (var c in text[2..])
            {
                var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? (c | 0x20) - 'a' + 10 : radix;
                if (digit >= radix)
                {
                    return false;
                }
                integer = (integer * radix) + digit;
            }
            number = (double)integer;
            return double.IsFinite(number);
        }
        return DecimalLiteral().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number);
    }

    /// <summary>JavaScript's StrWhiteSpaceChar: its white space (with U+FEFF) and line terminators.</summary>
    private static bool IsJavaScriptWhiteSpace(char c) => c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680'
        or (>= '\u2000' and <= '\u200A') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF';

    [GeneratedRegex(@"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalLiteral();
}
