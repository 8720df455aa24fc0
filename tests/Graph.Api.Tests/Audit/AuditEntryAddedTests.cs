using Graph.GraphQL.Authorization;
using System.Text.Json;
using Graph.Api.Audit;
using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Data.Seed;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Graph.Api.Tests.Audit;

/// <summary>auditEntryAdded: each entry once its change is committed, never for a change rolled back.</summary>
public sealed class AuditEntryAddedTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private GraphApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            await DemoSeeder.SeedAsync(db, TimeProvider.System);
        }
        _factory = new GraphApiFactory(database.ConnectionString);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private GraphDbContext ServerContext() => _factory.Services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContext();

    private static Author NewAuthor(string name) => new() { Name = name, CountryCode = "GH", CreatedAt = DateTime.UtcNow };

    private async Task AddAuthorAsync(string name)
    {
        await using var db = ServerContext();
        db.Authors.Add(NewAuthor(name));
        await db.SaveChangesAsync();
    }

    private static async Task<JsonElement> NextAsync(IAsyncEnumerator<OperationResult> events)
    {
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(HangGuard), "The subscription ended without an event.");
        var result = JsonDocument.Parse(events.Current.ToJson()).RootElement;
        Assert.False(result.TryGetProperty("errors", out _), result.GetRawText());
        return result.GetProperty("data").GetProperty("auditEntryAdded").Clone();
    }

    private static string AuthorName(JsonElement entry) => entry.GetProperty("changes").GetProperty("name").GetProperty("after").GetString()!;

    private async Task<(ResponseStream Stream, IAsyncEnumerator<OperationResult> Events)> SubscribeAsync()
    {
        var executor = await _factory.Services.GetRequestExecutorAsync();
        // The subscription is for ADMIN.
        var result = await executor.ExecuteAsync(OperationRequestBuilder.New()
            .SetDocument("subscription { auditEntryAdded { id action entityType entityId actorName changes occurredAt } }")
            .SetGlobalState(AuthorizationContextData.User, TestClients.Principal(Guid.NewGuid(), "Awa Traoré", "ADMIN"))
            .Build());
        var stream = result.ExpectResponseStream();
        return (stream, stream.GetAsyncEnumerator());
    }

    [Fact]
    public async Task An_entry_saved_without_a_transaction_is_announced_as_saved()
    {
        var (stream, events) = await SubscribeAsync();
        await using var _ = stream;
        await using var __ = events;

        await AddAuthorAsync("Adjoa Boateng");

        var entry = await NextAsync(events);
        Assert.Equal("CREATED", entry.GetProperty("action").GetString());
        Assert.Equal("Author", entry.GetProperty("entityType").GetString());
        Assert.Equal("system", entry.GetProperty("actorName").GetString());
        Assert.Equal("Adjoa Boateng", AuthorName(entry));
        await using var db = database.CreateContext();
        var saved = await db.AuditEntries.SingleAsync(e => e.EntityId == entry.GetProperty("entityId").GetString());
        Assert.Equal(GlobalIds.KeyOf(entry.GetProperty("id").GetString()!), saved.Id);
        Assert.Equal(saved.OccurredAt, entry.GetProperty("occurredAt").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task An_entry_saved_in_a_transaction_is_announced_after_the_commit()
    {
        var (stream, events) = await SubscribeAsync();
        await using var _ = stream;
        await using var __ = events;

        await using var db = ServerContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Authors.Add(NewAuthor("Dans la transaction"));
        await db.SaveChangesAsync();
        // Committed at once, after the transaction's save: announced first, because the transaction's entry waits.
        await AddAuthorAsync("Hors de la transaction");

        Assert.Equal("Hors de la transaction", AuthorName(await NextAsync(events)));
        await transaction.CommitAsync();
        Assert.Equal("Dans la transaction", AuthorName(await NextAsync(events)));
    }

    [Fact]
    public async Task An_entry_of_a_transaction_rolled_back_is_never_announced()
    {
        var (stream, events) = await SubscribeAsync();
        await using var _ = stream;
        await using var __ = events;

        await using (var db = ServerContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Authors.Add(NewAuthor("Annulé"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await using (var db = ServerContext())
        {
            await using (await db.Database.BeginTransactionAsync())
            {
                db.Authors.Add(NewAuthor("Abandonné sans commit"));
                await db.SaveChangesAsync();
            }
        }
        await AddAuthorAsync("Après l'annulation");

        Assert.Equal("Après l'annulation", AuthorName(await NextAsync(events)));
    }

    [Fact]
    public async Task A_failure_to_announce_is_logged_and_never_undoes_the_change()
    {
        var logs = new RecordingLoggerProvider();
        await using var factory = new GraphApiFactory(database.ConnectionString, services: services =>
        {
            services.RemoveAll<ITopicEventSender>();
            services.AddSingleton<ITopicEventSender, FailingSender>();
            services.AddSingleton<ILoggerProvider>(logs);
        });
        var name = "Malgré la panne " + Guid.NewGuid().ToString("N")[..6];

        await using (var db = factory.Services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContext())
        {
            db.Authors.Add(NewAuthor(name));
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var author = await check.Authors.SingleAsync(a => a.Name == name);
        Assert.True(await check.AuditEntries.AnyAsync(e => e.EntityId == author.Id.ToString()));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Category == typeof(AuditPublisher).FullName && e.Exception is InvalidOperationException);
    }

    private sealed class FailingSender : ITopicEventSender
    {
        public ValueTask SendAsync<TMessage>(string topic, TMessage message, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new InvalidOperationException("The event bus is down."));

        public ValueTask CompleteAsync(string topic) => ValueTask.CompletedTask;
    }
}
