using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Types;
using Npgsql;

namespace Graph.Api.Hosting;

/// <summary>The one graph: each domain folder adds its part.</summary>
public static class GraphSchema
{
    public static IRequestExecutorBuilder AddGraph(this IServiceCollection services, IHostEnvironment environment) => services
        .AddGraphQLServer()
        .AddQueryType()
        .AddMutationType()
        .AddSubscriptionType()
        .AddType<IError>()
        .AddCatalog()
        // Events reach the subscribers of every instance through the database the instances share.
        .AddPostgresSubscriptions(o => o.DataSourceFactory = sp => sp.GetRequiredService<NpgsqlDataSource>())
        .ModifyRequestOptions(o => o.IncludeExceptionDetails = environment.IsDevelopment());

    /// <summary>The schema as SDL, as the server prints it (and as schema/schema.graphql holds it).</summary>
    public static async Task<string> PrintAsync(IServiceProvider services)
    {
        var executor = await services.GetRequestExecutorAsync();
        return SchemaPrinter.Print(executor.Schema);
    }
}
