using System.Collections.Concurrent;
using System.Text.Json;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL.Streaming;
using Graph.Api.Tests.Identity;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Notifications;
using Graph.GraphQL.Subscriptions;
using Graph.GraphQL.Types.Relay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Tests.Reading;

/// <summary>
/// The real server for reading tests on a test class's database, with a clock the test moves, books added directly, and a
/// signal when the server has subscribed to a topic (so a test sends an event only once a subscriber listens, without
/// waiting on time).
/// </summary>
internal sealed class ReadingHost : IAsyncDisposable
{
    public const string ProgressFields = "bookId position percent deviceId clientUpdatedAt serverUpdatedAt";

    public const string UpdateProgress = $$"""
        mutation($input: UpdateReadingProgressInput!) {
          updateReadingProgress(input: $input) {
            progress { {{ProgressFields}} }
            errors { __typename ... on Error { message code } ... on InvalidReadingInputError { field }
                     ... on StaleProgressError { current { {{ProgressFields}} } } }
          }
        }
        """;

    public const string BookmarkFields = "id bookId position label deviceId clientUpdatedAt deletedAt";

    public const string SaveBookmark = $$"""
        mutation($input: SaveBookmarkInput!) {
          saveBookmark(input: $input) {
            bookmark { {{BookmarkFields}} }
            errors { __typename ... on Error { message code } ... on StaleBookmarkError { current { {{BookmarkFields}} } } }
          }
        }
        """;

    public const string DeleteItem = $$"""
        mutation($input: DeleteReadingItemInput!) {
          deleteReadingItem(input: $input) {
            bookmark { {{BookmarkFields}} }
            annotation { id deletedAt }
            errors { __typename ... on Error { message code } }
          }
        }
        """;

    public const string Changes = $$"""
        query($since: String, $first: Int!) {
          readingChanges(since: $since, first: $first) {
            progress { {{ProgressFields}} }
            bookmarks { {{BookmarkFields}} }
            annotations { id bookId excerpt color note deletedAt }
            nextCursor
            hasMore
          }
        }
        """;

    private static readonly DefaultNodeIdSerializer Ids = new();

    private ReadingHost(InboxHost inbox, SubscribeSignals signals)
    {
        Inbox = inbox;
        Signals = signals;
    }

    public InboxHost Inbox { get; }

    public SubscribeSignals Signals { get; }

    public ManualClock Clock => Inbox.Clock;

    public DateTime Now => Inbox.Now;

    public static ReadingHost Start(DatabaseFixture database)
    {
        var signals = new SubscribeSignals();
        var identity = IdentityHost.Start(database, services: services =>
        {
            // Wraps the server's receiver: the test learns when a subscription's topic is listened to.
            var original = services.Last(d => d.ServiceType == typeof(ITopicEventReceiver));
            services.Replace(ServiceDescriptor.Singleton<ITopicEventReceiver>(sp =>
                new SignallingReceiver((ITopicEventReceiver)original.ImplementationFactory!(sp), signals)));
        });
        return new ReadingHost(new InboxHost(database, identity), signals);
    }

    public ValueTask DisposeAsync() => Inbox.DisposeAsync();

    public Task<User> AddUserAsync() => Inbox.AddUserAsync();

    public string TokenOf(Guid userId) => Inbox.TokenOf(userId, PlatformRole.Reader);

    public static string BookId(Guid id) => Ids.Format("Book", id);

    /// <summary>Adds a book (and its author) to the catalog.</summary>
    public async Task<Guid> AddBookAsync(string title = "Une si longue lettre")
    {
        await using var db = Inbox.TestContext();
        var author = new Author { Name = "Mariama Bâ", CountryCode = "SN" };
        var book = new Book { Title = title + " " + Guid.NewGuid().ToString("N")[..6], Language = "fr", Price = new Money(3000m, Currency.XOF), Author = author };
        db.Books.Add(book);
        await db.SaveChangesAsync();
        return book.Id;
    }

    /// <summary>Runs a mutation with <c>input</c> and returns its payload.</summary>
    public Task<JsonElement> MutateAsync(string token, string mutation, string field, object input) => Inbox.MutateAsync(token, mutation, field, input);

    public Task<JsonElement> DataAsync(string token, string query, object? variables = null) => Inbox.DataAsync(token, query, variables);

    /// <summary>Reports progress as <paramref name="token"/>'s user.</summary>
    public Task<JsonElement> ProgressAsync(string token, Guid bookId, string position, decimal percent, string device, DateTime at) =>
        MutateAsync(token, UpdateProgress, "updateReadingProgress", new { bookId = BookId(bookId), position, percent, deviceId = device, clientUpdatedAt = at });

    /// <summary>Saves a bookmark as <paramref name="token"/>'s user.</summary>
    public Task<JsonElement> BookmarkAsync(string token, Guid id, Guid bookId, string position, string device, DateTime at, string? label = null) =>
        MutateAsync(token, SaveBookmark, "saveBookmark", new { id, bookId = BookId(bookId), position, label, deviceId = device, clientUpdatedAt = at });

    /// <summary>readingChanges as <paramref name="token"/>'s user.</summary>
    public async Task<JsonElement> ChangesAsync(string token, string? since, int first = 100) =>
        (await DataAsync(token, Changes, new { since, first })).GetProperty("readingChanges").Clone();

    /// <summary>The error codes of a payload (none when it has no errors).</summary>
    public static IReadOnlyList<string> Codes(JsonElement payload) =>
        payload.GetProperty("errors").ValueKind == JsonValueKind.Null
            ? []
            : payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();

    /// <summary>Completes a task each time the server subscribes to a topic.</summary>
    internal sealed class SubscribeSignals
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _topics = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

        /// <summary>Completes once the server has subscribed <paramref name="count"/> times to <paramref name="topic"/> (bounded).</summary>
        public Task SubscribedAsync(string topic, int count = 1) => Get($"{topic}#{count}").Task.WaitAsync(TimeSpan.FromSeconds(30));

        public void Subscribed(string topic) => Get($"{topic}#{_counts.AddOrUpdate(topic, 1, (_, n) => n + 1)}").TrySetResult();

        private TaskCompletionSource Get(string topic) => _topics.GetOrAdd(topic, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    private sealed class SignallingReceiver(ITopicEventReceiver inner, SubscribeSignals signals) : ITopicEventReceiver
    {
        public async ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(string topic, CancellationToken cancellationToken = default)
        {
            var stream = await inner.SubscribeAsync<TMessage>(topic, cancellationToken);
            signals.Subscribed(topic);
            return stream;
        }

        public async ValueTask<ISourceStream<TMessage>> SubscribeAsync<TMessage>(string topic, int? bufferCapacity, TopicBufferFullMode? bufferFullMode, CancellationToken cancellationToken = default)
        {
            var stream = await inner.SubscribeAsync<TMessage>(topic, bufferCapacity, bufferFullMode, cancellationToken);
            signals.Subscribed(topic);
            return stream;
        }
    }

    /// <summary>A graphql-transport-ws socket to the server, signed in with <paramref name="token"/>.</summary>
    public async Task<TestSocket> ConnectAsync(string token)
    {
        var client = Inbox.Host.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = TestSocket.Wrap(await client.ConnectAsync(new Uri(Inbox.Host.Factory.Server.BaseAddress, "graphql"), CancellationToken.None));
        await socket.InitializeAsync(new { Authorization = "Bearer " + token });
        return socket;
    }
}
