using System.Net;
using System.Text.Json;
using Graph.Api.Audit;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Data.Seed;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Audit;

/// <summary>The audit log written by SaveChanges: one entry per change, in the change's transaction, with the actor of the request.</summary>
public sealed class AuditLogTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string AddBook = """
        mutation($input: AddBookInput!) {
          addBook(input: $input) { book { id } errors { __typename } }
        }
        """;

    private GraphApiFactory _factory = null!;
    private HttpClient _client = null!;
    private Guid _authorId;

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            await DemoSeeder.SeedAsync(db, TimeProvider.System);
            _authorId = await db.Authors.Where(a => a.Name == "Kouadio Yao").Select(a => a.Id).SingleAsync();
        }
        _factory = new GraphApiFactory(database.ConnectionString, services: TestClients.Add);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private static Dictionary<string, object?> Variables(string title, Guid authorId, string? isbn = null, string language = "fr") => new()
    {
        ["input"] = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["authorId"] = GlobalIds.Author(authorId),
            ["language"] = language,
            ["price"] = new Dictionary<string, object?> { ["amount"] = 4500, ["currency"] = "XOF" },
            ["isbn"] = isbn,
            ["publishedOn"] = "2023-11-02",
        },
    };

    private async Task<List<AuditEntry>> EntriesAsync(Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> filter)
    {
        await using var db = database.CreateContext();
        return await filter(db.AuditEntries.AsNoTracking()).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync();
    }

    private GraphDbContext ServerContext() => _factory.Services.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContext();

    private static JsonElement Change(AuditEntry entry, string field) => entry.Changes.RootElement.GetProperty(field);

    [Fact]
    public async Task AddBook_writes_one_created_entry_with_the_values_and_the_actor_of_the_request()
    {
        var userId = Guid.NewGuid();
        var request = GraphQLHttp.PostQuery(AddBook, Variables("Les Palabres de Bouaké", _authorId)).As(userId, "Awa Traoré", "ADMIN").From("203.0.113.7");
        request.Headers.UserAgent.ParseAdd("GraphTests/1.0");

        var response = await _client.SendGraphQLAsync(request);

        response.Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        var bookId = GlobalIds.KeyOf(response.Body.GetProperty("data").GetProperty("addBook").GetProperty("book").GetProperty("id").GetString()!);
        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.EntityId == bookId.ToString())));
        Assert.Equal(AuditActions.Created, entry.Action);
        Assert.Equal("Book", entry.EntityType);
        Assert.Equal(userId, entry.ActorUserId);
        Assert.Equal("Awa Traoré", entry.ActorName);
        Assert.Equal("203.0.113.7", entry.ClientIp);
        Assert.Equal("GraphTests/1.0", entry.UserAgent);
        Assert.Equal("addBook", entry.Operation);
        Assert.False(string.IsNullOrEmpty(entry.RequestId));
        Assert.True(entry.OccurredAt > DateTime.UtcNow.AddMinutes(-5) && entry.OccurredAt.Kind == DateTimeKind.Utc);

        Assert.Equal("Les Palabres de Bouaké", Change(entry, "title").GetProperty("after").GetString());
        Assert.Equal(_authorId.ToString(), Change(entry, "authorId").GetProperty("after").GetString());
        Assert.Equal(4500m, Change(entry, "price.amount").GetProperty("after").GetDecimal());
        Assert.Equal("XOF", Change(entry, "price.currency").GetProperty("after").GetString());
        Assert.Equal("2023-11-02", Change(entry, "publishedOn").GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, Change(entry, "isbn").GetProperty("after").ValueKind);
        Assert.False(Change(entry, "title").TryGetProperty("before", out _));
    }

    [Fact]
    public async Task A_named_operation_is_recorded_by_name_and_field()
    {
        var staff = Guid.NewGuid();
        var response = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery(
            AddBook.Replace("mutation(", "mutation PublishBook(", StringComparison.Ordinal), Variables("Le Griot de Kayes", _authorId)).As(staff, "Awa Traoré", "ADMIN"));

        var bookId = GlobalIds.KeyOf(response.Body.GetProperty("data").GetProperty("addBook").GetProperty("book").GetProperty("id").GetString()!);
        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.EntityId == bookId.ToString())));
        Assert.Equal(staff, entry.ActorUserId);
        Assert.Equal("PublishBook: addBook", entry.Operation);
    }

    [Fact]
    public async Task The_user_in_the_request_state_is_the_actor_without_any_HTTP_request()
    {
        var userId = Guid.NewGuid();
        var executor = await _factory.Services.GetRequestExecutorAsync();
        await using var scope = _factory.Services.CreateAsyncScope();
        var request = OperationRequestBuilder.New()
            .SetDocument(AddBook)
            .SetVariableValues(Variables("Sous l'Arbre à Palabres", _authorId))
            .SetGlobalState(AuditRequestMiddleware.ClaimsPrincipalKey, TestClients.Principal(userId, "Kofi Mensah", "ADMIN"))
            .SetServices(scope.ServiceProvider)
            .Build();

        await using var result = await executor.ExecuteAsync(request);

        Assert.Null(result.ExpectOperationResult().Errors);
        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.ActorUserId == userId)));
        Assert.Equal("Kofi Mensah", entry.ActorName);
        Assert.Null(entry.ClientIp);
        Assert.Null(entry.RequestId);
    }

    [Fact]
    public async Task A_domain_error_writes_no_entry()
    {
        var before = await EntriesAsync(q => q);

        var response = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery(AddBook, Variables("", Guid.NewGuid())).As(Guid.NewGuid(), "Awa Traoré", "ADMIN"));

        var errors = response.Body.GetProperty("data").GetProperty("addBook").GetProperty("errors");
        Assert.Equal(2, errors.GetArrayLength());
        Assert.Equal(before.Count, (await EntriesAsync(q => q)).Count);
    }

    [Fact]
    public async Task A_failing_save_leaves_no_entry_and_none_behind_in_the_context()
    {
        var before = (await EntriesAsync(q => q)).Count;
        await using var db = ServerContext();
        var existingIsbn = await db.Books.Where(b => b.Isbn != null).Select(b => b.Isbn).FirstAsync();
        db.Books.Add(new Book
        {
            Title = "Doublon",
            AuthorId = _authorId,
            Language = "fr",
            Price = new Money(1000m, Currency.XOF),
            Isbn = existingIsbn,
            CreatedAt = DateTime.UtcNow,
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(before, (await EntriesAsync(q => q)).Count);
        // A retry must not save the entries of the failed attempt a second time.
        Assert.DoesNotContain(db.ChangeTracker.Entries<AuditEntry>(), e => e.State == EntityState.Added);
    }

    [Fact]
    public async Task An_update_records_before_and_after_of_the_changed_fields_only()
    {
        Guid bookId;
        await using (var db = ServerContext())
        {
            var book = await db.Books.FirstAsync(b => b.Title == "Le Thé de trois heures");
            bookId = book.Id;
            book.Title = "Le Thé de quatre heures";
            book.Price = new Money(3000m, Currency.XOF);
            book.Language = "fr";
            await db.SaveChangesAsync();
        }

        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.EntityId == bookId.ToString())));
        Assert.Equal(AuditActions.Updated, entry.Action);
        Assert.Equal(AuditEntry.SystemActor, entry.ActorName);
        Assert.Null(entry.Operation);
        Assert.Equal("Le Thé de trois heures", Change(entry, "title").GetProperty("before").GetString());
        Assert.Equal("Le Thé de quatre heures", Change(entry, "title").GetProperty("after").GetString());
        Assert.Equal(2500m, Change(entry, "price.amount").GetProperty("before").GetDecimal());
        Assert.Equal(3000m, Change(entry, "price.amount").GetProperty("after").GetDecimal());
        Assert.Equal(["price.amount", "title"], entry.Changes.RootElement.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_save_that_changes_no_value_writes_no_entry()
    {
        var before = (await EntriesAsync(q => q)).Count;
        await using (var db = ServerContext())
        {
            var author = await db.Authors.FirstAsync();
            db.Entry(author).State = EntityState.Modified;
            await db.SaveChangesAsync();
        }
        Assert.Equal(before, (await EntriesAsync(q => q)).Count);
    }

    [Fact]
    public async Task A_delete_records_the_values_before()
    {
        Guid bookId;
        await using (var db = ServerContext())
        {
            var book = new Book { Title = "À effacer", AuthorId = _authorId, Language = "wo", Price = new Money(500m, Currency.XOF), CreatedAt = DateTime.UtcNow };
            db.Books.Add(book);
            await db.SaveChangesAsync();
            bookId = book.Id;
            db.Books.Remove(book);
            await db.SaveChangesAsync();
        }

        var entries = await EntriesAsync(q => q.Where(e => e.EntityId == bookId.ToString()));
        Assert.Equal([AuditActions.Created, AuditActions.Deleted], entries.Select(e => e.Action));
        var deleted = entries[1];
        Assert.Equal("À effacer", Change(deleted, "title").GetProperty("before").GetString());
        Assert.Equal("wo", Change(deleted, "language").GetProperty("before").GetString());
        Assert.False(Change(deleted, "title").TryGetProperty("after", out _));
    }

    [Fact]
    public async Task Changes_inside_an_explicit_transaction_are_audited_in_it()
    {
        var title = "Rendu à la transaction " + Guid.NewGuid().ToString("N")[..6];
        await using (var db = ServerContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Books.Add(new Book { Title = title, AuthorId = _authorId, Language = "fr", Price = new Money(800m, Currency.XOF), CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var check = database.CreateContext();
        Assert.False(await check.Books.AnyAsync(b => b.Title == title));
        var entries = await check.AuditEntries.Where(e => e.EntityType == "Book").ToListAsync();
        Assert.DoesNotContain(entries, e => e.Changes.RootElement.GetProperty("title").GetProperty("after").GetString() == title);
    }

    [Fact]
    public async Task Seeding_outside_a_request_is_recorded_as_the_system()
    {
        var name = "Semeur " + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GraphDbContext>();
            db.Authors.Add(new Author { Name = name, CountryCode = "BF", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.EntityType == "Author" && e.Action == AuditActions.Created)),
            e => e.Changes.RootElement.GetProperty("name").GetProperty("after").GetString() == name);
        Assert.Null(entry.ActorUserId);
        Assert.Equal(AuditEntry.SystemActor, entry.ActorName);
    }

    [Fact]
    public async Task A_security_event_is_saved_with_the_next_SaveChanges_and_carries_its_details()
    {
        var log = _factory.Services.GetRequiredService<IAuditLog>();
        var userId = Guid.NewGuid();
        await using (var db = ServerContext())
        {
            log.Add(db, AuditActions.LoginFailed, "User", userId.ToString(), new { Reason = "WrongPassword", Attempts = 3 });
            Assert.Empty(await EntriesAsync(q => q.Where(e => e.EntityId == userId.ToString())));
            await db.SaveChangesAsync();
        }

        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.EntityId == userId.ToString())));
        Assert.Equal(AuditActions.LoginFailed, entry.Action);
        Assert.Equal("User", entry.EntityType);
        Assert.Equal("""{"reason":"WrongPassword","attempts":3}""", entry.Changes.RootElement.GetRawText().Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(AuditEntry.SystemActor, entry.ActorName);
    }

    [Theory]
    [InlineData("login failed")]
    [InlineData("loginFailed")]
    [InlineData("")]
    [InlineData("_LEADING")]
    public async Task A_security_event_needs_a_screaming_case_action(string action)
    {
        var log = _factory.Services.GetRequiredService<IAuditLog>();
        await using var db = ServerContext();

        var error = Assert.Throws<ArgumentException>(() => log.Add(db, action, "User", null));

        Assert.Equal("action", error.ParamName);
        Assert.Empty(db.ChangeTracker.Entries<AuditEntry>());
    }

    [Fact]
    public void Every_audited_entity_of_the_model_can_be_audited()
    {
        using var db = database.CreateContext();
        var audited = db.Model.GetEntityTypes().Where(AuditChanges.IsAudited).ToList();

        Assert.Contains(audited, t => t.ClrType == typeof(Book));
        Assert.DoesNotContain(audited, t => t.ClrType == typeof(AuditEntry));
        Assert.All(audited, t => Assert.Null(AuditChanges.Unsupported(t)));
    }
}
