namespace Graph.Api.Identity;

/// <summary>The rules an account's display name and password follow.</summary>
public static class AccountRules
{
    /// <summary>The longest display name, in characters.</summary>
    public const int MaxDisplayNameLength = 100;

    /// <summary>The shortest password, in characters.</summary>
    public const int MinPasswordLength = 10;

    /// <summary>The longest password, in characters.</summary>
    public const int MaxPasswordLength = 128;

    /// <summary>
    /// <paramref name="text"/> trimmed, when it is a fit display name (1 to <see cref="MaxDisplayNameLength"/> characters,
    /// no control characters); otherwise null with <paramref name="problem"/> set.
    /// </summary>
    public static string? CheckDisplayName(string? text, out string? problem)
    {
        var name = text?.Trim() ?? "";
        problem = name.Length == 0 ? "The display name must not be empty."
            : name.Any(char.IsControl) ? "The display name must not contain control characters (line breaks, tabs, NUL)."
            : name.EnumerateRunes().Count() > MaxDisplayNameLength ? $"The display name has more than {MaxDisplayNameLength} characters."
            : null;
        return problem is null ? name : null;
    }

    /// <summary>
    /// Why <paramref name="password"/> may not be an account's password, or null when it may: it has
    /// <see cref="MinPasswordLength"/> to <see cref="MaxPasswordLength"/> characters, is not one of the passwords people use
    /// most (<see cref="CommonPasswords"/>), and is not the account's own email address or phone number.
    /// </summary>
    public static string? PasswordProblem(string password, string? email, string? phone)
    {
        ArgumentNullException.ThrowIfNull(password);
        var length = password.EnumerateRunes().Count();
        if (length < MinPasswordLength)
        {
            return $"The password must have at least {MinPasswordLength} characters.";
        }
        if (length > MaxPasswordLength)
        {
            return $"The password must have at most {MaxPasswordLength} characters.";
        }
        if (CommonPasswords.Contains(password))
        {
            return "This password is among the most common ones, which are tried first: choose another.";
        }
        if (IsAccountName(password, email, phone))
        {
            return "The password must not be the account's email address or phone number.";
        }
        return null;
    }

    private static bool IsAccountName(string password, string? email, string? phone)
    {
        var candidate = password.Trim();
        if (email is not null && string.Equals(candidate, email, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (phone is null)
        {
            return false;
        }
        // The number however it is written: +221 77 123 45 67, 00221771234567, 221771234567, 771234567.
        if (PhoneNumbers.Normalize(candidate) == phone || PhoneNumbers.Normalize("+" + candidate) == phone)
        {
            return true;
        }
        var digits = new string([.. candidate.Where(char.IsAsciiDigit)]);
        // A national number alone (the country code left out) is the account's number too.
        return digits.Length >= PhoneNumbers.MinDigits && candidate.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.')
            && phone.EndsWith(digits, StringComparison.Ordinal);
    }
}
