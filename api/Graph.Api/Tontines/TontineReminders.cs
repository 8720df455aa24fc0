using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Notifications;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Tontines;

/// <summary>What a reminder run or an organiser's reminder did: the members reminded, or the one reason none was.</summary>
public sealed record ReminderResult(IReadOnlyList<Guid> Reminded, IError? Error)
{
    public static ReminderResult Failed(IError error) => new([], error);
}

/// <summary>
/// Reminders of contributions: before each due date the job reminds every member who has not paid (once per member and
/// session, <see cref="TontinesOptions.RemindersOptions.DaysBefore"/> days ahead); an organiser may remind one member or
/// every unpaid member of a session (<c>sendReminder</c>), at most once per member and session within the cooldown. Each
/// reminder is an in-app notification plus the SMS, e-mail or push the member chose (the outbox records them), written in
/// the same transaction as the reminder's row.
/// </summary>
public sealed class TontineReminders(IDbContextFactory<GraphDbContext> contexts, Notifier notifier, INodeIdSerializer ids, IOptions<GraphOptions> options, TimeProvider clock)
{
    /// <summary>The advisory lock one reminder run holds, so that two instances never remind the same member twice at once
    /// ("TontRmnd" in ASCII).</summary>
    private const long RunLock = 0x546f6e74526d6e64;

    private TontinesOptions.RemindersOptions Settings => options.Value.Tontines.Reminders;

