using System.Security.Cryptography;
using System.Text;

namespace Graph.Api.Identity;

/// <summary>
/// The text of password reset codes: 10 characters of Crockford's base32 (digits and capital letters without I, L, O and
/// U), 50 random bits, shown in two groups of five (<c>7KQ2M-XD90F</c>) so they are easy to read out of an SMS and type on
/// a phone. A code is read the way Crockford's alphabet intends: in any case, with spaces and hyphens anywhere, O read as
/// zero and I or L as one. The database keeps only the SHA-256 of the canonical text.
/// </summary>
public static class PasswordResetCodes
{
    /// <summary>Crockford's base32 alphabet.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The characters of a code (5 bits each).</summary>
    public const int Length = 10;

    /// <summary>The characters of each of the groups a code is shown in.</summary>
    public const int GroupLength = 5;

    /// <summary>The bytes of a code's hash (SHA-256).</summary>
    public const int HashLength = 32;

    /// <summary>Typed text longer than this cannot be a code, however it is spaced.</summary>
    private const int MaxTypedLength = 64;

    /// <summary>A new code in canonical form (no separator), drawn uniformly from the alphabet by
    /// <see cref="RandomNumberGenerator"/>.</summary>
    public static string Create() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>The code as people read it: two groups of five joined by a hyphen.</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..GroupLength]}-{code[GroupLength..]}" : code;
    }

    /// <summary>
    /// <paramref name="typed"/> in canonical form (upper case, no separator, O as 0, I and L as 1), or null when it cannot
    /// be a code (another length, a character outside the alphabet).
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrEmpty(typed) || typed.Length > MaxTypedLength)
        {
            return null;
        }
        var canonical = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '\u00A0' or '\u202F' or '\u2010' or '\u2011' or '\u2013' or '\t')
            {
                continue;
            }
            var upper = char.ToUpperInvariant(c);
            var symbol = upper switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                _ => upper,
            };
            if (!char.IsAscii(symbol) || !Alphabet.Contains(symbol, StringComparison.Ordinal) || canonical.Length == Length)
            {
                return null;
            }
            canonical.Append(symbol);
        }
        return canonical.Length == Length ? canonical.ToString() : null;
    }

    /// <summary>The hash stored for the code <paramref name="typed"/>, or null when it cannot be a code (which then needs no
    /// database lookup).</summary>
    public static byte[]? Hash(string? typed) =>
        Normalize(typed) is { } canonical ? SHA256.HashData(Encoding.ASCII.GetBytes(canonical)) : null;
}
