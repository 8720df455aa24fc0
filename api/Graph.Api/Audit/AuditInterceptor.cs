using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Graph.Api.Audit;

/// <summary>
/// Writes the audit log in the same transaction as the changes: before SaveChanges sends anything, one
/// <see cref="AuditEntry"/> per added, modified or deleted entity joins the changes (so a failed save leaves no entry
/// either). Once the entries are committed they are announced on <see cref="AuditSubscriptions.AuditEntryAddedTopic"/>:
/// after the SaveChanges, or, inside an explicit transaction, after its commit (and never when it rolls back).
/// </summary>
/// <remarks>
/// Registered once for the pooled contexts, so it holds no per-context state in fields: what a save or a transaction has
/// pending is kept beside the context or the transaction object. A transaction disposed without a commit announces
/// nothing. A rollback to a savepoint is not followed: entries saved after
/// the savepoint are still announced when the transaction commits.
/// </remarks>
public sealed class AuditInterceptor(TimeProvider clock, AuditPublisher publisher) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The entries a SaveChanges in progress will save: what the interceptor wrote, and what the code added itself.</summary>
    private sealed class PendingSave(List<AuditEntry> written, List<AuditEntry> all)
    {
        public List<AuditEntry> Written { get; } = written;

        public List<AuditEntry> All { get; } = all;
    }

    private readonly ConditionalWeakTable<DbContext, PendingSave> _saves = new();
    private readonly ConditionalWeakTable<DbTransaction, List<AuditEntry>> _transactions = new();

    /// <inheritdoc />
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Prepare(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prepare(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Saved(eventData.Context) is { Count: > 0 } entries)
        {
            // A synchronous save does not wait for the announcement; the publisher logs its failures.
            _ = publisher.PublishAsync(entries);
        }
        return result;
    }

    /// <inheritdoc />
    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Saved(eventData.Context) is { Count: > 0 } entries)
        {
            await publisher.PublishAsync(entries).ConfigureAwait(false);
        }
        return result;
    }

    /// <inheritdoc />
    public void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    /// <inheritdoc />
    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    /// <inheritdoc />
    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(result);
        return result;
    }

    /// <inheritdoc />
    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(result);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Take(transaction) is { } entries)
        {
            _ = publisher.PublishAsync(entries);
        }
    }

    /// <inheritdoc />
    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(transaction) is { } entries)
        {
            await publisher.PublishAsync(entries).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Take(transaction);

    /// <inheritdoc />
    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(transaction);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Take(transaction);

    /// <inheritdoc />
    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(transaction);
        return Task.CompletedTask;
    }

    /// <summary>Adds the entries of the pending changes to the context, and remembers every entry the save will insert.</summary>
    private void Prepare(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
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
        if (all.Count == 0)
        {
            _saves.Remove(context);
            return;
        }
        context.Set<AuditEntry>().AddRange(written);
        _saves.AddOrUpdate(context, new PendingSave(written, all));
    }

    /// <summary>The entries to announce now (null when the save runs in a transaction, which keeps them until it commits).</summary>
    private List<AuditEntry>? Saved(DbContext? context)
    {
        if (context is null || !_saves.TryGetValue(context, out var save))
        {
            return null;
        }
        _saves.Remove(context);
        if (context.Database.CurrentTransaction is { } transaction)
        {
            var held = _transactions.GetValue(transaction.GetDbTransaction(), static _ => []);
            lock (held)
            {
                held.AddRange(save.All);
            }
            return null;
        }
        if (System.Transactions.Transaction.Current is { } ambient)
        {
            // An ambient TransactionScope: announce when it commits.
            var entries = save.All;
            ambient.TransactionCompleted += (_, e) =>
            {
                if (e.Transaction?.TransactionInformation.Status == System.Transactions.TransactionStatus.Committed)
                {
                    _ = publisher.PublishAsync(entries);
                }
            };
            return null;
        }
        return save.All;
    }

    /// <summary>A failed or cancelled save: the entries it wrote leave the context, so that a retry does not save them twice.</summary>
    private void Abandon(DbContext? context)
    {
        if (context is null || !_saves.TryGetValue(context, out var save))
        {
            return;
        }
        _saves.Remove(context);
        foreach (var entry in save.Written)
        {
            context.Entry(entry).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// A new transaction starts: whatever is held for its object belongs to an earlier transaction that ended without a
    /// commit or rollback through EF Core (disposed), since Npgsql reuses one transaction object per connection.
    /// </summary>
    private void Forget(DbTransaction transaction) => _transactions.Remove(transaction);

    private List<AuditEntry>? Take(DbTransaction transaction)
    {
        if (!_transactions.TryGetValue(transaction, out var entries))
        {
            return null;
        }
        _transactions.Remove(transaction);
        lock (entries)
        {
            return entries.Count > 0 ? [.. entries] : null;
        }
    }
}
