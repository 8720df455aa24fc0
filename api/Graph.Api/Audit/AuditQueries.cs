using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.Api.Data;
using Graph.GraphQL.Data;
using Graph.GraphQL.Data.Sorting;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Audit;

/// <summary>The audit log on Query.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class AuditQueries
{
    /// <summary>The audit log, newest first unless ordered otherwise: who changed what, when, from where, and how.</summary>
    [UsePaging, UseProjection, UseFiltering(typeof(AuditEntryFilterInputType)), UseSorting(typeof(AuditEntrySortInputType))]
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public IQueryable<AuditEntry> GetAuditLog(GraphDbContext db) =>
        db.AuditEntries.AsNoTracking().OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id);
}

/// <summary>Resolves audit entries by their global ID (node, nodes).</summary>
[ExtendObjectType<AuditEntry>]
public sealed class AuditEntryFields
{
    /// <summary>Resolves an AuditEntry's global ID for node and nodes: for ADMIN only; anyone else gets null, as for an ID
    /// that names no entry.</summary>
    [NodeResolver]
    public static async Task<AuditEntry?> GetAuditEntryByIdAsync(Guid id, System.Security.Claims.ClaimsPrincipal user, AuditEntryByIdDataLoader entries, CancellationToken cancellationToken) =>
        user.IsInRole(PlatformRoles.AdminName) ? await entries.LoadAsync(id, cancellationToken) : null;
}

/// <summary>The fields <c>auditLog(where:)</c> filters on: the actor, the action, the entity, the time.</summary>
public sealed class AuditEntryFilterInputType : FilterInputType<AuditEntry>
{
    /// <inheritdoc />
    protected override void Configure(IFilterInputTypeDescriptor<AuditEntry> descriptor) => descriptor
        .BindFieldsExplicitly()
        .Field(e => e.ActorUserId)
        .Field(e => e.ActorName)
        .Field(e => e.Action)
        .Field(e => e.EntityType)
        .Field(e => e.EntityId)
        .Field(e => e.OccurredAt)
        .Field(e => e.Operation)
        .Field(e => e.RequestId);
}

/// <summary>The fields <c>auditLog(order:)</c> sorts by.</summary>
public sealed class AuditEntrySortInputType : SortInputType<AuditEntry>
{
    /// <inheritdoc />
    protected override void Configure(ISortInputTypeDescriptor<AuditEntry> descriptor)
    {
        descriptor.BindFieldsExplicitly();
        descriptor.Field(e => e.OccurredAt);
        descriptor.Field(e => e.ActorName);
        descriptor.Field(e => e.Action);
        descriptor.Field(e => e.EntityType);
    }
}
