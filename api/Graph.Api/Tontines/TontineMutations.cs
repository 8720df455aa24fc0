using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>The tontines' changes on Mutation: creating a tontine and managing its members' roles.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class TontineMutations
{
    /// <summary>Creates a DRAFT tontine whose only member, its president, is the caller. Every rule the input breaks is
    /// reported (and then nothing is created).</summary>
    [Authorize]
    public async Task<CreateTontinePayload> CreateTontineAsync(
        CreateTontineInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = TontineSettings.From(input);
        var errors = settings.Check(DateOnly.FromDateTime(now), members: 0);
        if (errors.Count > 0)
        {
            return CreateTontinePayload.Failed(errors);
        }
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tontine = new Tontine { Name = settings.Name, CreatedAt = now, UpdatedAt = now };
        settings.ApplyTo(tontine);
        db.Tontines.Add(tontine);
        tontine.Members.Add(new TontineMember { TontineId = tontine.Id, UserId = userId, Role = TontineRole.President, JoinedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return CreateTontinePayload.Created(tontine);
    }

    /// <summary>Adds a user to a DRAFT tontine with a role, within its member limit, and tells them (in the app, and by SMS
    /// or push as they chose); a payout order already set is forgotten. Only the tontine's president (or an ADMIN) may.</summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<AddTontineMemberPayload> AddTontineMemberAsync(
        AddTontineMemberInput input,
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
            return AddTontineMemberPayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        var member = await db.Users.SingleOrDefaultAsync(u => u.Id == input.UserId, cancellationToken);
        if (member is null)
        {
            return AddTontineMemberPayload.Failed(new UserNotFoundError(input.UserId));
        }
        // The same checks and insertion as joining by code or accepting an invitation.
        if (await TontineMembershipMutations.AddAsync(db, tontine, input.UserId, input.Role, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } error)
        {
            return AddTontineMemberPayload.Failed((IAddTontineMemberError)error);
        }
        var added = db.TontineMembers.Local.Single(m => m.TontineId == tontine.Id && m.UserId == input.UserId);
        added.User = member;
        await NotifyAsync(db, notifier, ids, member, input.TontineId, NotificationTemplates.TontineMemberAdded, input.Role, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AddTontineMemberPayload.Added(added);
    }

    /// <summary>
    /// Gives a member of a tontine another role, and tells them. Only the tontine's president (or an ADMIN) may, and a
    /// tontine keeps at least one president: demoting the last one is refused.
    /// </summary>
    [Authorize(Policy = TontinePolicies.President)]
    public async Task<SetTontineMemberRolePayload> SetTontineMemberRoleAsync(
        SetTontineMemberRoleInput input,
        IDbContextFactory<GraphDbContext> contexts,
        Notifier notifier,
        INodeIdSerializer ids,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await LockTontineAsync(db, input.TontineId, cancellationToken))
        {
            return SetTontineMemberRolePayload.Failed(new TontineNotFoundError(input.TontineId));
        }
        var member = await db.TontineMembers.Include(m => m.User)
            .SingleOrDefaultAsync(m => m.TontineId == input.TontineId && m.UserId == input.UserId, cancellationToken);
        if (member is null)
        {
            return SetTontineMemberRolePayload.Failed(new NotTontineMemberError(input.UserId));
        }
        if (member.Role == TontineRole.President && input.Role != TontineRole.President
            && !await db.TontineMembers.AnyAsync(m => m.TontineId == input.TontineId && m.UserId != input.UserId && m.Role == TontineRole.President, cancellationToken))
        {
            return SetTontineMemberRolePayload.Failed(new LastPresidentError(input.UserId));
        }

        if (member.Role != input.Role)
        {
            member.Role = input.Role;
            await NotifyAsync(db, notifier, ids, member.User, input.TontineId, NotificationTemplates.TontineRoleChanged, input.Role, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SetTontineMemberRolePayload.Changed(member);
    }

    /// <summary>Writes a tontine notification for <paramref name="user"/> into the change being saved (same transaction).</summary>
    internal static async Task NotifyAsync(GraphDbContext db, Notifier notifier, INodeIdSerializer ids, User user, Guid tontineId, string template, TontineRole role, CancellationToken cancellationToken)
    {
        var name = await db.Tontines.Where(t => t.Id == tontineId).Select(t => t.Name).SingleAsync(cancellationToken);
        await notifier.NotifyAsync(db, user, template,
            new Dictionary<string, string> { ["tontine"] = name, ["role"] = TontineRoles.ToName(role) },
            data: new { tontineId = ids.Format(nameof(Tontine), tontineId) },
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Locks the tontine's row until the transaction ends, so that changes to one tontine's members run one after another
    /// (two presidents demoting each other at once would otherwise both see the other one still president).
    /// </summary>
    /// <returns>False when there is no such tontine.</returns>
    private static async Task<bool> LockTontineAsync(GraphDbContext db, Guid tontineId, CancellationToken cancellationToken) =>
        await TontineLocks.LockAsync(db, tontineId, cancellationToken) is not null;
}
