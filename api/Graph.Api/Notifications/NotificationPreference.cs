using Graph.GraphQL.Types;

namespace Graph.Api.Notifications;

/// <summary>
/// How a user wants to hear about one category: in the app or not, on which channels, and when not to be disturbed. A
/// category the user never set follows <see cref="NotificationDefaults"/>.
/// </summary>
public sealed class NotificationPreference
{
    /// <summary>The longest IANA time zone name, in characters.</summary>
    public const int MaxTimeZoneLength = 64;

    [GraphQLIgnore]
    public Guid UserId { get; init; }

    /// <summary>The category.</summary>
    public NotificationCategory Category { get; init; }

    /// <summary>Whether notifications of this category appear in the in-app inbox.</summary>
    public bool InApp { get; set; }

    /// <summary>The channels messages of this category are sent on.</summary>
    public List<NotificationChannel> Channels { get; set; } = [];

    /// <summary>The start of the quiet hours (local time), or null when there are none.</summary>
    [GraphQLIgnore]
    public TimeOnly? QuietHoursStart { get; set; }

    /// <summary>The end of the quiet hours (local time).</summary>
    [GraphQLIgnore]
    public TimeOnly? QuietHoursEnd { get; set; }

    /// <summary>The IANA time zone the quiet hours are read in, e.g. <c>Africa/Dakar</c>.</summary>
    [GraphQLIgnore]
    public string? TimeZone { get; set; }

    /// <summary>When the user last changed it.</summary>
    [GraphQLIgnore]
    public DateTime UpdatedAt { get; set; }

    /// <summary>The quiet hours, or null when there are none.</summary>
    [GraphQLIgnore]
    public QuietHours? QuietHours() =>
        QuietHoursStart is { } start && QuietHoursEnd is { } end ? new QuietHours(start, end, TimeZone ?? Notifications.QuietHours.DefaultTimeZone) : null;
}
