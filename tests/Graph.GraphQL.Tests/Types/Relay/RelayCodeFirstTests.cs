using Graph.GraphQL.Configuration;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Tests.Execution;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Types.Relay;

/// <summary>Code-first node types: <c>ImplementsNode().IdField(...).ResolveNode(...)</c> and <c>ResolveNodeWith</c>.</summary>
public sealed class RelayCodeFirstTests
{
    public sealed class Publisher
    {
        public required string Code { get; init; }

        public required string Name { get; init; }
    }

    public sealed class Series
    {
        public long Id { get; init; }

        public string Title => $"Series {Id}";
    }

    public sealed class SeriesResolvers
    {
        public Series? FindSeries(long id) => id > 0 ? new Series { Id = id } : null;
    }

    public sealed class Query
    {
        public string Hello => "hello";
    }

    private static readonly INodeIdSerializer Ids = new DefaultNodeIdSerializer();

    private static async Task<IRequestExecutor> CreateAsync()
    {
        var services = new ServiceCollection();
        services.AddGraphQLServer()
            .AddQueryType<Query>()
            .AddType(new ObjectType<Publisher>(d => d
                .ImplementsNode()
                .IdField(p => p.Code)
                .ResolveNode<string>((_, code) => Task.FromResult<Publisher?>(code == "NEAS" ? new Publisher { Code = code, Name = "Les Nouvelles Éditions Africaines" } : null))))
            .AddType(new ObjectType<Series>(d => d.ImplementsNode().ResolveNodeWith<SeriesResolvers>(r => r.FindSeries(default))))
            .AddGlobalObjectIdentification()
            .ModifyRequestOptions(o => o.IncludeExceptionDetails = false);
        return await services.BuildServiceProvider().GetRequestExecutorAsync();
    }

    [Fact]
    public async Task Code_first_node_types_print_with_the_chosen_key_as_id()
    {
        var executor = await CreateAsync();

        var sdl = SchemaPrinter.Print(executor.Schema);

        Assert.Contains("type Publisher implements Node {\n  id: ID!\n  name: String!\n}", sdl, StringComparison.Ordinal);
        Assert.Contains("type Series implements Node {\n  id: ID!\n  title: String!\n}", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_first_node_resolvers_fetch_by_key()
    {
        var executor = await CreateAsync();
        var neas = Ids.Format("Publisher", "NEAS");
        var series = Ids.Format("Series", 7L);

        var json = await executor.RunAsync($$$$"""
            { p: node(id: "{{{{neas}}}}") { id ... on Publisher { name } } s: node(id: "{{{{series}}}}") { ... on Series { title } } gone: node(id: "{{{{Ids.Format("Publisher", "X")}}}}") { id } }
            """);

        JsonAssert.Equal($$$$"""
            {"data":{"p":{"id":"{{{{neas}}}}","name":"Les Nouvelles Éditions Africaines"},"s":{"title":"Series 7"},"gone":null}}
            """, json);
    }
}
