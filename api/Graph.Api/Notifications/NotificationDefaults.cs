using System.Collections.Frozen;

namespace Graph.Api.Notifications;

/// <summary>
/// How a user hears about a category they never set: always in the app, and on the channels people in West Africa read for
/// it (SMS reaches every phone; email only for what is long or kept).
/// </summary>
public static class NotificationDefaults
{
    private static readonly FrozenDictionary<NotificationCategory, NotificationChannel[]> Channels = new Dictionary<NotificationCategory, NotificationChannel[]>
    {
        [NotificationCategory.Account] = [NotificationChannel.Sms, NotificationChannel.Email, NotificationChannel.Push],
        [NotificationCategory.Payments] = [NotificationChannel.Sms, NotificationChannel.Email, NotificationChannel.Push],
        [NotificationCategory.Tontines] = [NotificationChannel.Sms, NotificationChannel.Push],
        [NotificationCategory.Deliveries] = [NotificationChannel.Sms, NotificationChannel.Push],
        [NotificationCategory.Catalog] = [NotificationChannel.Email, NotificationChannel.Push],
        [NotificationCategory.Energy] = [NotificationChannel.Sms, NotificationChannel.Push],
        [NotificationCategory.Learning] = [NotificationChannel.Email, NotificationChannel.Push],
        [NotificationCategory.Announcements] = [NotificationChannel.Push],
    }.ToFrozenDictionary();

    /// <summary>The preference of <paramref name="userId"/> for <paramref name="category"/> when they never set one.</summary>
    public static NotificationPreference For(Guid userId, NotificationCategory category) => new()
    {
        UserId = userId,
        Category = category,
        InApp = true,
        Channels = [.. Channels[category]],
    };
}
