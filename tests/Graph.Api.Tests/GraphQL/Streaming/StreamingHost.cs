using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Graph.GraphQL;
using Graph.GraphQL.AspNetCore;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Api.Tests.GraphQL.Streaming;

/// <summary>
/// A small GraphQL server on Kestrel (a real socket on a free loopback port) for the streaming transports: a schema
/// whose subscription reads feeds the test writes to (<see cref="MessageBus"/>), and options, services and middleware
/// each test may change. No database: these tests are about the transports.
/// </summary>
internal sealed class StreamingHost : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const string Sdl = """
        type Query { hello: String! whoami: String }
        type Mutation { bump: Int! }
        type Subscription { messageAdded(room: String!): Message! failing: String }
        type Message { text: String! room: String! upper: String! }
        """;

    private readonly WebApplication _app;

    private StreamingHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri GraphQLUri => new(BaseAddress, "/graphql");

    public Uri WebSocketUri => new UriBuilder(GraphQLUri) { Scheme = "ws" }.Uri;

    public IServiceProvider Services => _app.Services;

    public MessageBus Bus => _app.Services.GetRequiredService<MessageBus>();

    public BumpCounter Counter => _app.Services.GetRequiredService<BumpCounter>();

    public static async Task<StreamingHost> StartAsync(
        Action<GraphQLServerOptions>? options = null,
        Action<IServiceCollection, IRequestExecutorBuilder>? services = null,
        Action<WebApplication>? middleware = null,
        bool useWebSockets = true,
        bool http2Only = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (http2Only)
        {
            // Cleartext HTTP/2 (prior knowledge): WebSockets then open with an extended CONNECT (RFC 8441).
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
        }
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<MessageBus>();
        builder.Services.AddSingleton<BumpCounter>();
        var graphql = builder.Services.AddGraphQLServer()
            .AddDocumentFromString(Sdl)
            .AddResolver("Query", "hello", _ => "world")
            .AddResolver("Query", "whoami", ctx => ctx.ContextData.TryGetValue("user", out var user) ? user : null)
            .AddResolver("Mutation", "bump", ctx => Interlocked.Increment(ref ctx.Services.GetRequiredService<BumpCounter>().Value))
            .AddSubscribeResolver("Subscription", "messageAdded", ctx =>
                ValueTask.FromResult(ctx.Services.GetRequiredService<MessageBus>().Subscribe(ctx.ArgumentValue<string>("room"))))
            .AddSubscribeResolver("Subscription", "failing", _ => throw new GraphQLException("Not subscribed.", "DENIED"))
            .AddResolver("Message", "upper", ctx => ctx.Parent<IReadOnlyDictionary<string, object?>>()["text"] is "boom"
                ? throw new InvalidOperationException("a secret detail")
                : ((string)ctx.Parent<IReadOnlyDictionary<string, object?>>()["text"]!).ToUpperInvariant());
        services?.Invoke(builder.Services, graphql);

        var app = builder.Build();
        middleware?.Invoke(app);
        if (useWebSockets)
        {
            app.UseWebSockets();
        }
        app.MapGraphQL().WithOptions(o => options?.Invoke(o));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new StreamingHost(app, new Uri(address));
    }

    public HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler()) { BaseAddress = BaseAddress, Timeout = Patience };

    /// <summary>Stops the server the way a host shuts down (application stopping, then requests drain).</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class BumpCounter
    {
        public int Value;
    }
}

/// <summary>The source streams of <c>messageAdded</c>: each subscription gets its own <see cref="Feed"/>, which the test writes to.</summary>
internal sealed class MessageBus
{
    private readonly Channel<Feed> _subscribed = Channel.CreateUnbounded<Feed>();

    /// <summary>The next feed a subscription opened (waits for it).</summary>
    public async Task<Feed> NextFeedAsync() => await _subscribed.Reader.ReadAsync().AsTask().WaitAsync(StreamingHost.Patience);

    public IAsyncEnumerable<object?> Subscribe(string room)
    {
        var feed = new Feed(room);
        _subscribed.Writer.TryWrite(feed);
        return feed.ReadAsync();
    }
}

/// <summary>One subscription's source stream: events the test publishes, and whether the server disposed it.</summary>
internal sealed class Feed(string room)
{
    private readonly Channel<object?> _events = Channel.CreateUnbounded<object?>();

    public string Room { get; } = room;

    public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Publish(string text) => _events.Writer.TryWrite(new Dictionary<string, object?> { ["text"] = text, ["room"] = Room });

    /// <summary>Ends the source stream normally.</summary>
    public void Complete() => _events.Writer.TryComplete();

    /// <summary>Ends the source stream with a failure.</summary>
    public void Fail(Exception exception) => _events.Writer.TryComplete(exception);

    public Task WaitDisposedAsync() => Disposed.Task.WaitAsync(StreamingHost.Patience);

    public async IAsyncEnumerable<object?> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var item in _events.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            Disposed.TrySetResult();
        }
    }
}
