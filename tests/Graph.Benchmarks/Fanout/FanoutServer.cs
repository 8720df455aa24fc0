using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graph.Benchmarks.Fanout;

/// <summary>
/// <c>fanout-server --port N [--postgres CONNSTRING] [--share]</c>: the server side of the fan-out benchmark, on 127.0.0.1. It
/// serves <see cref="FanoutSchema"/> through <c>MapGraphQL()</c> with <c>UseWebSockets()</c> as Graph.Api does, with
/// in-memory subscriptions (or the PostgreSQL LISTEN/NOTIFY provider), and three endpoints for the driver:
/// <list type="bullet">
///   <item><c>GET /fanout/stats[?gc=true]</c>: <see cref="ServerStats"/> (after a full collection with <c>gc=true</c>);</item>
///   <item><c>POST /fanout/publish?rate=R&amp;count=C[&amp;first=F]</c>: starts the <see cref="TickPublisher"/>, ticks numbered
///   from F (default 0; the warm-up's are negative), 409 while it runs;</item>
///   <item><c>POST /fanout/stop</c>: stops the server.</item>
/// </list>
/// The events are published inside the server on a timer rather than by a mutation per event: the publish time is then
/// taken right where a mutation would call <c>SendAsync</c>, the rate holds whatever the driver's own load, and the
/// measured latency is the fan-out, not an HTTP request. Prints <c>listening on http://127.0.0.1:N</c> once it accepts
/// requests. Server GC, as the project's runtimeconfig sets it. <c>--share</c> turns on
/// <c>RequestExecutorOptions.ShareSubscriptionEventResults</c> (each tick executed and written once for all subscribers).
/// </summary>
public static class FanoutServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(Option(args, "--port") ?? "5095", CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres");
        var share = args.Contains("--share");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxConcurrentUpgradedConnections = null);
        var graph = builder.Services.AddGraphQLServer()
            .AddQueryType<FanoutQuery>()
            .AddSubscriptionType<FanoutSubscription>()
            .ModifyRequestOptions(o => o.ShareSubscriptionEventResults = share);
        if (postgres is null)
        {
            graph.AddInMemorySubscriptions();
        }
        else
        {
            graph.AddPostgresSubscriptions(o => o.ConnectionString = postgres);
        }
        CountingReceiver.Decorate(builder.Services);
        builder.Services.AddSingleton<TickPublisher>();

        var app = builder.Build();
        app.UseWebSockets();
        app.MapGraphQL();
        app.MapGet("/fanout/stats", (HttpContext context, CountingReceiver receiver, TickPublisher publisher) =>
            Results.Json(ServerStats.Read(receiver.Subscribed, publisher, collect: context.Request.Query["gc"] == "true"), ServerStats.Json));
        app.MapPost("/fanout/publish", (double rate, int count, long? first, TickPublisher publisher) =>
            publisher.TryStart(rate, count, first ?? 0) ? Results.Accepted() : Results.Conflict("A run is going on."));
        app.MapPost("/fanout/stop", (IHostApplicationLifetime lifetime) =>
        {
            lifetime.StopApplication();
            return Results.Accepted();
        });

        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(
            $"listening on http://127.0.0.1:{port} ({(postgres is null ? "in-memory" : "PostgreSQL")} subscriptions{(share ? ", shared event results" : "")})"));
        await app.RunAsync();
        return 0;
    }

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
