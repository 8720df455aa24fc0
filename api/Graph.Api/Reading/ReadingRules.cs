namespace Graph.Api.Reading;

/// <summary>The limits of reading data and the checks of what devices send.</summary>
public static class ReadingRules
{
    /// <summary>The longest locator (position, highlight start or end), in characters: room for a long EPUB CFI.</summary>
    public const int MaxLocatorLength = 2048;

    /// <summary>The longest device id, in characters.</summary>
    public const int MaxDeviceIdLength = 100;

    /// <summary>The longest bookmark label, in characters.</summary>
    public const int MaxLabelLength = 200;

    /// <summary>The longest highlighted excerpt, in characters.</summary>
    public const int MaxExcerptLength = 4000;

    /// <summary>The longest annotation note, in characters.</summary>
    public const int MaxNoteLength = 10000;

    /// <summary>Percentages are kept to this many decimals (the column is numeric(7,4)); more are rounded.</summary>
    public const int PercentDecimals = 4;

    /// <summary>The most changes one syncReading may carry.</summary>
    public const int MaxSyncItems = 500;

    /// <summary>How far ahead of the server's clock a device's timestamp may be: phones drift, but a timestamp further
    /// ahead would win every later write for that long.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>The first problem of a required text field, or null when it is fine.</summary>
    public static InvalidReadingInputError? CheckText(string field, string? value, int maxLength, bool required = true)
    {
        if (value is null)
        {
            return required ? new InvalidReadingInputError(field, $"The {field} is required.") : null;
        }
        if (value.Length == 0)
        {
            return required ? new InvalidReadingInputError(field, $"The {field} must not be empty.") : null;
        }
        if (value.Length > maxLength)
        {
            return new InvalidReadingInputError(field, $"The {field} has {value.Length} characters; at most {maxLength} are allowed.");
        }
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return new InvalidReadingInputError(field, $"The {field} must not contain NUL characters.");
        }
        return null;
    }

    /// <summary>The device id's problem (1 to <see cref="MaxDeviceIdLength"/> characters, no control characters), or null.</summary>
    public static InvalidReadingInputError? CheckDeviceId(string field, string deviceId)
    {
        if (CheckText(field, deviceId, MaxDeviceIdLength) is { } error)
        {
            return error;
        }
        return deviceId.Any(char.IsControl) ? new InvalidReadingInputError(field, "The device id must not contain control characters.") : null;
    }

    /// <summary>The percentage's problem (0 to 100), or null.</summary>
    public static InvalidReadingInputError? CheckPercent(string field, decimal percent) =>
        percent is < 0 or > 100 ? new InvalidReadingInputError(field, "The percent must be between 0 and 100.") : null;

    /// <summary>The percentage as stored.</summary>
    public static decimal RoundPercent(decimal percent) => decimal.Round(percent, PercentDecimals, MidpointRounding.AwayFromZero);

    /// <summary>The client's timestamp as UTC, or the error when it is further ahead of <paramref name="now"/> than the skew allows.</summary>
    public static (DateTime Utc, ClientClockAheadError? Error) CheckClientTime(DateTime clientUpdatedAt, DateTime now)
    {
        var utc = clientUpdatedAt.Kind switch
        {
            DateTimeKind.Utc => clientUpdatedAt,
            DateTimeKind.Local => clientUpdatedAt.ToUniversalTime(),
            _ => DateTime.SpecifyKind(clientUpdatedAt, DateTimeKind.Utc),
        };
        // PostgreSQL keeps microseconds: compare what will be stored.
        utc = new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
        return utc > now + MaxClockSkew ? (utc, new ClientClockAheadError(utc, now)) : (utc, null);
    }
}
