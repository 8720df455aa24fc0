using System.Globalization;
using Graph.Api.Audit;
using Graph.Api.Data;
using Graph.Api.Notifications;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>
/// A tontine's set-up and life on Mutation: its settings while it is a DRAFT, its join code, its payout order, its start,
/// and its suspension. Each runs in one transaction holding the tontine's row lock; an error changes nothing.
/// </summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class TontineLifecycleMutations
{
    /// <summary>Changes the settings of a DRAFT tontine (a field not given keeps its value); every rule broken is reported.
    /// Only its president (or an ADMIN) may.</summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<UpdateTontinePayload> UpdateTontineAsync(
        UpdateTontineInput input,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is not { } tontine)
        {
            return UpdateTontinePayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        if (tontine.Status != TontineStatus.Draft)
        {
            return UpdateTontinePayload.Failed(new TontineNotDraftError(tontine.Status));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var members = await db.TontineMembers.CountAsync(m => m.TontineId == tontine.Id, cancellationToken);
        var settings = TontineSettings.From(tontine, input);
        var errors = settings.Check(DateOnly.FromDateTime(now), members);
        if (errors.Count > 0)
        {
            return UpdateTontinePayload.Failed([.. errors]);
        }
        // Another method, or another type (a CUMULATIVE tontine has no order), forgets the order set.
        var orderChanged = settings.PayoutOrder != tontine.PayoutOrder || settings.Type != tontine.Type;
        settings.ApplyTo(tontine);
        if (orderChanged)
        {
            await TontineStarter.ClearOrderAsync(db, tontine, now, cancellationToken);
        }
        tontine.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UpdateTontinePayload(tontine, null);
    }

    /// <summary>Gives the tontine a new join code; the old one stops working at once. Only its president (or an ADMIN) may.</summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<RegenerateJoinCodePayload> RegenerateJoinCodeAsync(
        RegenerateJoinCodeInput input,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is not { } tontine)
        {
            return RegenerateJoinCodePayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        string code;
        do
        {
            code = TontineJoinCodes.New();
        }
        while (code == tontine.JoinCode || await db.Tontines.AnyAsync(t => t.JoinCode == code, cancellationToken));
        tontine.JoinCode = code;
        tontine.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RegenerateJoinCodePayload(tontine, null);
    }

    /// <summary>
    /// Sets the payout order of a DRAFT ROTATING or MIXED tontine for its current members: RANDOM draws with a new seed
    /// (see <c>Tontine.draw</c>), ALPHABETICAL and JOIN_DATE sort, MANUAL takes <c>userIds</c>, every member once. A change
    /// of members afterwards forgets the order. Only its president (or an ADMIN) may.
    /// </summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<SetPayoutOrderPayload> SetPayoutOrderAsync(
        SetPayoutOrderInput input,
        IDbContextFactory<GraphDbContext> contexts,
        IAuditLog audit,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is not { } tontine)
        {
            return SetPayoutOrderPayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        if (tontine.Status != TontineStatus.Draft)
        {
            return SetPayoutOrderPayload.Failed(new TontineNotDraftError(tontine.Status));
        }
        if (tontine.Type == TontineType.Cumulative)
        {
            return SetPayoutOrderPayload.Failed(new InvalidPayoutOrderError("A CUMULATIVE tontine has no payout order: each member gets their own savings back at the end."));
        }
        var members = await db.TontineMembers.Where(m => m.TontineId == tontine.Id).Select(m => m.UserId).ToListAsync(cancellationToken);
        if (input.Method == PayoutOrderMethod.Manual)
        {
            var given = input.UserIds ?? [];
            if (given.Count != members.Count || given.Distinct().Count() != given.Count || !given.ToHashSet().SetEquals(members))
            {
                return SetPayoutOrderPayload.Failed(new InvalidPayoutOrderError(
                    $"A MANUAL order names every member of the tontine exactly once ({members.Count} members; {given.Count} IDs given)."));
            }
        }
        else if (input.UserIds is not null)
        {
            return SetPayoutOrderPayload.Failed(new InvalidPayoutOrderError("Only a MANUAL order takes userIds; the other methods decide the order themselves."));
        }
        var order = await TontineStarter.SetOrderAsync(db, tontine, input.Method, input.UserIds, clock.GetUtcNow().UtcDateTime, cancellationToken);
        // Every order is kept, draws included: a president who draws again until the order suits them leaves a trace.
        audit.Add(db, TontineAuditActions.PayoutOrderSet, nameof(Tontine), tontine.Id.ToString(),
            new { method = EnumNames<PayoutOrderMethod>.ToName(input.Method), seed = tontine.DrawSeed, order = order.Select(p => p.UserId) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SetPayoutOrderPayload(tontine, null);
    }

    /// <summary>
    /// Starts a DRAFT tontine: its sessions are planned from the start date, every member's contribution to each is due,
    /// and (ROTATING, MIXED) each turn is tied to its session, the order drawn now by the tontine's method when none was set.
    /// The members are told. Only its president (or an ADMIN) may.
    /// </summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<StartTontinePayload> StartTontineAsync(
        StartTontineInput input,
        IDbContextFactory<GraphDbContext> contexts,
        Notifier notifier,
        INodeIdSerializer ids,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is not { } tontine)
        {
            return StartTontinePayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        if (tontine.Status != TontineStatus.Draft)
        {
            return StartTontinePayload.Failed(new TontineNotDraftError(tontine.Status));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var members = await db.TontineMembers.Where(m => m.TontineId == tontine.Id).Select(m => m.UserId).ToListAsync(cancellationToken);
        var errors = new List<IStartTontineError>();
        if (members.Count < TontineRules.MinMembers)
        {
            errors.Add(new NotEnoughMembersError(members.Count));
        }
        if (tontine.StartDate < DateOnly.FromDateTime(now))
        {
            errors.Add(new StartDatePassedError(tontine.StartDate));
        }
        if (tontine.Type != TontineType.Cumulative && tontine.PayoutOrder == PayoutOrderMethod.Manual)
        {
            var ordered = await db.TontinePassages.Where(p => p.TontineId == tontine.Id && p.Kind == PassageKind.Rotation).Select(p => p.UserId).ToListAsync(cancellationToken);
            if (ordered.Count != members.Count || !ordered.ToHashSet().SetEquals(members))
            {
                errors.Add(new PayoutOrderMissingError());
            }
        }
        if (errors.Count > 0)
        {
            return StartTontinePayload.Failed([.. errors]);
        }

        var sessions = await TontineStarter.StartAsync(db, tontine, now, cancellationToken);
        var parameters = new Dictionary<string, string>
        {
            ["tontine"] = tontine.Name,
            ["sessions"] = sessions.Count.ToString(CultureInfo.InvariantCulture),
            ["amount"] = tontine.Contribution.ToString(),
            ["date"] = sessions[0].DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        foreach (var member in members)
        {
            await notifier.NotifyAsync(db, member, NotificationTemplates.TontineStarted, parameters,
                data: new { tontineId = ids.Format(nameof(Tontine), tontine.Id) }, cancellationToken: cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StartTontinePayload(tontine, null);
    }

    /// <summary>Suspends an ACTIVE tontine: nothing is paid in or out until it is resumed. Audited with the reason. Only its
    /// president (or an ADMIN) may.</summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<SuspendTontinePayload> SuspendTontineAsync(
        SuspendTontineInput input,
        IDbContextFactory<GraphDbContext> contexts,
        IAuditLog audit,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var reason = input.Reason.Trim();
        if (reason.Length is < 3 or > 500)
        {
            return SuspendTontinePayload.Failed(new InvalidTontineInputError("reason", "The reason must have 3 to 500 characters."));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is not { } tontine)
        {
            return SuspendTontinePayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        if (tontine.Status != TontineStatus.Active)
        {
            return SuspendTontinePayload.Failed(new TontineNotActiveError(tontine.Id, tontine.Status));
        }
        tontine.Status = TontineStatus.Suspended;
        tontine.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add(db, TontineAuditActions.Suspended, nameof(Tontine), tontine.Id.ToString(), new { reason });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SuspendTontinePayload(tontine, null);
    }

    /// <summary>Resumes a SUSPENDED tontine (ACTIVE again). Audited. Only its president (or an ADMIN) may.</summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<ResumeTontinePayload> ResumeTontineAsync(
        ResumeTontineInput input,
        IDbContextFactory<GraphDbContext> contexts,
        IAuditLog audit,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await TontineLocks.LockAsync(db, input.TontineId, cancellationToken) is not { } tontine)
        {
            return ResumeTontinePayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        if (tontine.Status != TontineStatus.Suspended)
        {
            return ResumeTontinePayload.Failed(new TontineNotSuspendedError(tontine.Status));
        }
        tontine.Status = TontineStatus.Active;
        tontine.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add(db, TontineAuditActions.Resumed, nameof(Tontine), tontine.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ResumeTontinePayload(tontine, null);
    }
}

/// <summary>The audit actions of tontines' life.</summary>
public static class TontineAuditActions
{
    /// <summary>A president suspended an ACTIVE tontine (details: the reason).</summary>
    public const string Suspended = "TONTINE_SUSPENDED";

    /// <summary>A president resumed a SUSPENDED tontine.</summary>
    public const string Resumed = "TONTINE_RESUMED";

    /// <summary>A president set the payout order (details: the method, the draw's seed, the order of user IDs).</summary>
    public const string PayoutOrderSet = "TONTINE_PAYOUT_ORDER_SET";
}

/// <summary>The row lock that makes changes to one tontine run one after another.</summary>
public static class TontineLocks
{
    /// <summary>Locks the tontine's row until the transaction ends (FOR UPDATE, or FOR SHARE with <paramref name="share"/>:
    /// payments into it, which may run side by side but not beside a change of its state) and loads it as it now is
    /// (tracked); null when there is none.</summary>
    /// <remarks>Two statements: EF Core cannot compose FromSql over an entity with a complex property (Money).</remarks>
    public static async Task<Tontine?> LockAsync(GraphDbContext db, Guid tontineId, CancellationToken cancellationToken, bool share = false)
    {
        var locked = share
            ? await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM tontines WHERE id = {tontineId} FOR SHARE").ToListAsync(cancellationToken)
            : await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM tontines WHERE id = {tontineId} FOR UPDATE").ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            return null;
        }
        var tontine = await db.Tontines.SingleAsync(t => t.Id == tontineId, cancellationToken);
        // Tracked before the lock, it may hold what another transaction has changed since.
        await db.Entry(tontine).ReloadAsync(cancellationToken);
        return tontine;
    }

    /// <summary>Locks the row of the tontine whose join code is <paramref name="code"/> (canonical) and loads it; null when none has it.</summary>
    public static async Task<Tontine?> LockByJoinCodeAsync(GraphDbContext db, string code, CancellationToken cancellationToken)
    {
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM tontines WHERE join_code = {code} FOR UPDATE").ToListAsync(cancellationToken);
        return locked is [var id] ? await db.Tontines.SingleAsync(t => t.Id == id, cancellationToken) : null;
    }
}
