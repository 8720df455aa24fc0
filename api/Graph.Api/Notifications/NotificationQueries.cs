using System.Security.Claims;
using System.Text.Json;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Data.Sorting;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Notifications;

/// <summary>The signed-in user's inbox, preferences and push devices, on Query. Everything here is the caller's own: an
/// inbox is private, staff included.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class NotificationQueries
{
    /// <summary>The most push devices <c>myPushDevices</c> returns (registerPushDevice keeps no more per account).</summary>
    private const int MaxDevices = NotificationMutations.MaxPushDevicesPerUser;

    /// <summary>
    /// The signed-in user's notifications: unread ones first, then newest first, unless ordered otherwise. With
    /// <c>unreadOnly: true</c>, only the unread ones.
    /// </summary>
    /// <param name="db">The request's context.</param>
    /// <param name="user">The caller, whose inbox it is.</param>
    /// <param name="unreadOnly">True for the unread notifications only (the same as <c>where: { readAt: { eq: null } }</c>).</param>
    [Authorize]
    [UsePaging, UseProjection, UseFiltering(typeof(NotificationFilterInputType)), UseSorting(typeof(NotificationSortInputType))]
    public IQueryable<Notification> GetMyNotifications(GraphDbContext db, ClaimsPrincipal user, bool unreadOnly = false)
    {
        var userId = Accounts.RequireUserId(user);
        var notifications = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (unreadOnly)
        {
            notifications = notifications.Where(n => n.ReadAt == null);
        }
        // PostgreSQL sorts NULL first in descending order: the unread ones (read_at NULL) come first, as the index
        // ix_notifications_user_id_read_at_created_at keeps them.
        return notifications.OrderByDescending(n => n.ReadAt).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id);
    }

    /// <summary>How many of the signed-in user's notifications are unread (the number on the bell).</summary>
    [Authorize]
    public async Task<int> GetUnreadNotificationCountAsync(ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Inbox.UnreadCountAsync(db, Accounts.RequireUserId(user), cancellationToken);
    }

    /// <summary>
    /// How the signed-in user hears about each category, one preference per category in the order of
    /// <c>NotificationCategory</c>: the one they set, else the platform's default (<c>isDefault: true</c>).
    /// </summary>
    [Authorize]
    public async Task<IReadOnlyList<NotificationPreference>> GetMyNotificationPreferencesAsync(
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        CancellationToken cancellationToken)
    {
        var userId = Accounts.RequireUserId(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Category, cancellationToken);
        return [.. Enum.GetValues<NotificationCategory>().Select(c => stored.GetValueOrDefault(c) ?? NotificationDefaults.For(userId, c))];
    }

    /// <summary>The devices that receive the signed-in user's push notifications, most recently seen first.</summary>
    [Authorize]
    [ListSize(AssumedSize = MaxDevices)]
    public async Task<IReadOnlyList<PushDevice>> GetMyPushDevicesAsync(ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        var userId = Accounts.RequireUserId(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PushDevices.AsNoTracking()
            .Where(d => d.UserId == userId)
            .OrderByDescending(d => d.LastSeenAt).ThenByDescending(d => d.Id)
            .Take(MaxDevices)
            .ToListAsync(cancellationToken);
    }
}

/// <summary>Resolves notifications by their global ID (node, nodes).</summary>
[ExtendObjectType<Notification>]
public sealed class NotificationFields
{
    /// <summary>Resolves a Notification's global ID for node and nodes: for its recipient only. Anyone else (ADMIN
    /// included: inboxes are private) gets null, as for an ID that names no notification.</summary>
    [NodeResolver]
    public static async Task<Notification?> GetNotificationByIdAsync(Guid id, ClaimsPrincipal user, NotificationByIdDataLoader notifications, CancellationToken cancellationToken)
    {
        if (user.GetUserId() is not { } userId)
        {
            return null;
        }
        var notification = await notifications.LoadAsync(id, cancellationToken);
        return notification?.UserId == userId ? notification : null;
    }
}

/// <summary>Notifications by ID, several in one query (the caller's row rule is applied by the node resolver).</summary>
public sealed class NotificationByIdDataLoader(IDbContextFactory<GraphDbContext> contexts, IBatchScheduler scheduler, DataLoaderOptions? options = null)
    : BatchDataLoader<Guid, Notification?>(scheduler, options)
{
    protected override async Task<IReadOnlyDictionary<Guid, Notification?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => (Notification?)n, cancellationToken);
    }
}

/// <summary>The fields <c>myNotifications(where:)</c> filters on (<c>readAt: { eq: null }</c> for the unread ones).</summary>
public sealed class NotificationFilterInputType : FilterInputType<Notification>
{
    /// <inheritdoc />
    protected override void Configure(IFilterInputTypeDescriptor<Notification> descriptor) => descriptor
        .BindFieldsExplicitly()
        .Field(n => n.Category)
        .Field(n => n.Priority)
        .Field(n => n.Template)
        .Field(n => n.CreatedAt)
        .Field(n => n.ReadAt);
}

/// <summary>The fields <c>myNotifications(order:)</c> sorts by.</summary>
public sealed class NotificationSortInputType : SortInputType<Notification>
{
    /// <inheritdoc />
    protected override void Configure(ISortInputTypeDescriptor<Notification> descriptor)
    {
        descriptor.BindFieldsExplicitly();
        descriptor.Field(n => n.CreatedAt);
        descriptor.Field(n => n.ReadAt);
        descriptor.Field(n => n.Priority);
        descriptor.Field(n => n.Category);
    }
}

/// <summary>The inbox's count of unread notifications.</summary>
internal static class Inbox
{
    /// <summary>The number of unread notifications of <paramref name="userId"/>: one COUNT on the inbox's index.</summary>
    public static Task<int> UnreadCountAsync(GraphDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
}
