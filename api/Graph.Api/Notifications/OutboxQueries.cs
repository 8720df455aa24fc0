using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Data.Sorting;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Notifications;

/// <summary>The outbox for staff on Query: what left, what waits, what died.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class OutboxQueries
{
    /// <summary>The outbox's messages, newest first unless ordered otherwise (ADMIN, SUPPORT).</summary>
    [UsePaging, UseProjection, UseFiltering(typeof(OutboxMessageFilterInputType)), UseSorting(typeof(OutboxMessageSortInputType))]
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName])]
    public IQueryable<OutboxMessage> GetNotificationOutbox(GraphDbContext db) =>
        db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id);

    /// <summary>How many messages the outbox holds per status and priority (every pair, zeros included), for dashboards
    /// and alerts (ADMIN, SUPPORT).</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.SupportName])]
    public async Task<IReadOnlyList<OutboxCount>> GetNotificationOutboxCountsAsync(IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.OutboxMessages.AsNoTracking()
            .GroupBy(m => new { m.Status, m.Priority })
            .Select(g => new { g.Key.Status, g.Key.Priority, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return [.. from status in EnumNames<OutboxStatus>.All
                   from priority in EnumNames<NotificationPriority>.All
                   select new OutboxCount(status, priority, counts.SingleOrDefault(c => c.Status == status && c.Priority == priority)?.Count ?? 0)];
    }
}

/// <summary>How many messages of the outbox have one status and one priority.</summary>
public sealed record OutboxCount(OutboxStatus Status, NotificationPriority Priority, long Count);

/// <summary>Fields of OutboxMessage that need more than its row.</summary>
[ExtendObjectType<OutboxMessage>]
public sealed class OutboxMessageFields
{
    /// <summary>Resolves an OutboxMessage's global ID for node and nodes: for ADMIN and SUPPORT only; anyone else gets
    /// null, as for an ID that names no message.</summary>
    [NodeResolver]
    public static async Task<OutboxMessage?> GetOutboxMessageByIdAsync(Guid id, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(PlatformRoles.AdminName) && !user.IsInRole(PlatformRoles.SupportName))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>The account the message is for, or null (a message to an address only, or an account since deleted).</summary>
    public async Task<User?> GetUserAsync([Parent] OutboxMessage message, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        message.UserId is { } userId ? await users.LoadAsync(userId, cancellationToken) : null;
}

/// <summary>The fields <c>notificationOutbox(where:)</c> filters on.</summary>
public sealed class OutboxMessageFilterInputType : FilterInputType<OutboxMessage>
{
    /// <inheritdoc />
    protected override void Configure(IFilterInputTypeDescriptor<OutboxMessage> descriptor) => descriptor
        .BindFieldsExplicitly()
        .Field(m => m.Status)
        .Field(m => m.Channel)
        .Field(m => m.Priority)
        .Field(m => m.Category)
        .Field(m => m.Template)
        .Field(m => m.Language)
        .Field(m => m.Recipient)
        .Field(m => m.Attempts)
        .Field(m => m.CreatedAt)
        .Field(m => m.NextAttemptAt)
        .Field(m => m.SentAt);
}

/// <summary>The fields <c>notificationOutbox(order:)</c> sorts by.</summary>
public sealed class OutboxMessageSortInputType : SortInputType<OutboxMessage>
{
    /// <inheritdoc />
    protected override void Configure(ISortInputTypeDescriptor<OutboxMessage> descriptor)
    {
        descriptor.BindFieldsExplicitly();
        descriptor.Field(m => m.CreatedAt);
        descriptor.Field(m => m.NextAttemptAt);
        descriptor.Field(m => m.Priority);
        descriptor.Field(m => m.Status);
        descriptor.Field(m => m.Attempts);
        descriptor.Field(m => m.SentAt);
    }
}
