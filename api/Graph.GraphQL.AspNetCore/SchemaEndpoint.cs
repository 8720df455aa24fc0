using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Types;
using Microsoft.AspNetCore.Http;

namespace Graph.GraphQL.AspNetCore;

/// <summary>The schema as SDL (<c>GET {path}?sdl</c>, <c>GET {path}/schema.graphql</c>), printed once per schema.</summary>
internal sealed class SchemaEndpoint(IRequestExecutorResolver executors, string? schemaName, GraphQLServerOptions options)
{
    private PrintedSchema? _printed;

    /// <summary>The <c>schema.graphql</c> endpoint: 404 when schema requests are disabled.</summary>
    public Task HandleFileAsync(HttpContext context)
    {
        if (!options.EnableSchemaRequests)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return WriteAsync(context);
    }

    /// <summary>Writes the SDL as <c>text/plain; charset=utf-8</c>.</summary>
    public async Task WriteAsync(HttpContext context)
    {
        var executor = await executors.GetRequestExecutorAsync(schemaName, context.RequestAborted).ConfigureAwait(false);
        var printed = Volatile.Read(ref _printed);
        if (printed is null || !ReferenceEquals(printed.Schema, executor.Schema))
        {
            printed = new PrintedSchema(executor.Schema, SchemaPrinter.Print(executor.Schema));
            Volatile.Write(ref _printed, printed);
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = GraphQLMediaTypes.Sdl + "; charset=utf-8";
        await context.Response.WriteAsync(printed.Sdl, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed record PrintedSchema(ISchema Schema, string Sdl);
}
