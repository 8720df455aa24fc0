using Graph.Api.Identity;

namespace Graph.Api.Tests.Identity;

/// <summary>E.164 normalisation of the ways West Africans write their numbers, and the mistakes refused.</summary>
public sealed class PhoneNumbersTests
{
    public static TheoryData<string, string> Valid => new()
    {
        // Senegal (+221, 9 digits).
        { "+221 77 123 45 67", "+221771234567" },
        { "00221771234567", "+221771234567" },
        { "+221-77-123-45-67", "+221771234567" },
        { "+221.77.123.45.67", "+221771234567" },
        { "(+221) 77 123 45 67", "+221771234567" },
        { "  +221771234567  ", "+221771234567" },
        { "00 221 33 821 00 00", "+221338210000" },
        { "+221\u00A077\u00A0123\u00A045\u00A067", "+221771234567" },
        { "+221\u202F78 987 65 43", "+221789876543" },
        // Côte d'Ivoire (+225, 10 digits since 2021: the leading 0 is part of the number).
        { "+225 07 07 12 34 56", "+2250707123456" },
        { "00225 01 02 03 04 05", "+2250102030405" },
        { "+225 27 22 44 55 66", "+2252722445566" },
        // Mali (+223, 8 digits).
        { "+223 76 12 34 56", "+22376123456" },
        { "0022366123456", "+22366123456" },
        // Burkina Faso (+226, 8 digits).
        { "+226 70 12 34 56", "+22670123456" },
        { "00226-25-30-60-00", "+22625306000" },
        // Benin (+229, 10 digits since 2024).
        { "+229 01 97 12 34 56", "+2290197123456" },
        { "00229 0161 000 000", "+2290161000000" },
        // Togo (+228, 8 digits).
        { "+228 90 12 34 56", "+22890123456" },
        { "(00228) 22 21 00 00", "+22822210000" },
        // Niger (+227, 8 digits).
        { "+227 96 12 34 56", "+22796123456" },
        { "00227.20.72.00.00", "+22720720000" },
        // Guinea (+224, 9 digits).
        { "+224 621 12 34 56", "+224621123456" },
        { "00224 664 00 00 00", "+224664000000" },
        // Ghana (+233, 9 digits; the national 0 written after the country code is dropped).
        { "+233 24 123 4567", "+233241234567" },
        { "+233 (0)24 123 4567", "+233241234567" },
        { "00233 0501234567", "+233501234567" },
        // Nigeria (+234, 8 to 10 digits; the national 0 is dropped too).
        { "+234 803 123 4567", "+2348031234567" },
        { "+234 (0)803 123 4567", "+2348031234567" },
        { "002348031234567", "+2348031234567" },
        { "+234 1 234 5678", "+23412345678" },
        // Cameroon (+237, 9 digits).
        { "+237 6 71 23 45 67", "+237671234567" },
        { "00237 2 22 23 45 67", "+237222234567" },
        // Elsewhere: E.164's limits only.
        { "+33 6 12 34 56 78", "+33612345678" },
        { "+1 (202) 555-0143", "+12025550143" },
        { "+220 770 1234", "+2207701234" },
        // Digits of other scripts count as their ASCII digit.
        { "+٢٢١ ٧٧ ١٢٣ ٤٥ ٦٧", "+221771234567" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Numbers_with_their_country_code_are_normalised(string text, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalize(text, out var e164, out var problem), problem);
        Assert.Equal(expected, e164);
        Assert.Equal(expected, PhoneNumbers.Normalize(text));
        // Normalising again changes nothing.
        Assert.Equal(expected, PhoneNumbers.Normalize(expected));
    }

    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "The phone number is empty." },
        { "", "The phone number is empty." },
        { "   ", "The phone number is empty." },
        { "77 123 45 67", "Write the phone number with its country code, e.g. +221 77 123 45 67." },
        { "0707123456", "Write the phone number with its country code, e.g. +221 77 123 45 67." },
        { "221771234567", "Write the phone number with its country code, e.g. +221 77 123 45 67." },
        { "+221 77 ABC 45 67", "A phone number has no letters." },
        { "+221 77 123 45 67 ext 2", "A phone number has no letters." },
        { "tel:+221771234567", "A phone number has no letters." },
        { "+221 77 123 45 67#", "A phone number has only digits, a leading +, and spaces, dashes, dots or parentheses between the digits." },
        { "+221/77/123/45/67", "A phone number has only digits, a leading +, and spaces, dashes, dots or parentheses between the digits." },
        { "+221 77 + 123 45 67", "A phone number has only digits, a leading +, and spaces, dashes, dots or parentheses between the digits." },
        { "++221771234567", "A phone number has only digits, a leading +, and spaces, dashes, dots or parentheses between the digits." },
        { "+0221771234567", "A country code follows the + (or 00), and none starts with 0." },
        { "000221771234567", "A country code follows the + (or 00), and none starts with 0." },
        { "+", "A country code follows the + (or 00), and none starts with 0." },
        { "+221 77 123 45 6", "Phone numbers in Senegal (+221) have 9 digits after the country code." },
        { "+221 77 123 45 678", "Phone numbers in Senegal (+221) have 9 digits after the country code." },
        { "+225 07 12 34 56", "Phone numbers in Côte d'Ivoire (+225) have 10 digits after the country code." },
        { "+223 76 12 34 5", "Phone numbers in Mali (+223) have 8 digits after the country code." },
        { "+226 70 12 34 56 7", "Phone numbers in Burkina Faso (+226) have 8 digits after the country code." },
        { "+229 97 12 34 56", "Phone numbers in Benin (+229) have 10 digits after the country code." },
        { "+228 90 12 34", "Phone numbers in Togo (+228) have 8 digits after the country code." },
        { "+227 96 12 34 56 78", "Phone numbers in Niger (+227) have 8 digits after the country code." },
        { "+224 62 12 34 56", "Phone numbers in Guinea (+224) have 9 digits after the country code." },
        { "+233 24 123 456", "Phone numbers in Ghana (+233) have 9 digits after the country code." },
        { "+234 803 123 45678", "Phone numbers in Nigeria (+234) have 8 to 10 digits after the country code." },
        { "+234 123 456", "Phone numbers in Nigeria (+234) have 8 to 10 digits after the country code." },
        { "+237 6 71 23 45", "Phone numbers in Cameroon (+237) have 9 digits after the country code." },
        { "+33 612", "A phone number has 8 to 15 digits, country code included." },
        { "+1 202 555 0143 12345", "A phone number has 8 to 15 digits, country code included." },
        { "+1 202 555 0143 1234 5678 9012", "The phone number has too many digits: at most 15, country code included." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Other_text_is_refused_with_a_reason(string? text, string expected)
    {
        Assert.False(PhoneNumbers.TryNormalize(text, out var e164, out var problem));
        Assert.Null(e164);
        Assert.Equal(expected, problem);
        Assert.Null(PhoneNumbers.Normalize(text));
    }

    [Fact]
    public void Every_normalised_number_fits_the_database_check() =>
        Assert.All(Valid, row => Assert.Matches(@"^\+[1-9][0-9]{7,14}$", (string)row[1]));
}
