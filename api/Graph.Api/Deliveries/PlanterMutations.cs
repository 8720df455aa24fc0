using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>The planters' changes on Mutation (ADMIN, or a manager of the planter's cooperative). Chief planters are one
/// level deep: a planter's chief is a planter of the same cooperative who has no chief; a planter who has members gets no
/// chief. So there are no cycles. The planters concerned are locked in ID order, so two changes cannot together build two
/// levels.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class PlanterMutations
{
    /// <summary>Adds a planter to a cooperative, under a chief planter when given. Every rule the input breaks is reported.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<CreatePlanterPayload> CreatePlanterAsync(
        CreatePlanterInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await DeliveryAccess.MayManageAsync(db, user, input.CooperativeId, cancellationToken)
            || !await db.Cooperatives.AnyAsync(c => c.Id == input.CooperativeId, cancellationToken))
        {
            return CreatePlanterPayload.Failed(new CooperativeNotFoundError(input.CooperativeId));
        }
        var invalid = new List<InvalidRegistryInputError>();
        var name = RegistryRules.Required(input.FullName, "fullName", "planter's full name", invalid);
        var phone = RegistryRules.Phone(input.Phone, invalid);
        var village = RegistryRules.Optional(input.Village, "village", "village", invalid);
        var errors = new List<ICreatePlanterError>(invalid);
        if (input.ChiefId is { } chiefId)
        {
            await RegistryLocks.LockAsync(db, "planters", [chiefId], cancellationToken);
            if (await ChiefProblemAsync(db, input.CooperativeId, planterId: null, chiefId, cancellationToken) is { } problem)
            {
                errors.Add(problem);
            }
        }
        if (errors.Count > 0)
        {
            return CreatePlanterPayload.Failed(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var planter = new Planter
        {
            CooperativeId = input.CooperativeId,
            FullName = name,
            Phone = phone,
            Village = village,
            ChiefId = input.ChiefId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Planters.Add(planter);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CreatePlanterPayload.Done(planter);
    }

    /// <summary>Changes a planter's name, phone, village or chief planter. Every rule the input breaks is reported.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<UpdatePlanterPayload> UpdatePlanterAsync(
        UpdatePlanterInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Guid[] toLock = input.ChiefId is { } asked ? [input.PlanterId, asked] : [input.PlanterId];
        var locked = await RegistryLocks.LockAsync(db, "planters", toLock.Order(), cancellationToken);
        var planter = locked.Contains(input.PlanterId) ? await db.Planters.SingleAsync(p => p.Id == input.PlanterId, cancellationToken) : null;
        if (planter is null || !await DeliveryAccess.MayManageAsync(db, user, planter.CooperativeId, cancellationToken))
        {
            return UpdatePlanterPayload.Failed(new PlanterNotFoundError(input.PlanterId));
        }

        var invalid = new List<InvalidRegistryInputError>();
        var name = input.FullName is null ? planter.FullName : RegistryRules.Required(input.FullName, "fullName", "planter's full name", invalid);
        var phone = input.Phone is null ? planter.Phone : RegistryRules.Phone(input.Phone, invalid);
        var village = input.Village is null ? planter.Village : RegistryRules.Optional(input.Village, "village", "village", invalid);
        if (input.RemoveChief && input.ChiefId is not null)
        {
            invalid.Add(new("chiefId", "Give a new chief (chiefId) or remove the chief (removeChief), not both."));
        }
        var errors = new List<IUpdatePlanterError>(invalid);
        var chief = input.RemoveChief ? null : planter.ChiefId;
        if (!input.RemoveChief && input.ChiefId is { } chiefId && chiefId != planter.ChiefId)
        {
            if (await ChiefProblemAsync(db, planter.CooperativeId, planter.Id, chiefId, cancellationToken) is { } problem)
            {
                errors.Add(problem);
            }
            if (await db.Planters.AnyAsync(p => p.ChiefId == planter.Id, cancellationToken))
            {
                errors.Add(new PlanterChiefError("PLANTER_HAS_MEMBERS",
                    "This planter is a chief planter (planters are under them): a chief planter has no chief. Move their members first."));
            }
            chief = chiefId;
        }
        if (errors.Count > 0)
        {
            return UpdatePlanterPayload.Failed(errors);
        }
        if (name != planter.FullName || phone != planter.Phone || village != planter.Village || chief != planter.ChiefId)
        {
            planter.FullName = name;
            planter.Phone = phone;
            planter.Village = village;
            planter.ChiefId = chief;
            planter.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return UpdatePlanterPayload.Done(planter);
    }

    /// <summary>Why <paramref name="chiefId"/> cannot be the chief of a planter of <paramref name="cooperativeId"/> (a new one
    /// when <paramref name="planterId"/> is null); null when it can. The chief's row is locked by the caller.</summary>
    private static async Task<PlanterChiefError?> ChiefProblemAsync(GraphDbContext db, Guid cooperativeId, Guid? planterId, Guid chiefId, CancellationToken cancellationToken)
    {
        if (chiefId == planterId)
        {
            return new PlanterChiefError("CHIEF_IS_SELF", "A planter cannot be their own chief.");
        }
        var chief = await db.Planters.AsNoTracking().Where(p => p.Id == chiefId && p.CooperativeId == cooperativeId)
            .Select(p => new { p.ChiefId }).SingleOrDefaultAsync(cancellationToken);
        if (chief is null)
        {
            return new PlanterChiefError("CHIEF_NOT_FOUND", "The chief planter must be a planter of the same cooperative.");
        }
        if (chief.ChiefId is not null)
        {
            return new PlanterChiefError("CHIEF_HAS_CHIEF",
                "This planter is under a chief planter: only a planter without a chief can be a chief (chiefs are one level deep).");
        }
        return null;
    }
}
