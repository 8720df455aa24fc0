using System.Diagnostics;

namespace Graph.Benchmarks.Data;

/// <summary>
/// Counts the SQL commands Npgsql sends to one database while it listens (Npgsql's ActivitySource): each one is a round
/// trip. Listening costs an Activity per command, so the benchmark counts in a pass of its own, never while timing.
/// </summary>
internal sealed class SqlStatementCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _statements = new();
    private int _count;

    public SqlStatementCounter(string database)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                // Commands carry their SQL; connection activities do not.
                if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string sql)
                {
                    _statements.Enqueue(sql);
                    Interlocked.Increment(ref _count);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The SQL of the statements counted, in the order they completed.</summary>
    public IReadOnlyList<string> Statements => _statements.ToArray();

    public void Dispose() => _listener.Dispose();
}
