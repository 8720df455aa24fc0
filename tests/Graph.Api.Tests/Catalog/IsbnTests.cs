using System.Globalization;
using Graph.Api.Catalog;
using Graph.Api.Common;

namespace Graph.Api.Tests.Catalog;

public sealed class IsbnTests
{
    [Theory]
    [InlineData("9780306406157", "9780306406157")]
    [InlineData("978-0-306-40615-7", "9780306406157")]
    [InlineData(" 978 0 306 40615 7 ", "9780306406157")]
    [InlineData("9791234567896", "9791234567896")]
    public void Valid_isbns_are_normalised(string text, string expected) => Assert.Equal(expected, Isbn.Normalize(text));

    [Theory]
    [InlineData("9780306406158")]
    [InlineData("978030640615")]
    [InlineData("97803064061577")]
    [InlineData("9770306406153")]
    [InlineData("0306406152")]
    [InlineData("978-0-306-40615-X")]
    [InlineData("978_0306406157")]
    [InlineData("")]
    [InlineData("٩٧٨٠٣٠٦٤٠٦١٥٧")]
    public void Invalid_isbns_are_refused(string text) => Assert.Null(Isbn.Normalize(text));

    [Fact]
    public void Every_single_digit_error_of_generated_isbns_is_caught()
    {
        var random = new Random(2108);
        for (var n = 0; n < 2000; n++)
        {
            var prefix = (random.Next(2) == 0 ? "978" : "979") + random.Next(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
            var isbn = prefix + Isbn.CheckDigit(prefix);
            Assert.Equal(isbn, Isbn.Normalize(isbn));

            var position = random.Next(13);
            var wrong = (char)('0' + ((isbn[position] - '0' + random.Next(1, 10)) % 10));
            var mistyped = isbn[..position] + wrong + isbn[(position + 1)..];
            Assert.Null(Isbn.Normalize(mistyped));
        }
    }

    [Fact]
    public void Language_codes_are_the_two_letter_codes_of_iso_639_1()
    {
        Assert.Equal(183, LanguageCodes.All.Count);
        Assert.All(LanguageCodes.All, code => Assert.Matches("^[a-z]{2}$", code));
        Assert.Superset(new HashSet<string> { "fr", "en", "wo", "ff", "bm", "ha", "yo", "ak", "ee", "ar", "pt" }, LanguageCodes.All.ToHashSet());
        Assert.Equal("wo", LanguageCodes.Normalize(" WO "));
        Assert.Null(LanguageCodes.Normalize("xx"));
        Assert.Null(LanguageCodes.Normalize("fra"));
        Assert.Null(LanguageCodes.Normalize(null));
    }
}
