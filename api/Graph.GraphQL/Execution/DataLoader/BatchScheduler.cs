namespace Graph.GraphQL.Execution.DataLoader;

/// <summary>Where DataLoaders queue the dispatch of their batches.</summary>
public interface IBatchScheduler
{
    /// <summary>Queues <paramref name="dispatch"/>, which fetches one batch; it runs when the executor has no other runnable work.</summary>
    void Schedule(Func<ValueTask> dispatch);
}

/// <summary>Notified when a batch is scheduled (the executor, to wake its loop).</summary>
internal interface IBatchSchedulerListener
{
    void OnBatchScheduled();
}

/// <summary>
/// The request's batch scheduler (a scoped service): DataLoaders queue their batches here and the executor dispatches
/// them when its execution loop has no immediately runnable work left, so every key requested by the resolvers that
/// could run goes into one batch. Outside an execution (no executor attached) batches dispatch on the thread pool.
/// </summary>
public sealed class BatchScheduler : IBatchScheduler
{
    private readonly object _sync = new();
    private readonly List<IBatchSchedulerListener> _listeners = [];
    private List<Func<ValueTask>> _pending = [];
    private List<Func<ValueTask>> _spare = [];

    private int _completing;

    /// <summary>
    /// Whether a fetched batch is handing its results to the waiting resolvers right now. The executor then waits
    /// for it to finish before dispatching the next batches, so that keys requested by all those resolvers (the next
    /// level of the tree) go into the same batch.
    /// </summary>
    public bool IsCompletingBatch => Volatile.Read(ref _completing) > 0;

    /// <summary>Whether batches are waiting to be dispatched.</summary>
    public bool HasPending
    {
        get
        {
            lock (_sync)
            {
                return _pending.Count > 0;
            }
        }
    }

    /// <inheritdoc />
    public void Schedule(Func<ValueTask> dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        if (!Notify(dispatch))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static scheduler => scheduler.Dispatch(), this, preferLocal: false);
        }
    }

    /// <summary>Marks the start of handing a batch's results to the resolvers waiting for them.</summary>
    public void BeginBatchCompletion() => Interlocked.Increment(ref _completing);

    /// <summary>Marks the end of handing a batch's results out; the executor may dispatch again.</summary>
    public void EndBatchCompletion()
    {
        if (Interlocked.Decrement(ref _completing) == 0)
        {
            Notify(null);
        }
    }

    /// <summary>Adds <paramref name="dispatch"/> (when given) and wakes the attached executors; false when none is attached.</summary>
    private bool Notify(Func<ValueTask>? dispatch)
    {
        IBatchSchedulerListener? single = null;
        IBatchSchedulerListener[]? several = null;
        lock (_sync)
        {
            if (dispatch is not null)
            {
                _pending.Add(dispatch);
            }
            if (_listeners.Count == 1)
            {
                single = _listeners[0];
            }
            else if (_listeners.Count > 1)
            {
                several = [.. _listeners];
            }
        }
        if (single is not null)
        {
            single.OnBatchScheduled();
            return true;
        }
        if (several is not null)
        {
            foreach (var listener in several)
            {
                listener.OnBatchScheduled();
            }
            return true;
        }
        return false;
    }

    /// <summary>Starts every pending batch; true when there was one.</summary>
    public bool Dispatch()
    {
        List<Func<ValueTask>> batches;
        lock (_sync)
        {
            if (_pending.Count == 0)
            {
                return false;
            }
            batches = _pending;
            _pending = _spare;
            _spare = [];
        }
        foreach (var dispatch in batches)
        {
            _ = RunAsync(dispatch);
        }
        batches.Clear();
        lock (_sync)
        {
            if (_spare.Count == 0)
            {
                _spare = batches;
            }
        }
        return true;
    }

    internal void Attach(IBatchSchedulerListener listener)
    {
        lock (_sync)
        {
            _listeners.Add(listener);
        }
    }

    internal void Detach(IBatchSchedulerListener listener)
    {
        lock (_sync)
        {
            _listeners.Remove(listener);
        }
    }

    private static async Task RunAsync(Func<ValueTask> dispatch)
    {
        try
        {
            await dispatch().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A DataLoader reports fetch failures through the tasks of its keys; nothing is left to observe here.
        }
    }
}
