using System.Runtime.CompilerServices;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Audit;

/// <summary>
/// Writes the audit log in the same transaction as the changes: before SaveChanges sends anything, one
/// <see cref="AuditEntry"/> per added, modified or deleted entity joins the changes (so a failed save leaves no entry
/// either). Once the entries are committed they are announced on <see cref="AuditSubscriptions.AuditEntryAddedTopic"/>:
/// after the SaveChanges, or, inside an explicit transaction, after its commit (and never when it rolls back; see
/// <see cref="AfterCommitInterceptor{TItem}"/>).
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock, AuditPublisher publisher) : AfterCommitInterceptor<AuditEntry>
{
    /// <summary>The entries a save in progress wrote itself (as opposed to entries the code added), to take back if it fails.</summary>
    private readonly ConditionalWeakTable<DbContext, List<AuditEntry>> _written = new();

    /// <summary>Adds the entries of the pending changes to the context; returns every entry the save will insert.</summary>
    protected override List<AuditEntry>? Collect(DbContext context)
    {
        var tracker = context.ChangeTracker;
        if (tracker.AutoDetectChangesEnabled)
        {
            tracker.DetectChanges();
        }

        var actor = AuditScope.Current;
        var now = AuditChanges.Now(clock);
        var written = new List<AuditEntry>();
        var all = new List<AuditEntry>();
        foreach (var entry in tracker.Entries().ToList())
        {
            if (entry.Entity is AuditEntry explicitEntry)
            {
                if (entry.State == EntityState.Added)
                {
                    all.Add(explicitEntry);
                }
                continue;
            }
            if (!AuditChanges.IsAudited(entry.Metadata) || AuditChanges.Describe(entry, actor, now) is not { } audit)
            {
                continue;
            }
            written.Add(audit);
            all.Add(audit);
        }
        context.Set<AuditEntry>().AddRange(written);
        _written.AddOrUpdate(context, written);
        return all;
    }

    /// <summary>A failed or cancelled save: the entries it wrote leave the context, so that a retry does not save them twice.</summary>
    protected override void Abandoned(DbContext context, List<AuditEntry> items)
    {
        if (!_written.TryGetValue(context, out var written))
        {
            return;
        }
        _written.Remove(context);
        foreach (var entry in written)
        {
            context.Entry(entry).State = EntityState.Detached;
        }
    }

    /// <inheritdoc />
    protected override void Saved(DbContext context) => _written.Remove(context);

    /// <inheritdoc />
    protected override Task CommittedAsync(IReadOnlyList<AuditEntry> items) => publisher.PublishAsync(items);
}
