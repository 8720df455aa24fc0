using Graph.Api.Common;

namespace Graph.Api.Catalog;

/// <summary>The catalog's rules for what a book, an author, a category and a publisher may hold, shared by the mutations.</summary>
public static class BookRules
{
    /// <summary>The longest title, in characters (the column's length).</summary>
    public const int MaxTitleLength = 300;

    /// <summary>The longest description, in characters.</summary>
    public const int MaxDescriptionLength = 8000;

    /// <summary>The longest URL (cover, web site).</summary>
    public const int MaxUrlLength = 500;

    /// <summary>The longest name of an author, category or publisher.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest category slug.</summary>
    public const int MaxSlugLength = 80;

    /// <summary>The most pages a book may declare.</summary>
    public const int MaxPageCount = 100_000;

    /// <summary>Amounts stop below this (the price column is numeric(19,4)).</summary>
    private const decimal AmountLimit = 1_000_000_000_000_000m;

    /// <summary>
    /// <paramref name="text"/> trimmed when it is a one-line text of 1 to <paramref name="max"/> characters; otherwise
    /// null, with the reason added to <paramref name="errors"/> under <paramref name="field"/>.
    /// </summary>
    public static string? Line(string? text, string field, int max, string what, ICollection<InvalidBookInputError> errors)
    {
        var line = text?.Trim() ?? "";
        if (line.Length == 0)
        {
            errors.Add(new InvalidBookInputError(field, $"The {what} must not be empty."));
            return null;
        }
        if (line.Any(char.IsControl))
        {
            errors.Add(new InvalidBookInputError(field, $"The {what} must not contain control characters (line breaks, tabs, NUL)."));
            return null;
        }
        var length = line.EnumerateRunes().Count();
        if (length > max)
        {
            errors.Add(new InvalidBookInputError(field, $"The {what} has {length} characters; at most {max} are allowed."));
            return null;
        }
        return line;
    }

    /// <summary>
    /// A multi-line text (a description, a biography) trimmed, or null when empty; too long or holding control characters
    /// other than line breaks and tabs is an error.
    /// </summary>
    public static string? Text(string? text, string field, int max, string what, ICollection<InvalidBookInputError> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(new InvalidBookInputError(field, $"The {what} must not contain control characters other than line breaks and tabs."));
            return null;
        }
        var length = trimmed.EnumerateRunes().Count();
        if (length > max)
        {
            errors.Add(new InvalidBookInputError(field, $"The {what} has {length} characters; at most {max} are allowed."));
            return null;
        }
        return trimmed;
    }

    /// <summary>An ISO 639-1 code, lower case, or null with an error.</summary>
    public static string? Language(string? code, string field, ICollection<InvalidBookInputError> errors)
    {
        var language = LanguageCodes.Normalize(code);
        if (language is null)
        {
            errors.Add(new InvalidBookInputError(field, "The language must be an ISO 639-1 code of two letters, e.g. fr, en or wo."));
        }
        return language;
    }

    /// <summary>An ISO 3166-1 alpha-2 country code, upper case, or null with an error.</summary>
    public static string? Country(string? code, string field, ICollection<InvalidBookInputError> errors)
    {
        var country = code?.Trim().ToUpperInvariant();
        if (country is not { Length: 2 } || !country.All(char.IsAsciiLetterUpper))
        {
            errors.Add(new InvalidBookInputError(field, "The country must be an ISO 3166-1 alpha-2 code of two letters, e.g. SN, CI or ML."));
            return null;
        }
        return country;
    }

    /// <summary>An absolute https URL of at most <see cref="MaxUrlLength"/> characters, or null with an error.</summary>
    public static string? HttpsUrl(string? text, string field, ICollection<InvalidBookInputError> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > MaxUrlLength
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(new InvalidBookInputError(field, $"The URL must be an absolute https URL of at most {MaxUrlLength} characters."));
            return null;
        }
        return uri.AbsoluteUri;
    }

    /// <summary>Checks a price: more than zero, below the column's limit, with no more decimals than its currency has.</summary>
    public static void Price(MoneyInput price, string field, ICollection<InvalidBookInputError> errors)
    {
        if (price.Amount <= 0)
        {
            errors.Add(new InvalidBookInputError($"{field}.amount", "The price must be more than zero."));
            return;
        }
        if (price.Amount >= AmountLimit)
        {
            errors.Add(new InvalidBookInputError($"{field}.amount", "The price is too large."));
            return;
        }
        var minorUnits = Money.MinorUnits(price.Currency);
        if (decimal.Round(price.Amount, minorUnits) != price.Amount)
        {
            errors.Add(new InvalidBookInputError($"{field}.amount", minorUnits == 0
                ? $"{price.Currency} amounts have no decimals."
                : $"{price.Currency} amounts have at most {minorUnits} decimals."));
        }
    }

    /// <summary>Checks a page count: 1 to <see cref="MaxPageCount"/>.</summary>
    public static void Pages(int? pageCount, string field, ICollection<InvalidBookInputError> errors)
    {
        if (pageCount is < 1 or > MaxPageCount)
        {
            errors.Add(new InvalidBookInputError(field, $"The page count must be between 1 and {MaxPageCount}."));
        }
    }

    /// <summary>An ISBN-13 without hyphens, or null with an error.</summary>
    public static string? Isbn13(string? text, string field, ICollection<InvalidBookInputError> errors)
    {
        if (text is null)
        {
            return null;
        }
        var isbn = Isbn.Normalize(text);
        if (isbn is null)
        {
            errors.Add(new InvalidBookInputError(field, "The ISBN must be an ISBN-13: 13 digits starting with 978 or 979, the last one the check digit."));
        }
        return isbn;
    }

    /// <summary>A slug: 1 to <see cref="MaxSlugLength"/> lower-case ASCII letters, digits and single hyphens inside.</summary>
    public static string? Slug(string? text, string field, ICollection<InvalidBookInputError> errors)
    {
        var slug = text?.Trim() ?? "";
        var valid = slug.Length is > 0 and <= MaxSlugLength
                    && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
                    && slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            errors.Add(new InvalidBookInputError(field, $"The slug must be 1 to {MaxSlugLength} lower-case letters, digits and single hyphens, e.g. romans-africains."));
            return null;
        }
        return slug;
    }
}
