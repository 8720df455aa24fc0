namespace Graph.GraphQL.AspNetCore.WebSockets;

/// <summary>What <see cref="SocketOperations.TryAdd"/> did.</summary>
internal enum AddOperationResult
{
    Added,

    /// <summary>An operation with the same id is running.</summary>
    Duplicate,

    /// <summary>The connection already runs as many operations as it may.</summary>
    LimitReached,
}

/// <summary>
/// The operations of a session: those running under their id (what the client can address and what the limit counts),
/// and every one whose task has not ended yet (stopped ones may still be disposing their stream), so that a session
/// waits for all of them before it ends.
/// </summary>
internal sealed class SocketOperations(int limit)
{
    private readonly Dictionary<string, SocketOperation> _running = new(StringComparer.Ordinal);
    private readonly HashSet<SocketOperation> _live = [];
    private readonly Lock _sync = new();

    public AddOperationResult TryAdd(SocketOperation operation)
    {
        lock (_sync)
        {
            if (_running.ContainsKey(operation.Id))
            {
                return AddOperationResult.Duplicate;
            }
            if (_running.Count >= limit)
            {
                return AddOperationResult.LimitReached;
            }
            _running.Add(operation.Id, operation);
            _live.Add(operation);
            return AddOperationResult.Added;
        }
    }

    /// <summary>Removes and returns the operation running under <paramref name="id"/>, or null when none does.</summary>
    public SocketOperation? Remove(string id)
    {
        lock (_sync)
        {
            return _running.Remove(id, out var operation) ? operation : null;
        }
    }

    /// <summary>Forgets <paramref name="operation"/>, whose task has ended.</summary>
    public void Finished(SocketOperation operation)
    {
        lock (_sync)
        {
            if (_running.TryGetValue(operation.Id, out var registered) && ReferenceEquals(registered, operation))
            {
                _running.Remove(operation.Id);
            }
            _live.Remove(operation);
        }
    }

    /// <summary>Forgets every id and returns the operations whose task has not ended (to stop and await them).</summary>
    public SocketOperation[] RemoveAll()
    {
        lock (_sync)
        {
            _running.Clear();
            return [.. _live];
        }
    }
}
