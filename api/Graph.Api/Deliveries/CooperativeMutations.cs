using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>The cooperatives' changes on Mutation: ADMIN creates cooperatives and names their managers; ADMIN or a manager
/// updates a cooperative's details.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class CooperativeMutations
{
    /// <summary>The unique index of cooperatives' codes.</summary>
    internal const string CodeIndex = "ix_cooperatives_code";

    /// <summary>Creates a cooperative (ADMIN only). Every rule the input breaks is reported; a code already taken is
    /// COOPERATIVE_CODE_TAKEN.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<CreateCooperativePayload> CreateCooperativeAsync(
        CreateCooperativeInput input,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var invalid = new List<InvalidRegistryInputError>();
        var name = RegistryRules.Required(input.Name, "name", "cooperative's name", invalid);
        var code = RegistryRules.CooperativeCode(input.Code, invalid);
        var country = RegistryRules.Country(input.Country, invalid);
        var region = RegistryRules.Optional(input.Region, "region", "region", invalid);
        var errors = new List<ICreateCooperativeError>(invalid);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (invalid.All(e => e.Field != "code") && await db.Cooperatives.AnyAsync(c => c.Code == code, cancellationToken))
        {
            errors.Add(new CooperativeCodeTakenError(code));
        }
        if (errors.Count > 0)
        {
            return CreateCooperativePayload.Failed(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var cooperative = new Cooperative { Name = name, Code = code, Country = country, Region = region, Currency = input.Currency, CreatedAt = now, UpdatedAt = now };
        db.Cooperatives.Add(cooperative);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (RegistryRules.IsUniqueViolation(ex, CodeIndex))
        {
            // Another cooperative took the code between the check and the insert.
            return CreateCooperativePayload.Failed(new CooperativeCodeTakenError(code));
        }
        return CreateCooperativePayload.Done(cooperative);
    }

    /// <summary>Changes a cooperative's name, country or region (ADMIN, or one of its managers). The code and currency stay.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<UpdateCooperativePayload> UpdateCooperativeAsync(
        UpdateCooperativeInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await LockManagedAsync(db, user, input.CooperativeId, cancellationToken) is not { } cooperative)
        {
            return UpdateCooperativePayload.Failed(new CooperativeNotFoundError(input.CooperativeId));
        }
        var invalid = new List<InvalidRegistryInputError>();
        var name = input.Name is null ? cooperative.Name : RegistryRules.Required(input.Name, "name", "cooperative's name", invalid);
        var country = input.Country is null ? cooperative.Country : RegistryRules.Country(input.Country, invalid);
        var region = input.Region is null ? cooperative.Region : RegistryRules.Optional(input.Region, "region", "region", invalid);
        if (invalid.Count > 0)
        {
            return UpdateCooperativePayload.Failed([.. invalid]);
        }
        if (name != cooperative.Name || country != cooperative.Country || region != cooperative.Region)
        {
            cooperative.Name = name;
            cooperative.Country = country;
            cooperative.Region = region;
            cooperative.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return UpdateCooperativePayload.Done(cooperative);
    }

    /// <summary>Makes a user a manager of a cooperative (ADMIN only): the user must hold the COOPERATIVE_MANAGER platform role.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<AddCooperativeManagerPayload> AddCooperativeManagerAsync(
        CooperativeManagerInput input,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if ((await RegistryLocks.LockAsync(db, "cooperatives", [input.CooperativeId], cancellationToken)).Count == 0)
        {
            return AddCooperativeManagerPayload.Failed(new CooperativeNotFoundError(input.CooperativeId));
        }
        if (!await db.Users.AnyAsync(u => u.Id == input.UserId, cancellationToken))
        {
            return AddCooperativeManagerPayload.Failed(new UserNotFoundError(input.UserId));
        }
        if (!await db.UserRoles.AnyAsync(r => r.UserId == input.UserId && r.Role == PlatformRole.CooperativeManager, cancellationToken))
        {
            return AddCooperativeManagerPayload.Failed(new CooperativeManagerRoleRequiredError(input.UserId));
        }
        if (await db.CooperativeManagers.AnyAsync(m => m.CooperativeId == input.CooperativeId && m.UserId == input.UserId, cancellationToken))
        {
            return AddCooperativeManagerPayload.Failed(new AlreadyCooperativeManagerError(input.UserId));
        }
        db.CooperativeManagers.Add(new CooperativeManager { CooperativeId = input.CooperativeId, UserId = input.UserId, AddedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AddCooperativeManagerPayload.Done(await db.Cooperatives.AsNoTracking().SingleAsync(c => c.Id == input.CooperativeId, cancellationToken));
    }

    /// <summary>Takes a cooperative away from one of its managers (ADMIN only); their platform role stays.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<RemoveCooperativeManagerPayload> RemoveCooperativeManagerAsync(
        CooperativeManagerInput input,
        IDbContextFactory<GraphDbContext> contexts,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if ((await RegistryLocks.LockAsync(db, "cooperatives", [input.CooperativeId], cancellationToken)).Count == 0)
        {
            return RemoveCooperativeManagerPayload.Failed(new CooperativeNotFoundError(input.CooperativeId));
        }
        var manager = await db.CooperativeManagers.SingleOrDefaultAsync(m => m.CooperativeId == input.CooperativeId && m.UserId == input.UserId, cancellationToken);
        if (manager is null)
        {
            return RemoveCooperativeManagerPayload.Failed(new NotCooperativeManagerError(input.UserId));
        }
        db.CooperativeManagers.Remove(manager);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RemoveCooperativeManagerPayload.Done(await db.Cooperatives.AsNoTracking().SingleAsync(c => c.Id == input.CooperativeId, cancellationToken));
    }

    /// <summary>Locks a cooperative's row and loads it (tracked), when it exists and <paramref name="user"/> may manage it;
    /// null otherwise (the same answer, so that IDs cannot be probed).</summary>
    internal static async Task<Cooperative?> LockManagedAsync(GraphDbContext db, ClaimsPrincipal user, Guid cooperativeId, CancellationToken cancellationToken)
    {
        if (!await DeliveryAccess.MayManageAsync(db, user, cooperativeId, cancellationToken)
            || (await RegistryLocks.LockAsync(db, "cooperatives", [cooperativeId], cancellationToken)).Count == 0)
        {
            return null;
        }
        return await db.Cooperatives.SingleAsync(c => c.Id == cooperativeId, cancellationToken);
    }
}
