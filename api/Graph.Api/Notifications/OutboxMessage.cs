using System.Text.Json;
using Graph.Api.Audit;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Notifications;

/// <summary>
/// A message waiting to leave, or that left, by SMS, email or push. It is written in the same transaction as the change
/// that causes it, so a change rolled back sends nothing, and sent by the dispatcher once
/// committed. Staff read the outbox to follow and repair deliveries.
/// </summary>
[Node]
[NotAudited]
public sealed class OutboxMessage
{
    /// <summary>The longest recipient (an email address, an E.164 number or a push token), in characters.</summary>
    public const int MaxRecipientLength = 512;

    /// <summary>The longest template key, in characters.</summary>
    public const int MaxTemplateLength = 100;

    /// <summary>The longest error kept from a failed attempt, in characters.</summary>
    public const int MaxErrorLength = 1000;

    public Guid Id { get; init; }

    /// <summary>The account the message is for, when there is one.</summary>
    [GraphQLIgnore]
    public Guid? UserId { get; init; }

    /// <summary>How the message leaves.</summary>
    public NotificationChannel Channel { get; init; }

    /// <summary>How soon it must leave.</summary>
    public NotificationPriority Priority { get; init; }

    /// <summary>What it is about.</summary>
    public NotificationCategory Category { get; init; }

    /// <summary>The template the text is written from, e.g. <c>account.password-reset</c>.</summary>
    public required string Template { get; init; }

    /// <summary>The language the text is written in: <c>fr</c>, <c>en</c>, <c>wo</c> or <c>ar</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Where it goes: an email address, an E.164 phone number or a push token.</summary>
    public required string Recipient { get; init; }

    /// <summary>The template's values (the secret ones, such as a reset code, are kept apart and never shown).</summary>
    public required JsonDocument Parameters { get; init; }

    /// <summary>Values the text needs but nobody may read (a password reset code), erased once the message is sent or dead.</summary>
    [GraphQLIgnore]
    [AuditRedacted]
    public JsonDocument? SecretParameters { get; set; }

    /// <summary>Where the message stands.</summary>
    public OutboxStatus Status { get; set; }

    /// <summary>How many attempts were made (an attempt in progress counts).</summary>
    public int Attempts { get; set; }

    /// <summary>How many attempts are made before the message is DEAD.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>When the next attempt may start (while an attempt is in progress: when it is considered lost).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>When the last attempt started, or null before the first.</summary>
    public DateTime? LastAttemptAt { get; set; }

    /// <summary>Why the last attempt failed, or null.</summary>
    public string? LastError { get; set; }

    /// <summary>The provider's reference for the message, once sent.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>When the message was written.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the provider took it, or null.</summary>
    public DateTime? SentAt { get; set; }
}
