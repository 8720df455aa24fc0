using System.Security.Claims;
using System.Text.RegularExpressions;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Notifications;

/// <summary>The signed-in user's changes to their inbox, preferences and push devices, on Mutation. Each one touches the
/// caller's own rows only.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed partial class NotificationMutations
{
    /// <summary>The most notifications one markNotificationsRead call names by ID.</summary>
    public const int MaxIdsPerCall = 100;

    /// <summary>The most push devices an account keeps: registering one more drops the one seen longest ago.</summary>
    public const int MaxPushDevicesPerUser = 20;

    /// <summary>
    /// Marks notifications of the signed-in user read: those listed in <c>ids</c> (IDs of other users' notifications are
    /// ignored, never marked), or <c>all: true</c> for every one. Notifications read already keep the time they were read,
    /// so calling it twice changes nothing more.
    /// </summary>
    [Authorize]
    public async Task<MarkNotificationsReadPayload> MarkNotificationsReadAsync(
        MarkNotificationsReadInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var userId = Accounts.RequireUserId(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = input.All == true;
        if (InputError(input, all) is { } error)
        {
            return MarkNotificationsReadPayload.Failed(await Inbox.UnreadCountAsync(db, userId, cancellationToken), error);
        }

        var ids = input.Ids?.Distinct().ToArray() ?? [];
        var unread = db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (!all)
        {
            unread = unread.Where(n => ids.Contains(n.Id));
        }
        // One UPDATE ... WHERE user_id = @me AND read_at IS NULL: the caller's rows only, each marked once.
        DateTime? now = clock.GetUtcNow().UtcDateTime;
        var marked = await unread.ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, now), cancellationToken);
        var unreadCount = await Inbox.UnreadCountAsync(db, userId, cancellationToken);
        var notifications = all
            ? null
            : await db.Notifications.AsNoTracking()
                .Where(n => n.UserId == userId && ids.Contains(n.Id))
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .ToListAsync(cancellationToken);
        return MarkNotificationsReadPayload.Marked(marked, unreadCount, notifications);
    }

    /// <summary>
    /// Sets how the signed-in user hears about one category: in the app or not, on which channels, and the quiet hours in
    /// which messages other than URGENT ones wait. It replaces the category's preference (or its default) whole.
    /// </summary>
    [Authorize]
    public async Task<SetNotificationPreferencePayload> SetNotificationPreferenceAsync(
        SetNotificationPreferenceInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var userId = Accounts.RequireUserId(user);
        var errors = Validate(input, out var quietHours);
        if (errors.Count > 0)
        {
            return SetNotificationPreferencePayload.Failed(errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            // Through SaveChanges, not raw SQL, so that the audit log records the change.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var preference = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.Category == input.Category, cancellationToken);
            if (preference is null)
            {
                preference = new NotificationPreference { UserId = userId, Category = input.Category };
                db.NotificationPreferences.Add(preference);
            }
            preference.InApp = input.InApp;
            preference.Channels = [.. input.Channels];
            preference.QuietHoursStart = quietHours?.Start;
            preference.QuietHoursEnd = quietHours?.End;
            preference.TimeZone = quietHours?.TimeZone;
            preference.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return SetNotificationPreferencePayload.Saved(preference);
            }
            catch (DbUpdateException ex) when (attempt == 1 && IsUniqueViolation(ex))
            {
                // Another request of the user inserted the category's row first: update that one.
            }
        }
    }

    /// <summary>Forgets the signed-in user's preference for a category: the platform's default applies again.</summary>
    [Authorize]
    public async Task<ResetNotificationPreferencePayload> ResetNotificationPreferenceAsync(
        ResetNotificationPreferenceInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        CancellationToken cancellationToken)
    {
        var userId = Accounts.RequireUserId(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preference = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.Category == input.Category, cancellationToken);
        if (preference is not null)
        {
            db.NotificationPreferences.Remove(preference);
            await db.SaveChangesAsync(cancellationToken);
        }
        return ResetNotificationPreferencePayload.Reset(NotificationDefaults.For(userId, input.Category));
    }

    /// <summary>
    /// Registers a device to receive the signed-in user's push notifications, or, for a token registered already, records
    /// that the device is still there. A token belongs to one device, so a token another account registered moves to the
    /// caller's (the phone changed hands, or another user signed in on it). An account keeps its 20 most recently seen
    /// devices: registering one more drops the one seen longest ago.
    /// </summary>
    [Authorize]
    public async Task<RegisterPushDevicePayload> RegisterPushDeviceAsync(
        RegisterPushDeviceInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var userId = Accounts.RequireUserId(user);
        if (TokenProblem(input.Token) is { } problem)
        {
            return RegisterPushDevicePayload.Failed(new InvalidPushTokenError(problem));
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var device = await db.PushDevices.SingleOrDefaultAsync(d => d.Token == input.Token, cancellationToken);
            if (device is null)
            {
                device = new PushDevice
                {
                    Id = Guid.CreateVersion7(now),
                    UserId = userId,
                    Token = input.Token,
                    Platform = input.Platform,
                    RegisteredAt = now,
                    LastSeenAt = now,
                };
                db.PushDevices.Add(device);
            }
            else
            {
                device.UserId = userId;
                device.Platform = input.Platform;
                device.LastSeenAt = now;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt == 1 && IsUniqueViolation(ex))
            {
                // The same token was registered at the same moment by another request: take that row over.
                continue;
            }

            var registeredId = device.Id;
            var dropped = await db.PushDevices
                .Where(d => d.UserId == userId && d.Id != registeredId)
                .OrderByDescending(d => d.LastSeenAt).ThenByDescending(d => d.Id)
                .Skip(MaxPushDevicesPerUser - 1)
                .Select(d => d.Id)
                .ToListAsync(cancellationToken);
            if (dropped.Count > 0)
            {
                await db.PushDevices.Where(d => dropped.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return RegisterPushDevicePayload.Registered(device);
        }
    }

    /// <summary>Stops sending the signed-in user's push notifications to a device of theirs (at sign-out, say).</summary>
    [Authorize]
    public async Task<UnregisterPushDevicePayload> UnregisterPushDeviceAsync(
        UnregisterPushDeviceInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        CancellationToken cancellationToken)
    {
        var userId = Accounts.RequireUserId(user);
        if (TokenProblem(input.Token) is { } problem)
        {
            return UnregisterPushDevicePayload.Failed(new InvalidPushTokenError(problem));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var device = await db.PushDevices.AsNoTracking().SingleOrDefaultAsync(d => d.Token == input.Token && d.UserId == userId, cancellationToken);
        if (device is null)
        {
            return UnregisterPushDevicePayload.Failed(new PushDeviceNotFoundError());
        }
        await db.PushDevices.Where(d => d.Id == device.Id && d.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return UnregisterPushDevicePayload.Unregistered(device);
    }

    private static InvalidNotificationInputError? InputError(MarkNotificationsReadInput input, bool all) => (input.Ids, all) switch
    {
        (null, false) => new InvalidNotificationInputError("ids", "Give the notifications to mark read in ids, or all: true to mark every one."),
        (not null, true) => new InvalidNotificationInputError("all", "Give either ids or all: true, not both."),
        ({ Count: > MaxIdsPerCall }, _) => new InvalidNotificationInputError("ids",
            $"At most {MaxIdsPerCall} IDs per call; all: true marks every notification read."),
        _ => null,
    };

    /// <summary>Every problem of the input, and the quiet hours it gives when there is none.</summary>
    private static List<ISetNotificationPreferenceError> Validate(SetNotificationPreferenceInput input, out QuietHours? quietHours)
    {
        var errors = new List<ISetNotificationPreferenceError>();
        quietHours = null;
        if (input.Channels.Distinct().Count() != input.Channels.Count)
        {
            errors.Add(new InvalidNotificationPreferenceError("channels", "Each channel may be listed once."));
        }
        if (input.QuietHours is not { } quiet)
        {
            return errors;
        }
        var start = ParseTime(quiet.Start);
        var end = ParseTime(quiet.End);
        if (start is null)
        {
            errors.Add(new InvalidNotificationPreferenceError("quietHours.start", "The start of the quiet hours must be a time written HH:mm, from 00:00 to 23:59."));
        }
        if (end is null)
        {
            errors.Add(new InvalidNotificationPreferenceError("quietHours.end", "The end of the quiet hours must be a time written HH:mm, from 00:00 to 23:59."));
        }
        if (start is not null && start == end)
        {
            errors.Add(new InvalidNotificationPreferenceError("quietHours.end",
                "The quiet hours must end at another time than they start (give no quietHours for none)."));
        }
        if (quiet.TimeZone.Length > NotificationPreference.MaxTimeZoneLength || !QuietHours.IsKnownTimeZone(quiet.TimeZone))
        {
            errors.Add(new InvalidNotificationPreferenceError("quietHours.timeZone", "The time zone must be an IANA time zone name, such as Africa/Dakar."));
        }
        if (errors.Count == 0)
        {
            quietHours = new QuietHours(start!.Value, end!.Value, quiet.TimeZone);
        }
        return errors;
    }

    private static TimeOnly? ParseTime(string text)
    {
        var match = HourMinute().Match(text);
        return match.Success ? new TimeOnly(int.Parse(match.Groups[1].ValueSpan), int.Parse(match.Groups[2].ValueSpan)) : null;
    }

    /// <summary>Why <paramref name="token"/> cannot be a push token, or null when it can.</summary>
    private static string? TokenProblem(string token) =>
        token.Length == 0 || token.Length > PushDevice.MaxTokenLength || string.IsNullOrWhiteSpace(token) || token.Any(char.IsControl)
            ? $"A push token has 1 to {PushDevice.MaxTokenLength} characters, not all spaces, and no control characters (line breaks, tabs, NUL)."
            : null;

    private static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    [GeneratedRegex(@"\A([01][0-9]|2[0-3]):([0-5][0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex HourMinute();
}
