using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.Api.Notifications;

/// <summary>Fields of NotificationPreference the entity does not hold as such.</summary>
[ExtendObjectType<NotificationPreference>]
public sealed class NotificationPreferenceFields
{
    /// <summary>Whether this is the platform's default for the category, because the user never set one (or reset it).</summary>
    /// <remarks>A stored preference always has the time it was set; <see cref="NotificationDefaults.For"/> gives none.</remarks>
    public bool IsDefault([Parent] NotificationPreference preference) => preference.UpdatedAt == default;

    /// <summary>When not to be disturbed, or null when messages of the category may come at any time.</summary>
    public QuietHours? GetQuietHours([Parent] NotificationPreference preference) => preference.QuietHours();
}

/// <summary>Quiet hours as clients read them: times as <c>HH:mm</c> text, as setNotificationPreference takes them.</summary>
[ExtendObjectType<QuietHours>(IgnoreProperties = [nameof(QuietHours.Start), nameof(QuietHours.End), nameof(QuietHours.TimeZone), nameof(QuietHours.SendableFrom)])]
public sealed class QuietHoursFields
{
    /// <summary>When the window opens, local time, as <c>HH:mm</c>.</summary>
    public string GetStart([Parent] QuietHours quietHours) => Format(quietHours.Start);

    /// <summary>When it closes, local time, as <c>HH:mm</c>; earlier than <c>start</c> when the window spans midnight.</summary>
    public string GetEnd([Parent] QuietHours quietHours) => Format(quietHours.End);

    /// <summary>The IANA time zone the times are read in, e.g. <c>Africa/Dakar</c>.</summary>
    public string GetTimeZone([Parent] QuietHours quietHours) => quietHours.TimeZone;

    private static string Format(TimeOnly time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Fields of PushDevice that show the device without giving its token away.</summary>
[ExtendObjectType<PushDevice>]
public sealed class PushDeviceFields
{
    /// <summary>The end of the device's token (its last six characters, never more than half of it), for people to tell
    /// their devices apart; the whole token is never shown.</summary>
    public string GetTokenSuffix([Parent] PushDevice device) => device.Token[^Math.Min(6, device.Token.Length / 2)..];
}
