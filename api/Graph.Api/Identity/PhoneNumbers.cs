using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Graph.Api.Identity;

/// <summary>
/// Phone numbers in E.164 form (<c>+221771234567</c>), as accounts store them and logins look them up. People write them
/// many ways (<c>+221 77 123 45 67</c>, <c>00221-77-123-45-67</c>, <c>(+225) 07.07.12.34.56</c>); all of them normalise to
/// the same text. The country code is required: the platform serves several countries, so a national number alone is
/// ambiguous.
/// </summary>
/// <remarks>
/// The countries the platform serves have fixed lengths of national number, which are checked (a digit too many or too few
/// is the commonest mistake); where a national trunk prefix 0 exists (Ghana, Nigeria) and is written after the country code
/// (<c>+234 0803 123 4567</c>), it is dropped. Other countries are held to E.164's limits only.
/// </remarks>
public static class PhoneNumbers
{
    /// <summary>The longest E.164 number, with its plus sign.</summary>
    public const int MaxLength = 16;

    /// <summary>The fewest digits a number may have, country code included.</summary>
    public const int MinDigits = 8;

    /// <summary>The most digits a number may have, country code included (E.164).</summary>
    public const int MaxDigits = 15;

    private sealed record Country(string Name, int MinNationalDigits, int MaxNationalDigits, bool DropsTrunkZero = false);

    /// <summary>The countries served, by calling code, with the digits their national numbers have.</summary>
    private static readonly Dictionary<string, Country> Countries = new(StringComparer.Ordinal)
    {
        ["221"] = new("Senegal", 9, 9),
        ["223"] = new("Mali", 8, 8),
        ["224"] = new("Guinea", 9, 9),
        ["225"] = new("Côte d'Ivoire", 10, 10),
        ["226"] = new("Burkina Faso", 8, 8),
        ["227"] = new("Niger", 8, 8),
        ["228"] = new("Togo", 8, 8),
        ["229"] = new("Benin", 10, 10),
        ["233"] = new("Ghana", 9, 9, DropsTrunkZero: true),
        ["234"] = new("Nigeria", 8, 10, DropsTrunkZero: true),
        ["237"] = new("Cameroon", 9, 9),
    };

    /// <summary><paramref name="text"/> in E.164 form, or null when it is not a phone number with its country code.</summary>
    public static string? Normalize(string? text) => TryNormalize(text, out var e164, out _) ? e164 : null;

    /// <summary>
    /// <paramref name="text"/> in E.164 form; or false, with <paramref name="problem"/> saying what is wrong in words a user
    /// can act on.
    /// </summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? problem)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "The phone number is empty.";
            return false;
        }

        var digits = new StringBuilder(MaxDigits + 1);
        var plus = false;
        foreach (var c in text.Trim())
        {
            if (c == '+' && !plus && digits.Length == 0)
            {
                plus = true;
            }
            else if (char.IsDigit(c))
            {
                // Any script's decimal digits (Arabic-Indic ones too) count as the ASCII digit of the same value.
                digits.Append((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)));
                if (digits.Length > MaxDigits + 2)
                {
                    problem = $"The phone number has too many digits: at most {MaxDigits}, country code included.";
                    return false;
                }
            }
            else if (IsSeparator(c))
            {
                continue;
            }
            else if (char.IsLetter(c))
            {
                problem = "A phone number has no letters.";
                return false;
            }
            else
            {
                problem = "A phone number has only digits, a leading +, and spaces, dashes, dots or parentheses between the digits.";
                return false;
            }
        }

        var number = digits.ToString();
        if (!plus)
        {
            if (!number.StartsWith("00", StringComparison.Ordinal))
            {
                problem = "Write the phone number with its country code, e.g. +221 77 123 45 67.";
                return false;
            }
            // 00 is the international call prefix of the region: 00221... is +221...
            number = number[2..];
        }
        if (number.Length == 0 || number[0] == '0')
        {
            problem = "A country code follows the + (or 00), and none starts with 0.";
            return false;
        }

        if (number.Length >= 3 && Countries.TryGetValue(number[..3], out var country))
        {
            var national = number[3..];
            if (country.DropsTrunkZero && national.StartsWith('0'))
            {
                national = national[1..];
            }
            if (national.Length < country.MinNationalDigits || national.Length > country.MaxNationalDigits)
            {
                var length = country.MinNationalDigits == country.MaxNationalDigits
                    ? $"{country.MinNationalDigits}"
                    : $"{country.MinNationalDigits} to {country.MaxNationalDigits}";
                problem = $"Phone numbers in {country.Name} (+{number[..3]}) have {length} digits after the country code.";
                return false;
            }
            number = number[..3] + national;
        }

        if (number.Length < MinDigits || number.Length > MaxDigits)
        {
            problem = $"A phone number has {MinDigits} to {MaxDigits} digits, country code included.";
            return false;
        }

        e164 = "+" + number;
        problem = null;
        return true;
    }

    private static bool IsSeparator(char c) => c is ' ' or '\u00A0' or '\u202F' or '-' or '\u2010' or '\u2011' or '\u2013' or '.' or '(' or ')';
}
