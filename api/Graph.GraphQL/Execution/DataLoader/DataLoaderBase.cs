namespace Graph.GraphQL.Execution.DataLoader;

/// <summary>The options of a DataLoader.</summary>
public sealed class DataLoaderOptions
{
    /// <summary>The most keys of one batch; more keys start another batch. Default 1 024.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>Whether results are cached per key for the lifetime of the loader (one request). Default true.</summary>
    public bool Caching { get; set; } = true;
}

/// <summary>Marks DataLoaders (for registration and tooling).</summary>
public interface IDataLoader
{
    /// <summary>Empties the cache.</summary>
    void Clear();
}

/// <summary>Loads values by key, batching the keys requested while the executor has other work.</summary>
public interface IDataLoader<TKey, TValue> : IDataLoader
    where TKey : notnull
{
    /// <summary>The value of <paramref name="key"/>, fetched with the other keys of the batch.</summary>
    Task<TValue> LoadAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>The values of <paramref name="keys"/>, in the same order.</summary>
    Task<IReadOnlyList<TValue>> LoadAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Puts a value in the cache.</summary>
    void Set(TKey key, TValue value);

    /// <summary>Removes a key from the cache.</summary>
    void Remove(TKey key);
}

/// <summary>
/// The batching and caching core of DataLoaders: <see cref="LoadAsync(TKey, CancellationToken)"/> adds the key to the
/// current batch, which the <see cref="IBatchScheduler"/> dispatches once the executor has no other runnable work;
/// <see cref="FetchAsync"/> then loads all keys at once. Results (and failures) are cached per key for the loader's
/// lifetime, which is one request when the loader is a scoped service (see <c>AddDataLoader</c>).
/// </summary>
public abstract class DataLoaderBase<TKey, TValue> : IDataLoader<TKey, TValue>
    where TKey : notnull
{
    private readonly object _sync = new();
    private readonly IBatchScheduler _scheduler;
    private readonly Dictionary<TKey, Task<TValue>> _cache = [];
    private Batch? _current;

    /// <summary>Creates the loader.</summary>
    protected DataLoaderBase(IBatchScheduler batchScheduler, DataLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batchScheduler);
        _scheduler = batchScheduler;
        Options = options ?? new DataLoaderOptions();
        if (Options.MaxBatchSize < 1)
        {
            throw new ArgumentException("MaxBatchSize must be at least 1.", nameof(options));
        }
    }

    /// <summary>The loader's options.</summary>
    protected DataLoaderOptions Options { get; }

    /// <inheritdoc />
    public Task<TValue> LoadAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Batch? toSchedule = null;
        Task<TValue> task;
        lock (_sync)
        {
            task = Enqueue(key, cancellationToken, ref toSchedule);
        }
        if (toSchedule is not null)
        {
            Schedule(toSchedule);
        }
        return task;
    }

    /// <summary>The values of <paramref name="keys"/>, in the same order; the keys are added to the batch at once.</summary>
    public async Task<IReadOnlyList<TValue>> LoadAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var tasks = new Task<TValue>[keys.Count];
        var batches = new List<Batch>();
        lock (_sync)
        {
            var i = 0;
            foreach (var key in keys)
            {
                ArgumentNullException.ThrowIfNull(key, nameof(keys));
                Batch? created = null;
                tasks[i++] = Enqueue(key, cancellationToken, ref created);
                if (created is not null)
                {
                    batches.Add(created);
                }
            }
        }
        foreach (var batch in batches)
        {
            Schedule(batch);
        }
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds <paramref name="key"/> to the current batch (under the lock); sets <paramref name="created"/> when it starts a
    /// batch, which the caller schedules (every batch is scheduled once, when it starts).
    /// </summary>
    private Task<TValue> Enqueue(TKey key, CancellationToken cancellationToken, ref Batch? created)
    {
        if (Options.Caching && _cache.TryGetValue(key, out var cached))
        {
            return cached;
        }
        if (_current is not null && _current.Promises.TryGetValue(key, out var pending))
        {
            return pending.Task;
        }
        if (_current is null)
        {
            _current = new Batch(cancellationToken);
            created ??= _current;
        }
        var promise = new TaskCompletionSource<TValue>();
        _current.Keys.Add(key);
        _current.Promises.Add(key, promise);
        if (Options.Caching)
        {
            _cache[key] = promise.Task;
        }
        if (_current.Keys.Count >= Options.MaxBatchSize)
        {
            _current = null;
        }
        return promise.Task;
    }

    private void Schedule(Batch batch) => _scheduler.Schedule(() => DispatchAsync(batch));

    /// <inheritdoc />
    public void Set(TKey key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_sync)
        {
            _cache[key] = Task.FromResult(value);
        }
    }

    /// <inheritdoc />
    public void Remove(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_sync)
        {
            _cache.Remove(key);
        }
    }

    /// <inheritdoc />
    public void Clear()
    {
        lock (_sync)
        {
            _cache.Clear();
        }
    }

    /// <summary>Loads <paramref name="keys"/>; <paramref name="results"/> receives the value of <c>keys[i]</c> at index i.</summary>
    /// <param name="keys">The distinct keys of the batch, in request order.</param>
    /// <param name="results">One slot per key, default-initialised (what missing keys resolve to).</param>
    /// <param name="cancellationToken">The token of the request that started the batch.</param>
    protected abstract ValueTask FetchAsync(IReadOnlyList<TKey> keys, Memory<TValue> results, CancellationToken cancellationToken);

    private async ValueTask DispatchAsync(Batch batch)
    {
        lock (_sync)
        {
            if (ReferenceEquals(_current, batch))
            {
                _current = null;
            }
        }
        var results = new TValue[batch.Keys.Count];
        try
        {
            await FetchAsync(batch.Keys, results, batch.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            lock (_sync)
            {
                foreach (var key in batch.Keys)
                {
                    _cache.Remove(key);
                }
            }
            Complete(batch, null, ex);
            return;
        }
        Complete(batch, results, null);
    }

    /// <summary>Hands the results out; the continuations of the waiting resolvers run here, inside one batch completion.</summary>
    private void Complete(Batch batch, TValue[]? results, Exception? error)
    {
        var scheduler = _scheduler as BatchScheduler;
        scheduler?.BeginBatchCompletion();
        try
        {
            for (var i = 0; i < batch.Keys.Count; i++)
            {
                var promise = batch.Promises[batch.Keys[i]];
                if (error is null)
                {
                    promise.TrySetResult(results![i]);
                }
                else
                {
                    promise.TrySetException(error);
                }
            }
        }
        finally
        {
            scheduler?.EndBatchCompletion();
        }
    }

    private sealed class Batch(CancellationToken cancellationToken)
    {
        public List<TKey> Keys { get; } = [];

        public Dictionary<TKey, TaskCompletionSource<TValue>> Promises { get; } = [];

        public CancellationToken CancellationToken { get; } = cancellationToken;
    }
}

