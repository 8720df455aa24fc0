using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Graph.Api.Data;

/// <summary>
/// Acts on what a SaveChanges wrote once it is committed, and never when it is not: right after the SaveChanges, or, inside
/// an explicit transaction (or an ambient TransactionScope), after its commit; a rollback or a failed save forgets it.
/// Subclasses say what to remember of a save (<see cref="Collect"/>) and what to do once it is committed
/// (<see cref="CommittedAsync"/>).
/// </summary>
/// <remarks>
/// Registered once for the pooled contexts, so it holds no per-context state in fields: what a save or a transaction has
/// pending is kept beside the context or the transaction object. A transaction disposed without a commit announces
/// nothing. A rollback to a savepoint is not followed: items saved after the savepoint are still announced when the
/// transaction commits.
/// </remarks>
public abstract class AfterCommitInterceptor<TItem> : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<TItem>> _saves = new();
    private readonly ConditionalWeakTable<DbTransaction, List<TItem>> _transactions = new();

    /// <summary>Called before SaveChanges sends anything (it may add entities): the items this save commits, or null.</summary>
    protected abstract List<TItem>? Collect(DbContext context);

    /// <summary>The save of <paramref name="items"/> failed or was cancelled (they will not be committed by it).</summary>
    protected virtual void Abandoned(DbContext context, List<TItem> items)
    {
    }

    /// <summary>The save of <paramref name="context"/> succeeded (its items may still wait for the transaction's commit).</summary>
    protected virtual void Saved(DbContext context)
    {
    }

    /// <summary>The items are committed. Runs after the commit, on the committing thread; must not throw.</summary>
    protected abstract Task CommittedAsync(IReadOnlyList<TItem> items);

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
        if (Pending(eventData.Context) is { Count: > 0 } items)
        {
            // A synchronous save does not wait for what follows the commit.
            _ = CommittedAsync(items);
        }
        return result;
    }

    /// <inheritdoc />
    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Pending(eventData.Context) is { Count: > 0 } items)
        {
            await CommittedAsync(items).ConfigureAwait(false);
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
        if (Take(transaction) is { } items)
        {
            _ = CommittedAsync(items);
        }
    }

    /// <inheritdoc />
    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(transaction) is { } items)
        {
            await CommittedAsync(items).ConfigureAwait(false);
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

    private void Prepare(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        if (Collect(context) is { Count: > 0 } items)
        {
            _saves.AddOrUpdate(context, items);
        }
        else
        {
            _saves.Remove(context);
        }
    }

    /// <summary>The items to act on now (null when the save runs in a transaction, which keeps them until it commits).</summary>
    private List<TItem>? Pending(DbContext? context)
    {
        if (context is null || !_saves.TryGetValue(context, out var items))
        {
            return null;
        }
        _saves.Remove(context);
        Saved(context);
        if (context.Database.CurrentTransaction is { } transaction)
        {
            var held = _transactions.GetValue(transaction.GetDbTransaction(), static _ => []);
            lock (held)
            {
                held.AddRange(items);
            }
            return null;
        }
        if (System.Transactions.Transaction.Current is { } ambient)
        {
            ambient.TransactionCompleted += (_, e) =>
            {
                if (e.Transaction?.TransactionInformation.Status == System.Transactions.TransactionStatus.Committed)
                {
                    _ = CommittedAsync(items);
                }
            };
            return null;
        }
        return items;
    }

    private void Abandon(DbContext? context)
    {
        if (context is null || !_saves.TryGetValue(context, out var items))
        {
            return;
        }
        _saves.Remove(context);
        Abandoned(context, items);
    }

    /// <summary>
    /// A new transaction starts: whatever is held for its object belongs to an earlier transaction that ended without a
    /// commit or rollback through EF Core (disposed), since Npgsql reuses one transaction object per connection.
    /// </summary>
    private void Forget(DbTransaction transaction) => _transactions.Remove(transaction);

    private List<TItem>? Take(DbTransaction transaction)
    {
        if (!_transactions.TryGetValue(transaction, out var items))
        {
            return null;
        }
        _transactions.Remove(transaction);
        lock (items)
        {
            return items.Count > 0 ? [.. items] : null;
        }
    }
}
