using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>The warehouses' changes on Mutation (ADMIN, or a manager of the cooperative).</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class WarehouseMutations
{
    /// <summary>The unique index of warehouses' names within a cooperative.</summary>
    internal const string NameIndex = "ix_warehouses_cooperative_id_name";

    /// <summary>Adds a warehouse to a cooperative. Every rule the input breaks is reported.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<CreateWarehousePayload> CreateWarehouseAsync(
        CreateWarehouseInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await DeliveryAccess.MayManageAsync(db, user, input.CooperativeId, cancellationToken)
            || !await db.Cooperatives.AnyAsync(c => c.Id == input.CooperativeId, cancellationToken))
        {
            return CreateWarehousePayload.Failed(new CooperativeNotFoundError(input.CooperativeId));
        }
        var invalid = new List<InvalidRegistryInputError>();
        var name = RegistryRules.Required(input.Name, "name", "warehouse's name", invalid);
        var location = RegistryRules.Optional(input.Location, "location", "location", invalid);
        RegistryRules.Capacity(input.CapacityKg, invalid);
        var errors = new List<ICreateWarehouseError>(invalid);
        if (invalid.All(e => e.Field != "name") && await db.Warehouses.AnyAsync(w => w.CooperativeId == input.CooperativeId && w.Name == name, cancellationToken))
        {
            errors.Add(new WarehouseNameTakenError(name));
        }
        if (errors.Count > 0)
        {
            return CreateWarehousePayload.Failed(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var warehouse = new Warehouse { CooperativeId = input.CooperativeId, Name = name, Location = location, CapacityKg = input.CapacityKg, CreatedAt = now, UpdatedAt = now };
        db.Warehouses.Add(warehouse);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (RegistryRules.IsUniqueViolation(ex, NameIndex))
        {
            return CreateWarehousePayload.Failed(new WarehouseNameTakenError(name));
        }
        return CreateWarehousePayload.Done(warehouse);
    }

    /// <summary>Changes a warehouse's name, location or capacity. The warehouse's row is locked, then its stock (the sum of
    /// its stock movements) read: a capacity below it is CAPACITY_BELOW_STOCK. Stock movements into a warehouse lock the same
    /// row to check its capacity, so the two cannot pass each other. Every rule the input breaks is reported.</summary>
    [Authorize(Roles = [PlatformRoles.AdminName, PlatformRoles.CooperativeManagerName])]
    public async Task<UpdateWarehousePayload> UpdateWarehouseAsync(
        UpdateWarehouseInput input,
        ClaimsPrincipal user,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await RegistryLocks.LockAsync(db, "warehouses", [input.WarehouseId], cancellationToken);
        var warehouse = locked.Count == 1 ? await db.Warehouses.SingleAsync(w => w.Id == input.WarehouseId, cancellationToken) : null;
        if (warehouse is null || !await DeliveryAccess.MayManageAsync(db, user, warehouse.CooperativeId, cancellationToken))
        {
            return UpdateWarehousePayload.Failed(new WarehouseNotFoundError(input.WarehouseId));
        }
        var invalid = new List<InvalidRegistryInputError>();
        var name = input.Name is null ? warehouse.Name : RegistryRules.Required(input.Name, "name", "warehouse's name", invalid);
        var location = input.Location is null ? warehouse.Location : RegistryRules.Optional(input.Location, "location", "location", invalid);
        var capacity = input.CapacityKg ?? warehouse.CapacityKg;
        if (input.CapacityKg is { } asked)
        {
            RegistryRules.Capacity(asked, invalid);
        }
        var errors = new List<IUpdateWarehouseError>(invalid);
        if (name != warehouse.Name && invalid.All(e => e.Field != "name")
            && await db.Warehouses.AnyAsync(w => w.CooperativeId == warehouse.CooperativeId && w.Name == name && w.Id != warehouse.Id, cancellationToken))
        {
            errors.Add(new WarehouseNameTakenError(name));
        }
        if (input.CapacityKg is not null && capacity < warehouse.CapacityKg && invalid.All(e => e.Field != "capacityKg"))
        {
            var stock = await StockAsync(db, warehouse.Id, cancellationToken);
            if (capacity < stock)
            {
                errors.Add(new WarehouseCapacityBelowStockError(capacity, stock));
            }
        }
        if (errors.Count > 0)
        {
            return UpdateWarehousePayload.Failed(errors);
        }
        if (name != warehouse.Name || location != warehouse.Location || capacity != warehouse.CapacityKg)
        {
            warehouse.Name = name;
            warehouse.Location = location;
            warehouse.CapacityKg = capacity;
            warehouse.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (RegistryRules.IsUniqueViolation(ex, NameIndex))
            {
                return UpdateWarehousePayload.Failed(new WarehouseNameTakenError(name));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return UpdateWarehousePayload.Done(warehouse);
    }

    /// <summary>The beans a warehouse holds now, in kilograms: the sum of its stock movements.</summary>
    internal static async Task<decimal> StockAsync(GraphDbContext db, Guid warehouseId, CancellationToken cancellationToken) =>
        await db.StockMovements.Where(m => m.WarehouseId == warehouseId).SumAsync(m => (decimal?)m.QuantityKg, cancellationToken) ?? 0m;
}
