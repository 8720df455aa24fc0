using Graph.GraphQL.AspNetCore;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves a GraphQL server over HTTP (HotChocolate's <c>MapGraphQL</c>).</summary>
public static class GraphQLEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps GraphQL over HTTP for the server <paramref name="schemaName"/> (the default one when null) at
    /// <paramref name="path"/>: POST and GET requests, and the schema as SDL at <c>{path}?sdl</c> and
    /// <c>{path}/schema.graphql</c>. Set options with <c>.WithOptions(o => ...)</c>.
    /// </summary>
    public static GraphQLEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string path = "/graphql", string? schemaName = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var services = endpoints.ServiceProvider;
        var executors = services.GetService<IRequestExecutorResolver>()
            ?? throw new InvalidOperationException("MapGraphQL() serves what services.AddGraphQLServer() registers: call it first.");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Graph.GraphQL.AspNetCore.GraphQLHttpEndpoint");

        var options = new GraphQLServerOptions();
        var schema = new SchemaEndpoint(executors, schemaName, options);
        var isDevelopment = services.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
        var http = new GraphQLHttpEndpoint(executors, schemaName, options, schema, isDevelopment, logger);
        var trimmed = path.TrimEnd('/');
        var main = endpoints.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], http.HandleAsync)
            .WithDisplayName($"GraphQL {path}");
        var sdl = endpoints.MapGet(trimmed + "/schema.graphql", schema.HandleFileAsync)
            .WithDisplayName($"GraphQL schema {trimmed}/schema.graphql");
        return new GraphQLEndpointConventionBuilder(options, [main, sdl]);
    }
}
