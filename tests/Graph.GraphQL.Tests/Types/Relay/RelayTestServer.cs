using Graph.GraphQL.Execution;
using Graph.GraphQL.Types.Relay;
using Microsoft.Extensions.DependencyInjection;
using static Graph.GraphQL.Tests.Types.Relay.RelayLibrary;

namespace Graph.GraphQL.Tests.Types.Relay;

/// <summary>A server over <see cref="RelayLibrary"/> with global object identification, and the IDs of its objects.</summary>
internal static class RelayTestServer
{
    public static readonly INodeIdSerializer Ids = new DefaultNodeIdSerializer();

    public static string DuneGid => Ids.Format("Book", DuneId);

    public static string SoGid => Ids.Format("Book", SoId);

    public static string Author(int id) => Ids.Format("Author", id);

    public static async Task<(IRequestExecutor Executor, Store Store)> CreateAsync(int maxNodes = 50)
    {
        var services = new ServiceCollection();
        var store = new Store();
        services.AddSingleton(store);
        services.AddGraphQLServer()
            .AddQueryType<Query>()
            .AddType<Book>()
            .AddType<Author>()
            .AddType<Tag>()
            .AddTypeExtension<AuthorNode>()
            .AddDataLoader<BookByIdDataLoader>()
            .AddGlobalObjectIdentification(o => o.MaxAllowedNodeBatchSize = maxNodes)
            .ModifyRequestOptions(o => o.IncludeExceptionDetails = false);
        var provider = services.BuildServiceProvider();
        return (await provider.GetRequestExecutorAsync(), store);
    }
}
