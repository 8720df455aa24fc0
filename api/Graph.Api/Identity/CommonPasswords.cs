using System.Collections.Frozen;

namespace Graph.Api.Identity;

/// <summary>
/// Passwords that guessing attacks try first, refused for accounts: the most common passwords that are long enough to
/// pass the length rule (shorter ones are refused anyway), with the French, Arabic-Muslim and West African variants users
/// of the platform pick, and any password that is one character repeated or a run of consecutive keys or digits.
/// Compared without regard to case.
/// </summary>
public static class CommonPasswords
{
    private static readonly FrozenSet<string> List = new[]
    {
        // Digits.
        "0000000000", "1111111111", "2222222222", "1234567890", "0123456789", "0987654321", "9876543210", "12345678910",
        "1234567891", "1234567899", "12345678900", "123456789123", "1234512345", "1122334455", "1212121212", "1231231231",
        "123123123123", "1111122222", "1357924680", "2468013579", "123456789012", "0102030405", "1020304050", "0011223344",
        "5555555555", "6969696969", "7777777777", "9999999999", "1234554321", "0000011111",
        // Keyboards (QWERTY and the AZERTY of French-speaking countries).
        "qwertyuiop", "qwertyuiop123", "qwerty1234", "qwerty12345", "qwerty123456", "1q2w3e4r5t", "1q2w3e4r5t6y",
        "q1w2e3r4t5", "1qaz2wsx3edc", "qazwsxedc123", "zaq12wsxcde3", "asdfghjkl1", "asdfghjkl123", "zxcvbnm123",
        "azertyuiop", "azertyuiop123", "azerty1234", "azerty12345", "azerty123456", "a1z2e3r4t5", "1a2z3e4r5t",
        "qsdfghjklm", "wxcvbn1234", "azerty2024", "azerty2025", "azerty2026",
        // Words and digits.
        "password12", "password123", "password1234", "password12345", "passw0rd123", "p@ssw0rd123", "p@ssword123",
        "password01", "password2024", "password2025", "password2026", "motdepasse", "motdepasse1", "motdepasse12",
        "motdepasse123", "motdepasse2024", "motdepasse2025", "motdepasse2026", "m0tdepasse", "iloveyou12", "iloveyou123",
        "jetaime123", "jetaime1234", "jetaimemoi", "princess123", "football123", "football1234", "baseball123",
        "superman123", "batman1234", "welcome123", "welcome1234", "bienvenue1", "bienvenue123", "changeme123",
        "letmein123", "administrator", "administrateur", "admin12345", "admin123456", "abcd123456", "abc1234567",
        "abcdef1234", "a123456789", "123456789a", "123456789q", "q123456789", "computer123", "internet123",
        "sunshine123", "starwars123", "pokemon123", "michael123", "charlie123", "dragon1234", "master1234",
        "shadow1234", "monkey1234", "liverpool1", "chelsea123", "arsenal123", "barcelona1", "realmadrid",
        "manchester", "manchesterunited", "cristiano7", "ronaldo123", "messi12345", "soleil1234", "bonjour123",
        "doudou1234", "chocolat12", "loulou1234", "nicolas123", "marseille1", "marseille13",
        // The platform's users: faith, countries, cities, mobile money.
        "bismillah1", "bismillah123", "alhamdulillah", "allahuakbar", "inchallah1", "inshallah1", "inshallah123",
        "mashallah1", "subhanallah", "senegal123", "senegal2024", "senegal2025", "senegal2026", "dakar12345",
        "dakar2024", "abidjan123", "abidjan225", "cotedivoire", "bamako1234", "mali123456", "burkinafaso",
        "ouagadougou", "cotonou123", "benin12345", "lome123456", "togo123456", "niamey1234", "niger12345",
        "conakry123", "guinee1234", "accra12345", "ghana12345", "lagos12345", "nigeria123", "naija12345",
        "cameroun123", "cameroon123", "yaounde123", "douala1234", "afrique123", "africa1234", "orangemoney",
        "orange1234", "wave123456", "mtnmoney12", "moovmoney1", "tontine123", "cacao12345", "graph12345",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private const string Runs = "abcdefghijklmnopqrstuvwxyz qwertyuiopasdfghjklzxcvbnm azertyuiopqsdfghjklmwxcvbn 01234567890";

    /// <summary>Whether <paramref name="password"/> is a common password (see <see cref="CommonPasswords"/>).</summary>
    public static bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0 || List.Contains(password))
        {
            return true;
        }
        var lower = password.ToLowerInvariant();
        if (lower.AsSpan().IndexOfAnyExcept(lower[0]) < 0)
        {
            return true;
        }
        // Ten or more consecutive keys of a keyboard row, or of the alphabet or the digits, either way round.
        return lower.Length <= Runs.Length && (Runs.Contains(lower, StringComparison.Ordinal) || Runs.Contains(new string([.. lower.Reverse()]), StringComparison.Ordinal));
    }
}
