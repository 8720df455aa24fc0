using Graph.Api.Audit;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Notifications;

/// <summary>The outbox's repairs on Mutation.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class OutboxMutations
{
    /// <summary>
    /// Sends a DEAD message again (ADMIN): it becomes PENDING with a fresh count of attempts and leaves at the dispatcher's
    /// next round. Refused for a message that is not DEAD, and for one whose secret values (a reset code) were erased: ask
    /// for a new one instead. Recorded in the audit log.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<RetryNotificationPayload> RetryNotificationAsync(
        RetryNotificationInput input,
        IDbContextFactory<GraphDbContext> contexts,
        IAuditLog audit,
        OutboxSignal signal,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so that a dispatcher cannot claim it between the check and the change.
        var message = await db.OutboxMessages.FromSql($"SELECT * FROM notification_outbox WHERE id = {input.MessageId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return RetryNotificationPayload.Failed(new OutboxMessageNotFoundError(input.MessageId));
        }
        if (message.Status != OutboxStatus.Dead)
        {
            return RetryNotificationPayload.Failed(new OutboxMessageNotDeadError(message.Status));
        }
        if (NotificationTemplates.Find(message.Template) is not { } template)
        {
            return RetryNotificationPayload.Failed(new OutboxMessageNotRetryableError($"Its template '{message.Template}' no longer exists."));
        }
        if (template.Secrets.Count > 0 && message.SecretParameters is null)
        {
            return RetryNotificationPayload.Failed(new OutboxMessageNotRetryableError(
                "Its secret values (such as a reset code) were erased when it died: the user must ask for a new message."));
        }

        var before = new { message.Attempts, message.LastError };
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
        audit.Add(db, AuditActions.NotificationRetried, nameof(OutboxMessage), message.Id.ToString(), before);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return RetryNotificationPayload.Retried(message);
    }
}

/// <summary>The message to send again.</summary>
public sealed class RetryNotificationInput
{
    /// <summary>The outbox message's ID.</summary>
    [ID<OutboxMessage>]
    public required Guid MessageId { get; init; }
}

/// <summary>What retryNotification did: the message, PENDING again, or why not.</summary>
public sealed class RetryNotificationPayload
{
    private RetryNotificationPayload(OutboxMessage? message, IReadOnlyList<IRetryNotificationError>? errors)
    {
        Message = message;
        Errors = errors;
    }

    /// <summary>The message as it now stands, or null when there are errors.</summary>
    public OutboxMessage? Message { get; }

    /// <summary>Why the message was not sent again, or null.</summary>
    public IReadOnlyList<IRetryNotificationError>? Errors { get; }

    public static RetryNotificationPayload Retried(OutboxMessage message) => new(message, null);

    public static RetryNotificationPayload Failed(IRetryNotificationError error) => new(null, [error]);
}

/// <summary>The domain errors of retryNotification.</summary>
[UnionType("RetryNotificationError")]
public interface IRetryNotificationError;

/// <summary>No message of the outbox has this ID.</summary>
public sealed class OutboxMessageNotFoundError(Guid messageId) : IError, IRetryNotificationError
{
    /// <inheritdoc />
    public string Message => "There is no outbox message with this ID.";

    /// <inheritdoc />
    public string Code => "OUTBOX_MESSAGE_NOT_FOUND";

    /// <summary>The ID that matched no message, as it was given.</summary>
    [ID<OutboxMessage>]
    public Guid MessageId { get; } = messageId;
}

/// <summary>Only a DEAD message can be sent again; this one is still on its way or already sent.</summary>
public sealed class OutboxMessageNotDeadError(OutboxStatus status) : IError, IRetryNotificationError
{
    /// <inheritdoc />
    public string Message => $"Only a DEAD message can be sent again; this one is {EnumNames<OutboxStatus>.ToName(Status)}.";

    /// <inheritdoc />
    public string Code => "OUTBOX_MESSAGE_NOT_DEAD";

    /// <summary>The message's status.</summary>
    public OutboxStatus Status { get; } = status;
}

/// <summary>The message cannot be sent again as it is.</summary>
public sealed class OutboxMessageNotRetryableError(string reason) : IError, IRetryNotificationError
{
    /// <inheritdoc />
    public string Message => "This message cannot be sent again. " + Reason;

    /// <inheritdoc />
    public string Code => "OUTBOX_MESSAGE_NOT_RETRYABLE";

    /// <summary>Why.</summary>
    [GraphQLIgnore]
    public string Reason { get; } = reason;
}
