namespace Graph.Api.Audit;

/// <summary>
/// The audit log records that this property changed but never its value (<c>[redacted]</c> instead): password and token
/// hashes, secrets.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = true)]
public sealed class AuditRedactedAttribute : Attribute
{
    /// <summary>What the audit log stores in place of the value.</summary>
    public const string Placeholder = "[redacted]";
}

/// <summary>
/// Changes to entities of this class are not written to the audit log: the audit entries themselves, and records that are
/// already a log (login attempts).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class NotAuditedAttribute : Attribute;
