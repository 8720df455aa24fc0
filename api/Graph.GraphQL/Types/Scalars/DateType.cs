using System.Globalization;

namespace Graph.GraphQL.Types.Scalars;

/// <summary><c>Date</c>: a calendar date <c>yyyy-MM-dd</c> (runtime type <see cref="DateOnly"/>); also serializes <see cref="DateTime"/>.</summary>
public sealed class DateType() : StringBackedScalar<DateOnly>(
    "Date",
    "The `Date` scalar represents a calendar date as an ISO-8601 `yyyy-MM-dd` string, e.g. `2024-05-01`.",
    "https://scalars.graphql.org/andimarek/local-date")
{
    protected override string FormatName => "date string";

    protected override bool TryParse(string value, out DateOnly result) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out result);

    protected override bool TryFormat(object runtimeValue, out string result)
    {
        DateOnly date;
        switch (runtimeValue)
        {
            case DateOnly d:
                date = d;
                break;
            case DateTime dateTime:
                date = DateOnly.FromDateTime(dateTime);
                break;
            case DateTimeOffset offset:
                date = DateOnly.FromDateTime(offset.DateTime);
                break;
            default:
                result = string.Empty;
                return false;
        }
        result = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return true;
    }
}
