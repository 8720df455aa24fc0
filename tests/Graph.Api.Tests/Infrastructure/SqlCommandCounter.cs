using System.Diagnostics;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands Npgsql sends to one database while it is alive, from Npgsql's own
/// tracing (ActivitySource "Npgsql"): how tests prove that a query is not one round trip per row.
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
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
                if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is not null)
                {
                    Interlocked.Increment(ref _count);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
