using Graph.Api.Identity;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;

namespace Graph.Api.Audit;

/// <summary>The audit log's events on Subscription.</summary>
[ExtendObjectType(OperationTypeNames.Subscription)]
public sealed class AuditSubscriptions
{
    /// <summary>The topic of <see cref="AuditEntryAdded"/>: every audit entry goes to it once committed.</summary>
    public const string AuditEntryAddedTopic = "auditEntryAdded";

    /// <summary>Each audit entry, once the change it records is committed.</summary>
    [Subscribe]
    [Topic(AuditEntryAddedTopic)]
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public AuditEntry AuditEntryAdded([EventMessage] AuditEntry entry) => entry;
}
