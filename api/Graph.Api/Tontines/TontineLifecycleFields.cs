using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>The pending invitations of the caller, on Query.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class TontineInvitationQueries
{
    /// <summary>The caller's invitations still waiting for an answer, newest first.</summary>
    [Authorize]
    [UsePaging]
    public IQueryable<TontineInvitation> GetMyTontineInvitations(GraphDbContext db, ClaimsPrincipal user)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        return db.TontineInvitations.AsNoTracking()
            .Where(i => i.UserId == userId && i.Status == TontineInvitationStatus.Pending)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id);
    }
}

/// <summary>Fields of Tontine about its set-up and life: its join code, rules, members count, payout order and draw,
/// passages and invitations.</summary>
[ExtendObjectType<Tontine>]
public sealed class TontineLifecycleFields
{
    /// <summary>The code a person types to join (joinTontine), for the tontine's members only: null for anyone else,
    /// platform staff (ADMIN, SUPPORT, FINANCE) included.</summary>
    public async Task<string?> GetJoinCodeAsync([Parent] Tontine tontine, MembersByTontineIdDataLoader members, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.GetUserId() is not { } userId)
        {
            return null;
        }
        var all = await members.LoadAsync(tontine.Id, cancellationToken);
        return all.Any(m => m.UserId == userId) ? tontine.JoinCode : null;
    }

    /// <summary>The rules of late contributions: grace period and fine.</summary>
    public TontineRulesView GetRules([Parent] Tontine tontine) => new(tontine);

    /// <summary>How many members the tontine has.</summary>
    public async Task<int> GetMemberCountAsync([Parent] Tontine tontine, MembersByTontineIdDataLoader members, CancellationToken cancellationToken) =>
        (await members.LoadAsync(tontine.Id, cancellationToken)).Length;

    /// <summary>
    /// The RANDOM draw of the payout order, so that anyone can replay it: the seed, the candidates in the canonical order the
    /// algorithm starts from, the algorithm, and whether the order stored is the one the seed gives. Null when the order is
    /// not RANDOM or not drawn yet.
    /// </summary>
    public async Task<PayoutDrawView?> GetDrawAsync([Parent] Tontine tontine, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        if (tontine.PayoutOrder != PayoutOrderMethod.Random || tontine.DrawSeed is not { } seed || tontine.OrderSetAt is not { } drawnAt)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.TontinePassages.AsNoTracking()
            .Where(p => p.TontineId == tontine.Id && p.Kind == PassageKind.Rotation)
            .OrderBy(p => p.Position).Select(p => p.UserId).ToListAsync(cancellationToken);
        var candidates = order.OrderBy(id => id.ToString("D"), StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking().Where(u => candidates.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var verified = order.Count > 0 && PayoutDraw.Order(seed, candidates).SequenceEqual(order);
        return new PayoutDrawView(tontine.PayoutOrder, seed, candidates.Select(id => users[id]).ToList(), drawnAt, verified);
    }

    /// <summary>The passages (payouts) of the tontine, in their order: the turns (ROTATION) then the savings (SAVINGS), or
    /// only those of <paramref name="kind"/>.</summary>
    public async Task<IReadOnlyList<TontinePassage>> GetPassagesAsync(
        [Parent] Tontine tontine, PassageKind? kind, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var passages = db.TontinePassages.AsNoTracking().Where(p => p.TontineId == tontine.Id);
        if (kind is { } only)
        {
            passages = passages.Where(p => p.Kind == only);
        }
        var list = await passages.ToListAsync(cancellationToken);
        return list.OrderBy(p => p.Kind).ThenBy(p => p.Position).ToList();
    }

    /// <summary>The tontine's invitations, newest first, or only those of <paramref name="status"/>. For its president and
    /// treasurer (and ADMIN).</summary>
    [Authorize(Policy = TontinePolicies.Treasurer)]
    public async Task<IReadOnlyList<TontineInvitation>> GetInvitationsAsync(
        [Parent] Tontine tontine, TontineInvitationStatus? status, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var invitations = db.TontineInvitations.AsNoTracking().Where(i => i.TontineId == tontine.Id);
        if (status is { } only)
        {
            invitations = invitations.Where(i => i.Status == only);
        }
        return await invitations.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
    }
}

/// <summary>The rules of a tontine's late contributions.</summary>
[GraphQLName("TontineRules")]
public sealed class TontineRulesView(Tontine tontine)
{
    /// <summary>Days after the due date before a contribution is late.</summary>
    public int GraceDays => tontine.GraceDays;

    /// <summary>How a late contribution is fined.</summary>
    public LatePenaltyMode PenaltyMode => tontine.PenaltyMode;

    /// <summary>The fine per late day: an amount in the contribution's currency (FIXED_PER_DAY), a percentage of the
    /// contribution (PERCENT_PER_DAY, 2.5 meaning 2.5 %), 0 with NONE.</summary>
    public decimal PenaltyRate => tontine.PenaltyRate;

    /// <summary>The most a single late contribution is fined; null for no cap.</summary>
    public Money? PenaltyCap => tontine.PenaltyCap is { } cap ? new Money(cap, tontine.Contribution.Currency) : null;
}

/// <summary>A RANDOM draw of a payout order, with all it takes to replay it.</summary>
[GraphQLName("PayoutDraw")]
public sealed class PayoutDrawView(PayoutOrderMethod method, string seed, IReadOnlyList<User> candidates, DateTime drawnAt, bool verified)
{
    /// <summary>The method: RANDOM.</summary>
    public PayoutOrderMethod Method { get; } = method;

    /// <summary>The seed, 64 hex digits (32 bytes).</summary>
    public string Seed { get; } = seed;

    /// <summary>The members drawn, in the canonical order the algorithm starts from (their user IDs, lower-case UUIDs, in
    /// ordinal order).</summary>
    public IReadOnlyList<User> Candidates { get; } = candidates;

    /// <summary>The algorithm, in words.</summary>
    public string Algorithm => PayoutDraw.Algorithm;

    /// <summary>When the draw was made.</summary>
    public DateTime DrawnAt { get; } = drawnAt;

    /// <summary>Whether replaying the algorithm from the seed and the candidates gives the order stored (the passages).</summary>
    public bool Verified { get; } = verified;
}

/// <summary>Fields of TontineInvitation that need the database.</summary>
[ExtendObjectType<TontineInvitation>]
public sealed class TontineInvitationFields
{
    /// <summary>Resolves a TontineInvitation's global ID: seen by the person invited, the tontine's president and treasurer, and platform staff who see every tontine.</summary>
    [NodeResolver]
    public static async Task<TontineInvitation?> GetTontineInvitationByIdAsync(Guid id, IDbContextFactory<GraphDbContext> contexts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.GetUserId() is not { } userId)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var seesAll = TontineAccess.SeesAll(user);
        return await db.TontineInvitations.AsNoTracking()
            .Where(i => i.Id == id && (seesAll || i.UserId == userId
                || db.TontineMembers.Any(m => m.TontineId == i.TontineId && m.UserId == userId && (m.Role == TontineRole.President || m.Role == TontineRole.Treasurer))))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The name of the tontine the invitation is to (the invitee does not see the tontine until they join).</summary>
    public async Task<string> GetTontineNameAsync([Parent] TontineInvitation invitation, TontineRowDataLoader tontines, CancellationToken cancellationToken) =>
        (await tontines.LoadAsync(invitation.TontineId, cancellationToken))?.Name ?? "";

    /// <summary>The person invited.</summary>
    public async Task<User?> GetUserAsync([Parent] TontineInvitation invitation, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        await users.LoadAsync(invitation.UserId, cancellationToken);

    /// <summary>Who sent the invitation.</summary>
    public async Task<User?> GetInvitedByAsync([Parent] TontineInvitation invitation, UserByIdDataLoader users, CancellationToken cancellationToken) =>
        await users.LoadAsync(invitation.InvitedByUserId, cancellationToken);
}
