using Graph.GraphQL.Types;

namespace Graph.Api.Notifications;

/// <summary>Which of the signed-in user's notifications to mark read: the ones listed in <c>ids</c>, or <c>all</c> of them
/// (exactly one of the two).</summary>
public sealed class MarkNotificationsReadInput
{
    /// <summary>The notifications to mark read, at most 100. IDs that name none of the caller's notifications (another
    /// user's, say) are ignored, as if they were not in the list.</summary>
    [ID<Notification>]
    public IReadOnlyList<Guid>? Ids { get; init; }

    /// <summary>True to mark every unread notification of the caller read.</summary>
    public bool? All { get; init; }
}

/// <summary>How the signed-in user wants to hear about one category.</summary>
public sealed class SetNotificationPreferenceInput
{
    /// <summary>The category.</summary>
    public required NotificationCategory Category { get; init; }

    /// <summary>Whether notifications of the category appear in the in-app inbox.</summary>
    public required bool InApp { get; init; }

    /// <summary>The channels messages of the category are sent on, each at most once; empty for none.</summary>
    public required IReadOnlyList<NotificationChannel> Channels { get; init; }

    /// <summary>When not to be disturbed (URGENT messages still leave); null for never.</summary>
    public QuietHoursInput? QuietHours { get; init; }
}

/// <summary>A daily window without messages, in local time: <c>{ start: "22:00", end: "07:00", timeZone: "Africa/Dakar" }</c>.
/// A start after the end spans midnight.</summary>
public sealed class QuietHoursInput
{
    /// <summary>When the window opens, as <c>HH:mm</c> (24-hour clock).</summary>
    public required string Start { get; init; }

    /// <summary>When it closes, as <c>HH:mm</c>; not equal to <c>start</c>.</summary>
    public required string End { get; init; }

    /// <summary>The IANA time zone the times are read in, e.g. <c>Africa/Dakar</c> or <c>Africa/Abidjan</c>.</summary>
    public required string TimeZone { get; init; }
}

/// <summary>The category whose preference goes back to the platform's default.</summary>
public sealed class ResetNotificationPreferenceInput
{
    /// <summary>The category.</summary>
    public required NotificationCategory Category { get; init; }
}

/// <summary>A device to receive the signed-in user's push notifications (apps register it at every start).</summary>
public sealed class RegisterPushDeviceInput
{
    /// <summary>The push service's token for the device (FCM, APNs or Web Push): 1 to 512 characters, without control
    /// characters. A token registered by another account moves to the caller's.</summary>
    public required string Token { get; init; }

    /// <summary>The kind of device.</summary>
    public required PushPlatform Platform { get; init; }
}

/// <summary>A device that is to stop receiving the signed-in user's push notifications (at sign-out, say).</summary>
public sealed class UnregisterPushDeviceInput
{
    /// <summary>The push service's token for the device, as it was registered.</summary>
    public required string Token { get; init; }
}
