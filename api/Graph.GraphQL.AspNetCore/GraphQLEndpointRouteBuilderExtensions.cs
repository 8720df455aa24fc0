using Graph.GraphQL.AspNetCore;
using Graph.GraphQL.AspNetCore.Ide;
using Graph.GraphQL.AspNetCore.WebSockets;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves a GraphQL server over HTTP, WebSocket and Server-Sent Events (HotChocolate's <c>MapGraphQL</c>).</summary>
public static class GraphQLEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the server <paramref name="schemaName"/> (the default one when null) at <paramref name="path"/>: GraphQL over
    /// HTTP (POST and GET), Server-Sent Events for requests that accept <c>text/event-stream</c>, GraphQL over WebSocket
    /// (<c>graphql-transport-ws</c> and the legacy <c>graphql-ws</c>; call <c>app.UseWebSockets()</c> first), the schema
    /// as SDL at <c>{path}?sdl</c> and <c>{path}/schema.graphql</c>, and the Banana Cake Pop IDE for browsers opening
    /// <paramref name="path"/> (its files under <c>{path}/</c>, see <see cref="GraphQLToolOptions"/>). Set options with
    /// <c>.WithOptions(o => ...)</c>; register a <see cref="ISocketSessionInterceptor"/> with
    /// <c>AddSocketSessionInterceptor&lt;T&gt;()</c>.
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
        var environment = services.GetService<IHostEnvironment>();
        var isDevelopment = environment?.IsDevelopment() ?? false;
        var trimmed = path.TrimEnd('/');
        var ide = new GraphQLIde(options, trimmed, environment?.ContentRootPath ?? AppContext.BaseDirectory,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Graph.GraphQL.AspNetCore.GraphQLIde"));
        var sockets = new SocketTransport(executors, schemaName, options, services, isDevelopment,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Graph.GraphQL.AspNetCore.WebSockets"));
        var http = new GraphQLHttpEndpoint(executors, schemaName, options, schema, ide, sockets, services, isDevelopment, logger);
        // CONNECT: WebSockets over HTTP/2 (RFC 8441) open with it instead of GET.
        var main = endpoints.MapMethods(path, [HttpMethods.Get, HttpMethods.Post, HttpMethods.Connect], http.HandleAsync)
            .WithDisplayName($"GraphQL {path}");
        var sdl = endpoints.MapGet(trimmed + "/schema.graphql", schema.HandleFileAsync)
            .WithDisplayName($"GraphQL schema {trimmed}/schema.graphql");
        var ideFiles = endpoints.MapGet(trimmed + "/{**file}", ide.HandleFileAsync)
            .WithDisplayName($"GraphQL IDE {trimmed}/");
        return new GraphQLEndpointConventionBuilder(options, [main, sdl, ideFiles]);
    }
}
