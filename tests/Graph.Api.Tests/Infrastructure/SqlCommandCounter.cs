using System.Diagnostics;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands Npgsql sends to one database while it is alive, from Npgsql's own
/// tracing (ActivitySource "Npgsql"): how tests prove that a query is not one round trip per row.
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _commands = new();
    private int _count;

    public SqlCommandCounter(string database)
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
                    _commands.Enqueue(sql);
                    Interlocked.Increment(ref _count);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The SQL text of the commands counted, in the order they completed.</summary>
    public IReadOnlyList<string> Commands => _commands.ToArray();

    public void Dispose() => _listener.Dispose();
}
