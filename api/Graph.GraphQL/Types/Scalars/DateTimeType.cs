using System.Globalization;
using System.Text.RegularExpressions;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>
/// <c>DateTime</c>: an RFC 3339 date-time with an offset (runtime type <see cref="DateTimeOffset"/>), serialized in UTC with
/// <c>Z</c>. Also serializes <see cref="DateTime"/> values (unspecified kinds are taken as UTC).
/// </summary>
public sealed partial class DateTimeType() : StringBackedScalar<DateTimeOffset>(
    "DateTime",
    "The `DateTime` scalar represents an exact point in time as an RFC 3339 date-time string with a time-zone offset, e.g. `2024-05-01T12:30:00Z`.",
    "https://scalars.graphql.org/andimarek/date-time")
{
    protected override string FormatName => "date-time string";

    protected override bool TryParse(string value, out DateTimeOffset result)
    {
        result = default;
        return DateTimePattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out result);
    }

    protected override bool TryFormat(object runtimeValue, out string result)
    {
        DateTimeOffset value;
        switch (runtimeValue)
        {
            case DateTimeOffset offset:
                value = offset;
                break;
            case DateTime dateTime:
                value = dateTime.Kind == DateTimeKind.Unspecified
                    ? new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc))
                    : new DateTimeOffset(dateTime.ToUniversalTime());
                break;
            default:
                result = string.Empty;
                return false;
        }
        result = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();
}
