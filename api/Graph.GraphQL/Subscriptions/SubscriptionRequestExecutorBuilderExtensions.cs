using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Subscriptions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the provider of topic events (<see cref="ITopicEventSender"/> and <see cref="ITopicEventReceiver"/>, one
/// singleton for both), as HotChocolate's <c>AddInMemorySubscriptions</c> and <c>AddPostgresSubscriptions</c> do. A
/// process has one provider: the last one registered replaces the others.
/// </summary>
public static class SubscriptionRequestExecutorBuilderExtensions
{
    /// <summary>
    /// Topic events within this process: the sent objects reach the subscribers as they are. For a single instance and
    /// for tests; several instances need <see cref="AddPostgresSubscriptions"/>.
    /// </summary>
    public static IRequestExecutorBuilder AddInMemorySubscriptions(this IRequestExecutorBuilder builder, Action<SubscriptionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SubscriptionOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        builder.Services.TryAddSingleton<InMemoryTopicEvents>();
        return Register<InMemoryTopicEvents>(builder);
    }

    /// <summary>
    /// Topic events shared by every instance on one PostgreSQL database, over LISTEN/NOTIFY. Events are sent as JSON
    /// (see <see cref="PostgresSubscriptionOptions.SerializerOptions"/>), so a message type must round-trip through
    /// System.Text.Json.
    /// </summary>
    /// <param name="builder">The GraphQL server.</param>
    /// <param name="configure">Sets at least the data source (<see cref="PostgresSubscriptionOptions.DataSourceFactory"/>) or the connection string.</param>
    public static IRequestExecutorBuilder AddPostgresSubscriptions(this IRequestExecutorBuilder builder, Action<PostgresSubscriptionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<PostgresSubscriptionOptions>().Configure(configure);
        builder.Services.TryAddSingleton<PostgresTopicEvents>();
        return Register<PostgresTopicEvents>(builder);
    }

    private static IRequestExecutorBuilder Register<TProvider>(IRequestExecutorBuilder builder)
        where TProvider : class, ITopicEventSender, ITopicEventReceiver
    {
        builder.Services.RemoveAll<ITopicEventSender>();
        builder.Services.RemoveAll<ITopicEventReceiver>();
        builder.Services.AddSingleton<ITopicEventSender>(static sp => sp.GetRequiredService<TProvider>());
        builder.Services.AddSingleton<ITopicEventReceiver>(static sp => sp.GetRequiredService<TProvider>());
        return builder;
    }
}
