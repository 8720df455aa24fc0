using System.Globalization;
using System.Numerics;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>Reads the numbers variable values and resolvers hand over (any CLR numeric type).</summary>
internal static class Numbers
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

    /// <summary>A numeric string as the reference implementation's <c>Number(string)</c> reads it (finite values only).</summary>
    public static bool TryParseNumericString(string value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number) && value.Trim().Length > 0;
}
