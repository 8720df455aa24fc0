using System.Buffers;
using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Benchmarks.Http;

/// <summary>
/// The .NET servers of the HTTP comparison (scripts/bench/http.mjs), on 127.0.0.1:
/// <list type="bullet">
///   <item><c>serve --target graph --port N</c>: the library graph through our engine, served by <c>MapGraphQL()</c> as
///   Graph.Api serves the real graph (GraphQL over HTTP, WebSocket, SSE, IDE);</item>
///   <item><c>serve --target ceiling --port N</c>: a minimal Kestrel endpoint answering every POST to /graphql with the
///   bytes the graph gives for the benchmark query, computed once at start: what the hardware allows with no GraphQL.</item>
/// </list>
/// Prints <c>listening on http://127.0.0.1:N</c> once it accepts requests.
/// </summary>
public static class LibraryServer
{
    /// <summary>The query every server of the comparison answers.</summary>
    public const string Query = "{ books { id title author { id name } } }";

    public static async Task<int> RunAsync(string[] args)
    {
        var target = Option(args, "--target") ?? "graph";
        var port = int.Parse(Option(args, "--port") ?? "5090", System.Globalization.CultureInfo.InvariantCulture);
        if (target is not ("graph" or "ceiling"))
        {
            Console.Error.WriteLine($"Unknown --target {target}: graph or ceiling.");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        AddLibraryGraph(builder.Services);

        var app = builder.Build();
        if (target == "graph")
        {
            app.UseWebSockets();
            app.MapGraphQL();
        }
        else
        {
            var body = await AnswerAsync(app.Services);
            app.MapPost("/graphql", async context =>
            {
                // Reads the request as a server must, then answers the precomputed bytes.
                while (true)
                {
                    var read = await context.Request.BodyReader.ReadAsync(context.RequestAborted);
                    context.Request.BodyReader.AdvanceTo(read.Buffer.End);
                    if (read.IsCompleted)
                    {
                        break;
                    }
                }
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            });
        }

        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"listening on http://127.0.0.1:{port} ({target})"));
        await app.RunAsync();
        return 0;
    }

    /// <summary>The library graph (<see cref="LibraryQuery"/>, <see cref="BookAuthor"/>) and its data.</summary>
    public static IServiceCollection AddLibraryGraph(IServiceCollection services)
    {
        services.AddSingleton(Library.Load());
        services.AddGraphQLServer()
            .AddQueryType<LibraryQuery>()
            .AddTypeExtension<BookAuthor>();
        return services;
    }

    /// <summary>The JSON the graph answers to <see cref="Query"/>.</summary>
    public static async Task<byte[]> AnswerAsync(IServiceProvider services)
    {
        var executor = await services.GetRequestExecutorAsync();
        await using var result = await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument(Query).Build());
        var output = new ArrayBufferWriter<byte>();
        result.ExpectOperationResult().WriteTo(output);
        return output.WrittenSpan.ToArray();
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
