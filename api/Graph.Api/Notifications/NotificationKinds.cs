namespace Graph.Api.Notifications;

/// <summary>How a message leaves the platform (in-app notifications are not messages: they are rows the apps read).</summary>
public enum NotificationChannel
{
    /// <summary>A text message to the user's phone number.</summary>
    Sms,

    /// <summary>An email to the user's address.</summary>
    Email,

    /// <summary>A push notification to each of the user's registered devices.</summary>
    Push,
}

/// <summary>
/// How soon a message must leave. The dispatcher gives each priority a share of every batch (URGENT the largest, LOW the
/// smallest but never none), and hands a share nobody needs to the most urgent messages waiting.
/// </summary>
public enum NotificationPriority
{
    /// <summary>Security and money that cannot wait (a password reset, a failed payout); sent even in quiet hours.</summary>
    Urgent = 0,

    /// <summary>What the user is waiting for (a payment confirmed, a contribution due today).</summary>
    High = 1,

    /// <summary>Ordinary news (added to a tontine, a delivery recorded).</summary>
    Normal = 2,

    /// <summary>Bulk: announcements, newsletters, digests.</summary>
    Low = 3,
}

/// <summary>Where a message of the outbox stands.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for its first attempt (or for the end of the recipient's quiet hours).</summary>
    Pending,

    /// <summary>Handed to the provider.</summary>
    Sent,

    /// <summary>The last attempt failed; another one is planned at <c>nextAttemptAt</c>.</summary>
    Failed,

    /// <summary>Given up: every attempt failed, or the provider refused it for good. An ADMIN may send it again.</summary>
    Dead,
}

/// <summary>What a notification is about; users choose channels and quiet hours per category.</summary>
public enum NotificationCategory
{
    /// <summary>The account's security: password reset, password changed, new sign-in.</summary>
    Account,

    /// <summary>Payments, refunds and payouts.</summary>
    Payments,

    /// <summary>Tontines: membership, contributions due, payouts (Kobiri).</summary>
    Tontines,

    /// <summary>Cocoa deliveries and lots (CocoaTrack).</summary>
    Deliveries,

    /// <summary>Books, reading and royalties (Coko).</summary>
    Catalog,

    /// <summary>Electricity consumption alerts (SamaConso).</summary>
    Energy,

    /// <summary>Courses and work (EcosystIA).</summary>
    Learning,

    /// <summary>News from the platform.</summary>
    Announcements,
}

/// <summary>The kind of device a push token belongs to.</summary>
public enum PushPlatform
{
    Android,
    Ios,
    Web,
}
