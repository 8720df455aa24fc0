namespace Graph.Api.Catalog;

/// <summary>ISBN-13 numbers (ISO 2108): 13 digits starting 978 or 979, the last a checksum.</summary>
public static class Isbn
{
    /// <summary>
    /// <paramref name="text"/> as a valid ISBN-13 without separators, or null when it is not one. Hyphens and spaces
    /// between the digits are allowed (978-2-07-036822-8).
    /// </summary>
    public static string? Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<char> digits = stackalloc char[13];
        var count = 0;
        foreach (var c in text.Trim())
        {
            if (c is '-' or ' ')
            {
                continue;
            }
            if (!char.IsAsciiDigit(c) || count == 13)
            {
                return null;
            }
            digits[count++] = c;
        }
        if (count != 13 || !(digits.StartsWith("978") || digits.StartsWith("979")))
        {
            return null;
        }
        return (char)('0' + CheckDigit(digits[..12])) == digits[12] ? new string(digits) : null;
    }

    /// <summary>The check digit of the first twelve digits: weights 1 and 3 alternate, and the total must end in 0.</summary>
    public static int CheckDigit(ReadOnlySpan<char> twelveDigits)
    {
        if (twelveDigits.Length != 12)
        {
            throw new ArgumentException("An ISBN-13 check digit is computed over twelve digits.", nameof(twelveDigits));
        }
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (twelveDigits[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - (sum % 10)) % 10;
    }
}