/// <summary>
/// A DataLoader whose batch function returns a value per key (HotChocolate's <c>BatchDataLoader</c>): override
/// <see cref="LoadBatchAsync"/>. Keys missing from the returned dictionary resolve to <c>default</c> (null).
/// </summary>
public abstract class BatchDataLoader<TKey, TValue> : DataLoaderBase<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Creates the loader.</summary>
    protected BatchDataLoader(IBatchScheduler batchScheduler, DataLoaderOptions? options = null)
        : base(batchScheduler, options)
    {
    }

    /// <summary>Loads the values of <paramref name="keys"/> at once.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    protected sealed override async ValueTask FetchAsync(IReadOnlyList<TKey> keys, Memory<TValue> results, CancellationToken cancellationToken)
    {
        var values = await LoadBatchAsync(keys, cancellationToken).ConfigureAwait(false);
        var span = results.Span;
        for (var i = 0; i < keys.Count; i++)
        {
            if (values.TryGetValue(keys[i], out var value))
            {
                span[i] = value;
            }
        }
    }
}

/// <summary>
/// A DataLoader whose batch function returns several values per key (HotChocolate's <c>GroupedDataLoader</c>), e.g. the
/// books of each author: override <see cref="LoadGroupedBatchAsync"/>. Keys without values resolve to an empty array.
/// </summary>
public abstract class GroupedDataLoader<TKey, TValue> : DataLoaderBase<TKey, TValue[]>
    where TKey : notnull
{
    /// <summary>Creates the loader.</summary>
    protected GroupedDataLoader(IBatchScheduler batchScheduler, DataLoaderOptions? options = null)
        : base(batchScheduler, options)
    {
    }

    /// <summary>Loads the values of <paramref name="keys"/> at once, grouped by key.</summary>
    protected abstract Task<ILookup<TKey, TValue>> LoadGroupedBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    protected sealed override async ValueTask FetchAsync(IReadOnlyList<TKey> keys, Memory<TValue[]> results, CancellationToken cancellationToken)
    {
        var lookup = await LoadGroupedBatchAsync(keys, cancellationToken).ConfigureAwait(false);
        var span = results.Span;
        for (var i = 0; i < keys.Count; i++)
        {
            span[i] = lookup.Contains(keys[i]) ? [.. lookup[keys[i]]] : [];
        }
    }
}

/// <summary>
/// A DataLoader for sources that can only fetch one key at a time (HotChocolate's <c>CacheDataLoader</c>): override
/// <see cref="LoadSingleAsync"/>. It still deduplicates: each distinct key is fetched once per loader (one request), and
/// the keys requested together are fetched concurrently.
/// </summary>
public abstract class CacheDataLoader<TKey, TValue> : DataLoaderBase<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Creates the loader.</summary>
    protected CacheDataLoader(IBatchScheduler batchScheduler, DataLoaderOptions? options = null)
        : base(batchScheduler, options)
    {
    }

    /// <summary>Loads the value of one key.</summary>
    protected abstract Task<TValue> LoadSingleAsync(TKey key, CancellationToken cancellationToken);

    protected sealed override async ValueTask FetchAsync(IReadOnlyList<TKey> keys, Memory<TValue> results, CancellationToken cancellationToken)
    {
        var tasks = new Task<TValue>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            tasks[i] = LoadSingleAsync(keys[i], cancellationToken);
        }
        var values = await Task.WhenAll(tasks).ConfigureAwait(false);
        values.CopyTo(results);
    }
}
