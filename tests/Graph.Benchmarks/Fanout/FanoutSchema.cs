using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types;

namespace Graph.Benchmarks.Fanout;

/// <summary>
/// The graph of the fan-out benchmark: <c>subscription { tick { seq sentAt } }</c> on the topic <see cref="Topic"/>,
/// and a query field because a schema needs one.
/// </summary>
public static class FanoutSchema
{
    /// <summary>The topic every subscriber listens to and the publisher sends to.</summary>
    public const string Topic = "tick";

    /// <summary>The document every subscriber sends.</summary>
    public const string Subscription = "subscription { tick { seq sentAt } }";
}

/// <summary>
/// One published event: its number (0, 1, 2...) and <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when it
/// was sent. Both processes run on one machine and read the same monotonic clock (see <see cref="Clock"/>).
/// </summary>
public sealed record Tick(long Seq, long SentAt);

public sealed class FanoutQuery
{
    public string Hello => "fan-out";
}

public sealed class FanoutSubscription
{
    [Subscribe]
    [Topic(FanoutSchema.Topic)]
    public Tick Tick([EventMessage] Tick tick) => tick;
}
