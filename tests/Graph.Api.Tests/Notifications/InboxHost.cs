using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.GraphQL.Streaming;
using Graph.Api.Tests.Identity;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Notifications;

/// <summary>
/// The real server on a test class's database with a clock the test moves (<see cref="IdentityHost"/>), and what the
/// notification tests need around it: accounts made in the database, their access tokens, notifications written as a
/// domain would (<see cref="Notifier"/>) or directly as rows.
/// </summary>
internal sealed class InboxHost : IAsyncDisposable
{
    private static readonly DefaultNodeIdSerializer Ids = new();

    private readonly DatabaseFixture _database;

    public InboxHost(DatabaseFixture database, IdentityHost host)
    {
        _database = database;
        Host = host;
    }

    public IdentityHost Host { get; }

    public ManualClock Clock => Host.Clock;

    public IServiceProvider Services => Host.Services;

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public static InboxHost Start(DatabaseFixture database, ManualClock? clock = null) => new(database, IdentityHost.Start(database, clock: clock));

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>A context of the server, with its interceptors (audit log, notificationReceived).</summary>
    public GraphDbContext ServerContext() => Services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContext();

    /// <summary>A context of the test's own, without the server's interceptors.</summary>
    public GraphDbContext TestContext() => _database.CreateContext();

    public static string NotificationId(Guid id) => Ids.Format("Notification", id);

    /// <summary>A new account, with an email address and, when asked, a unique phone number.</summary>
    public async Task<User> AddUserAsync(PreferredLanguage language = PreferredLanguage.Fr, bool phone = true, string displayName = "Awa Diop")
    {
        await using var db = TestContext();
        var user = new User
        {
            DisplayName = displayName,
            Email = $"{Guid.NewGuid():N}@graph.test",
            Phone = phone ? "+22177" + Random.Shared.Next(0, 10_000_000).ToString("0000000", System.Globalization.CultureInfo.InvariantCulture) : null,
            PreferredLanguage = language,
            CreatedAt = Now,
            PasswordChangedAt = Now,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>An access token of the server for <paramref name="userId"/>.</summary>
    public string TokenOf(Guid userId, params PlatformRole[] roles) => TestTokens.Issue(Services, userId, roles);

    /// <summary>Runs an operation as <paramref name="token"/>'s user; it must succeed without errors; returns its data.</summary>
    public async Task<JsonElement> DataAsync(string token, string query, object? variables = null)
    {
        var response = await Host.SendAsync(query, variables, token);
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data").Clone();
    }

    /// <summary>Runs a mutation with <c>input</c> as <paramref name="token"/>'s user and returns its payload.</summary>
    public async Task<JsonElement> MutateAsync(string token, string mutation, string field, object input) =>
        (await DataAsync(token, mutation, new { input })).GetProperty(field).Clone();

    /// <summary>Writes a tontine notification for <paramref name="userId"/> through the <see cref="Notifier"/> and commits it.</summary>
    public async Task<NotificationWrite> NotifyAsync(Guid userId, string tontine = "Tontine des Almadies", string role = "TREASURER", NotificationPriority? priority = null)
    {
        await using var db = ServerContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var write = await Services.GetRequiredService<Notifier>().NotifyAsync(db, userId, NotificationTemplates.TontineMemberAdded, Parameters(tontine, role), new { tontine }, priority);
        Assert.NotNull(write);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return write;
    }

    public static Dictionary<string, string> Parameters(string tontine, string role) => new(StringComparer.Ordinal) { ["tontine"] = tontine, ["role"] = role };

    /// <summary>Inserts notification rows as they are, bypassing the <see cref="Notifier"/>.</summary>
    public async Task AddNotificationsAsync(IEnumerable<Notification> notifications)
    {
        await using var db = TestContext();
        db.Notifications.AddRange(notifications);
        await db.SaveChangesAsync();
    }

    /// <summary>A notification row for <paramref name="userId"/>.</summary>
    public static Notification Row(Guid userId, DateTime createdAt, DateTime? readAt = null, NotificationCategory category = NotificationCategory.Tontines,
        NotificationPriority priority = NotificationPriority.Normal, string title = "Nouvelle tontine") => new()
    {
        Id = Guid.CreateVersion7(createdAt),
        UserId = userId,
        Category = category,
        Priority = priority,
        Template = NotificationTemplates.TontineMemberAdded,
        Title = title,
        Body = "Vous faites maintenant partie de la tontine.",
        CreatedAt = createdAt,
        ReadAt = readAt,
    };

    /// <summary>Subscribes to notificationReceived over Server-Sent Events as <paramref name="token"/>'s user; subscribed
    /// once this returns (the server sends the headers after subscribing).</summary>
    public async Task<InboxSubscription> SubscribeAsync(string token)
    {
        using var request = GraphQLHttp.PostQuery(
            "subscription { notificationReceived { id title body category priority template isRead readAt createdAt data } }", null, "text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new InboxSubscription(response, new EventStreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The single error of a payload: its __typename, code and field (when it has one).</summary>
    public static (string Type, string Code, string? Field) SingleError(JsonElement payload)
    {
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        return (error.GetProperty("__typename").GetString()!, error.GetProperty("code").GetString()!,
            error.TryGetProperty("field", out var field) ? field.GetString() : null);
    }
}

/// <summary>A notificationReceived subscription over Server-Sent Events.</summary>
internal sealed class InboxSubscription(HttpResponseMessage response, EventStreamReader events) : IDisposable
{
    /// <summary>The next notification received (every wait is bounded).</summary>
    public async Task<JsonElement> NextAsync()
    {
        var next = (await events.ReadEventAsync("next")).Json;
        Assert.False(next.TryGetProperty("errors", out _), next.ToString());
        return next.GetProperty("data").GetProperty("notificationReceived").Clone();
    }

    public void Dispose()
    {
        events.Dispose();
        response.Dispose();
    }
}
