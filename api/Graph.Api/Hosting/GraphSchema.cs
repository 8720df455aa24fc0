using Graph.Api.Catalog;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Types;

namespace Graph.Api.Hosting;

/// <summary>The one graph: each domain folder adds its part.</summary>
public static class GraphSchema
{
    public static IRequestExecutorBuilder AddGraph(this IServiceCollection services, IHostEnvironment environment) => services
        .AddGraphQLServer()
        .AddQueryType()
        .AddCatalog()
        .ModifyRequestOptions(o => o.IncludeExceptionDetails = environment.IsDevelopment());

    /// <summary>The schema as SDL, as the server prints it (and as schema/schema.graphql holds it).</summary>
    public static async Task<string> PrintAsync(IServiceProvider services)
    {
        var executor = await services.GetRequestExecutorAsync();
        return SchemaPrinter.Print(executor.Schema);
    }
}