    /// <summary>Reminds the members of active tontines whose contribution falls due within the next days and who were not
    /// reminded of it by the job yet.</summary>
    /// <returns>How many members were reminded (0 when another instance is running).</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var until = today.AddDays(Math.Max(0, Settings.DaysBefore));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RunLock}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return 0;
        }
        var due = await (
                from c in db.TontineContributions
                join s in db.TontineSessions on c.SessionId equals s.Id
                join t in db.Tontines on c.TontineId equals t.Id
                where t.Status == TontineStatus.Active && c.PaidAt == null && s.DueDate >= today && s.DueDate <= until
                      && db.TontineMembers.Any(m => m.TontineId == c.TontineId && m.UserId == c.UserId)
                      && !db.TontineReminders.Any(r => r.SessionId == c.SessionId && r.UserId == c.UserId && r.SentByUserId == null)
                orderby s.DueDate, c.SessionId, c.UserId
                select new { Contribution = c, Session = s, Tontine = t })
            .AsNoTracking()
            .Take(Math.Max(1, Settings.BatchSize))
            .ToListAsync(cancellationToken);
        foreach (var row in due)
        {
            await RemindAsync(db, row.Tontine, row.Session, row.Contribution, organiserId: null, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>
    /// An organiser's reminder for a session of an active tontine: to <paramref name="memberId"/>, or to every member who
    /// has not paid when it is null (members reminded by an organiser within the cooldown are left out).
    /// </summary>
    public async Task<ReminderResult> SendAsync(Guid tontineId, Guid sessionId, Guid? memberId, Guid organiserId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The tontine's row lock orders two organisers reminding at once (the cooldown is checked under it).
        var tontine = await TontineLocks.LockAsync(db, tontineId, cancellationToken);
        if (tontine is null)
        {
            return ReminderResult.Failed(new TontineNotFoundError(tontineId));
        }
        if (tontine.Status != TontineStatus.Active)
        {
            return ReminderResult.Failed(new TontineNotActiveError(tontineId, tontine.Status));
        }
        var session = await db.TontineSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.TontineId == tontineId, cancellationToken);
        if (session is null)
        {
            return ReminderResult.Failed(new TontineSessionNotFoundError(sessionId));
        }
        if (memberId is { } member && !await db.TontineMembers.AnyAsync(m => m.TontineId == tontineId && m.UserId == member, cancellationToken))
        {
            return ReminderResult.Failed(new NotTontineMemberError(member));
        }

        var members = db.TontineMembers.Where(m => m.TontineId == tontineId).Select(m => m.UserId);
        var unpaid = await db.TontineContributions.AsNoTracking()
            .Where(c => c.SessionId == sessionId && c.PaidAt == null && members.Contains(c.UserId) && (memberId == null || c.UserId == memberId))
            .OrderBy(c => c.UserId)
            .ToListAsync(cancellationToken);
        if (unpaid.Count == 0)
        {
            return ReminderResult.Failed(new NothingToRemindError(sessionId, memberId));
        }
        var since = now - Settings.OrganiserCooldown;
        var recent = await db.TontineReminders.AsNoTracking()
            .Where(r => r.SessionId == sessionId && r.SentByUserId != null && r.SentAt > since)
            .Select(r => new { r.UserId, r.SentAt })
            .ToListAsync(cancellationToken);
        var recentBy = recent.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Max(r => r.SentAt));
        var toRemind = unpaid.Where(c => !recentBy.ContainsKey(c.UserId)).ToList();
        if (toRemind.Count == 0)
        {
            return ReminderResult.Failed(new ReminderTooSoonError(recentBy.Values.Min() + Settings.OrganiserCooldown));
        }
        foreach (var contribution in toRemind)
        {
            await RemindAsync(db, tontine, session, contribution, organiserId, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReminderResult(toRemind.Select(c => c.UserId).ToArray(), null);
    }

    /// <summary>Writes one reminder (its row, the notification and its outbox messages) into <paramref name="db"/>.</summary>
    private async Task RemindAsync(GraphDbContext db, Tontine tontine, TontineSession session, TontineContribution contribution, Guid? organiserId, DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        var fine = TontineMoney.FineOn(tontine, session.DueDate, contribution, today);
        var owed = new Money(contribution.Expected - contribution.Received + fine, tontine.Contribution.Currency);
        var template = today > session.DueDate ? NotificationTemplates.TontineContributionLate : NotificationTemplates.TontineContributionDue;
        await notifier.NotifyAsync(db, contribution.UserId, template,
            new Dictionary<string, string>
            {
                ["amount"] = owed.ToString(),
                ["tontine"] = tontine.Name,
                ["session"] = session.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["date"] = session.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            },
            data: new { tontineId = ids.Format(nameof(Tontine), tontine.Id), sessionId = ids.Format(nameof(TontineSession), session.Id) },
            cancellationToken: cancellationToken);
        db.TontineReminders.Add(new TontineReminder
        {
            Id = Guid.CreateVersion7(now),
            SessionId = session.Id,
            UserId = contribution.UserId,
            SentByUserId = organiserId,
            SentAt = now,
        });
    }
}

/// <summary>
/// Runs <see cref="TontineReminders"/> on this instance while it lives: once at start, then every <c>Interval</c>
/// ("Graph:Tontines:Reminders"); does nothing where <c>Enabled</c> is false. A failing run is logged; the next tick tries again.
/// </summary>
public sealed class TontineReminderService(TontineReminders reminders, IOptions<GraphOptions> options, TimeProvider clock, ILogger<TontineReminderService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Tontines.Reminders;
        if (!settings.Enabled)
        {
            logger.LogInformation("Tontine reminders are switched off on this instance (Graph:Tontines:Reminders:Enabled).");
            return;
        }
        await Task.Yield();
        using var timer = new PeriodicTimer(settings.Interval, clock);
        try
        {
            do
            {
                try
                {
                    if (await reminders.RunOnceAsync(stoppingToken) is > 0 and var sent)
                    {
                        logger.LogInformation("Tontine reminders: {Count} member(s) reminded of a contribution falling due.", sent);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "A tontine reminder run failed; the next one comes at the next tick.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>The organisers' reminder on Mutation.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class TontineReminderMutations
{
    /// <summary>
    /// Reminds a member (or, without <c>memberId</c>, every member who has not paid) of their contribution to a session: an
    /// in-app notification plus the SMS, e-mail or push they chose. The tontine's treasurer or president (or an ADMIN) may;
    /// a member already reminded by an organiser for this session in the last hours is not reminded again.
    /// </summary>
    [Graph.GraphQL.Authorization.Authorize(Policy = TontinePolicies.Treasurer)]
    public async Task<SendReminderPayload> SendReminderAsync(
        SendReminderInput input,
        System.Security.Claims.ClaimsPrincipal user,
        TontineReminders reminders,
        CancellationToken cancellationToken)
    {
        var organiserId = Identity.IdentityClaims.GetUserId(user) ?? throw new InvalidOperationException("An authorized caller carries a user ID.");
        var result = await reminders.SendAsync(input.TontineId, input.SessionId, input.MemberId, organiserId, cancellationToken);
        return new SendReminderPayload(result.Reminded, result.Error is null ? null : [(ISendReminderError)result.Error]);
    }
}

/// <summary>Who to remind of which session's contribution.</summary>
public sealed class SendReminderInput
{
    /// <summary>The tontine (the ID of a Tontine).</summary>
    [ID<Tontine>]
    public required Guid TontineId { get; init; }

    /// <summary>The session (the ID of a TontineSession of this tontine).</summary>
    [ID<TontineSession>]
    public required Guid SessionId { get; init; }

    /// <summary>The member to remind (the ID of a User); every member who has not paid when omitted.</summary>
    [ID<Identity.User>]
    public Guid? MemberId { get; init; }
}

/// <summary>What sendReminder did: the members reminded, or why none was.</summary>
public sealed class SendReminderPayload(IReadOnlyList<Guid> reminded, IReadOnlyList<ISendReminderError>? errors)
{
    /// <summary>The IDs of the members reminded (empty when there are errors).</summary>
    [ID<Identity.User>]
    public IReadOnlyList<Guid> RemindedIds { get; } = reminded;

    /// <summary>The members reminded (empty when there are errors).</summary>
    public async Task<IReadOnlyList<Identity.User>> GetRemindedAsync(Identity.UserByIdDataLoader users, CancellationToken cancellationToken) =>
        (await users.LoadAsync(RemindedIds.ToArray(), cancellationToken)).OfType<Identity.User>().ToArray();

    /// <summary>Why nobody was reminded, or null.</summary>
    public IReadOnlyList<ISendReminderError>? Errors { get; } = errors;
}

/// <summary>The domain errors of sendReminder.</summary>
[UnionType("SendReminderError")]
public interface ISendReminderError;

/// <summary>Everyone asked about has paid this session's contribution.</summary>
public sealed class NothingToRemindError(Guid sessionId, Guid? memberId) : IError, ISendReminderError
{
    /// <inheritdoc />
    public string Message => MemberId is null
        ? "Every member has paid this session's contribution: there is nobody to remind."
        : "This member has paid this session's contribution: there is nothing to remind them of.";

    /// <inheritdoc />
    public string Code => "NOTHING_TO_REMIND";

    /// <summary>The session.</summary>
    [ID<TontineSession>]
    public Guid SessionId { get; } = sessionId;

    /// <summary>The member asked about, when one was.</summary>
    [ID<Identity.User>]
    public Guid? MemberId { get; } = memberId;
}

/// <summary>The member (or every unpaid member) was reminded of this session by an organiser a short while ago.</summary>
public sealed class ReminderTooSoonError(DateTime retryAfter) : IError, ISendReminderError
{
    /// <inheritdoc />
    public string Message => $"An organiser reminded them of this session recently; a new reminder may be sent from {RetryAfter:yyyy-MM-dd HH:mm} UTC.";

    /// <inheritdoc />
    public string Code => "REMINDER_TOO_SOON";

    /// <summary>When a reminder may be sent again.</summary>
    public DateTime RetryAfter { get; } = retryAfter;
}
