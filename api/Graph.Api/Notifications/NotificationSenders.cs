using System.Collections.Concurrent;

namespace Graph.Api.Notifications;

/// <summary>
/// A message ready to leave: the outbox row with its text written in its language. Its <c>Id</c> is the outbox message's;
/// senders pass it to providers that deduplicate, so that a retry after a lost answer is not delivered twice.
/// <c>Attempt</c> counts from 1.
/// </summary>
public sealed record OutgoingMessage(
    Guid Id,
    NotificationChannel Channel,
    NotificationPriority Priority,
    string Recipient,
    string Language,
    string Template,
    string Title,
    string Body,
    int Attempt);

/// <summary>What became of one attempt.</summary>
public sealed record SendResult
{
    private SendResult(SendOutcome outcome, string? providerMessageId, string? error, TimeSpan? retryAfter)
    {
        Outcome = outcome;
        ProviderMessageId = providerMessageId;
        Error = error;
        RetryAfter = retryAfter;
    }

    public SendOutcome Outcome { get; }

    /// <summary>The provider's reference, when it gave one.</summary>
    public string? ProviderMessageId { get; }

    /// <summary>Why it failed, in words for the staff who read the outbox (never a secret).</summary>
    public string? Error { get; }

    /// <summary>How long the provider asked to wait before the next attempt, if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The provider took the message.</summary>
    public static SendResult Sent(string? providerMessageId = null) => new(SendOutcome.Sent, providerMessageId, null, null);

    /// <summary>It failed but may work later (a timeout, the provider down or busy): the message is retried.</summary>
    public static SendResult Failed(string error, TimeSpan? retryAfter = null) => new(SendOutcome.Failed, null, error, retryAfter);

    /// <summary>It can never work (an invalid number, an unknown token): the message is DEAD at once.</summary>
    public static SendResult Rejected(string error) => new(SendOutcome.Rejected, null, error, null);
}

/// <summary>The kinds of <see cref="SendResult"/>.</summary>
public enum SendOutcome
{
    Sent,
    Failed,
    Rejected,
}

/// <summary>
/// Delivers messages of one channel (an SMS gateway, a mail server, a push service). The dispatcher calls it once per
/// attempt, with a time limit, and records what it returns; an exception counts as a failed attempt.
/// </summary>
public interface INotificationSender
{
    /// <summary>The channel this sender delivers.</summary>
    NotificationChannel Channel { get; }

    Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The sender of Development (and of tests): delivers nothing, writes each message to the log and keeps the last ones in
/// <see cref="DevelopmentMailbox"/>, so that a developer can read a password reset code without an SMS gateway.
/// </summary>
public sealed class DevelopmentSender(NotificationChannel channel, DevelopmentMailbox mailbox, ILogger<DevelopmentSender> logger) : INotificationSender
{
    /// <inheritdoc />
    public NotificationChannel Channel { get; } = channel;

    /// <inheritdoc />
    public Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        mailbox.Add(message);
        logger.LogInformation("{Channel} to {Recipient} ({Priority}, {Template}, {Language}): {Title}: {Body}",
            message.Channel, message.Recipient, message.Priority, message.Template, message.Language, message.Title, message.Body);
        return Task.FromResult(SendResult.Sent($"dev-{message.Id:N}"));
    }
}

/// <summary>The messages the <see cref="DevelopmentSender"/>s delivered, newest last; the oldest are dropped beyond <see cref="Capacity"/>.</summary>
public sealed class DevelopmentMailbox
{
    public const int Capacity = 10_000;

    private readonly ConcurrentQueue<OutgoingMessage> _messages = new();

    public void Add(OutgoingMessage message)
    {
        _messages.Enqueue(message);
        while (_messages.Count > Capacity && _messages.TryDequeue(out _))
        {
        }
    }

    /// <summary>Every message kept, in the order they were delivered.</summary>
    public IReadOnlyList<OutgoingMessage> Messages => [.. _messages];
}
