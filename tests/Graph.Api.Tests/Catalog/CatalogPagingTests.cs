using System.Text.Json;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Data.Seed;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Catalog;

/// <summary>books and authors as connections over the real schema: SQL statement counts for the nested (N+1) cases.</summary>
public sealed class CatalogPagingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private GraphApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            await DemoSeeder.SeedAsync(db, TimeProvider.System);
            // Enough books for pages of 50: 60 more, spread over the seeded authors (once per class: xunit makes an
            // instance of this class, and runs this, for every test).
            if (db.Books.Any(b => b.Title.StartsWith("Recueil")))
            {
                _factory = new GraphApiFactory(database.ConnectionString);
                return;
            }
            var authors = db.Authors.OrderBy(a => a.Name).ToList();
            for (var i = 0; i < 60; i++)
            {
                db.Books.Add(new Book
                {
                    Title = $"Recueil {i:00}",
                    Language = "fr",
                    Price = new Money(1000 + i, Currency.XOF),
                    AuthorId = authors[i % authors.Count].Id,
                });
            }
            await db.SaveChangesAsync();
        }
        _factory = new GraphApiFactory(database.ConnectionString);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<JsonElement> QueryAsync(string query)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var executor = await _factory.Services.GetRequestExecutorAsync();
        await using var result = await executor.ExecuteAsync(OperationRequestBuilder.New().SetDocument(query).SetServices(scope.ServiceProvider).Build());
        var json = JsonDocument.Parse(result.ExpectOperationResult().ToJson()).RootElement.Clone();
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        return json.GetProperty("data");
    }

    [Fact]
    public async Task A_page_of_books_with_their_author_is_one_statement_joining_the_authors()
    {
        // Book.author is bound to the Author navigation ([BindMember]): the projection joins it, no DataLoader runs.
        await QueryAsync("{ __typename }");
        using var commands = new SqlCommandCounter(database.Name);
        var data = await QueryAsync("{ books(first: 50) { nodes { title author { name } } } }");

        var nodes = data.GetProperty("books").GetProperty("nodes");
        Assert.Equal(50, nodes.GetArrayLength());
        Assert.Contains(nodes.EnumerateArray(), b => b.GetProperty("title").GetString() == "Cabosses" && b.GetProperty("author").GetProperty("name").GetString() == "Kouadio Yao");
        var sql = Assert.Single(commands.Commands);
        Assert.Equal("""
            SELECT b0.id, b0.translations, b0.author_id, b0.publisher_id, b0.title, FALSE, a.id, a.biographies, a.name
            FROM (
                SELECT b.id, b.author_id, b.publisher_id, b.title, b.translations
                FROM books AS b
                WHERE b.status = 'PUBLISHED'
                ORDER BY b.title, b.id
                LIMIT @p
            ) AS b0
            INNER JOIN authors AS a ON b0.author_id = a.id
            ORDER BY b0.title, b0.id
            """, sql);
    }

    [Fact]
    public async Task Counting_the_books_adds_one_statement()
    {
        using var commands = new SqlCommandCounter(database.Name);
        var data = await QueryAsync("{ books(first: 50) { totalCount nodes { title author { name } } } }");
        Assert.Equal(68, data.GetProperty("books").GetProperty("totalCount").GetInt32());
        Assert.Equal(2, commands.Count);
    }

    [Fact]
    public async Task A_book_by_id_loads_its_author_through_the_DataLoader()
    {
        // No projection here: the navigation is not loaded, so the author field falls back to AuthorByIdDataLoader.
        string id;
        await using (var db = database.CreateContext())
        {
            id = GlobalIds.Book(db.Books.Single(b => b.Title == "Cabosses").Id);
        }
        using var commands = new SqlCommandCounter(database.Name);
        var data = await QueryAsync($$"""{ book(id: "{{id}}") { title author { name } } }""");
        Assert.Equal("Kouadio Yao", data.GetProperty("book").GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(2, commands.Count);
        Assert.Contains("FROM authors AS a", commands.Commands[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public async Task Books_with_their_author_and_the_authors_books_take_two_statements_whatever_the_page_size(int pageSize)
    {
        await QueryAsync("{ __typename }");
        using var commands = new SqlCommandCounter(database.Name);
        var data = await QueryAsync($"{{ books(first: {pageSize}) {{ nodes {{ title author {{ name books {{ title }} }} }} }} }}");

        var nodes = data.GetProperty("books").GetProperty("nodes");
        Assert.Equal(pageSize, nodes.GetArrayLength());
        Assert.All(nodes.EnumerateArray(), book =>
        {
            var author = book.GetProperty("author");
            Assert.Contains(author.GetProperty("books").EnumerateArray(), b => b.GetProperty("title").GetString() == book.GetProperty("title").GetString());
        });
        // The page with its authors joined (1), the books of those authors (1).
        Assert.Equal(2, commands.Count);
    }

    [Fact]
    public async Task Authors_page_by_name_and_count_only_when_asked()
    {
        using var commands = new SqlCommandCounter(database.Name);
        var data = await QueryAsync("{ authors(first: 2) { nodes { name } pageInfo { hasNextPage } } }");
        Assert.Equal(1, commands.Count);
        var names = data.GetProperty("authors").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.True(data.GetProperty("authors").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task A_filtered_sorted_paged_projected_query_is_one_SQL_statement()
    {
        // The statement is the contract: a change that evaluated any part in memory would change it.
        using var commands = new SqlCommandCounter(database.Name);
        var data = await QueryAsync("""
            { books(first: 3, where: { title: { contains: "RECUEIL" }, price: { currency: { eq: XOF } } }, order: [{ title: DESC }]) {
                nodes { title } } }
            """);

        Assert.Equal(["Recueil 59", "Recueil 58", "Recueil 57"], data.GetProperty("books").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString()));
        var sql = Assert.Single(commands.Commands);
        // No cursor is selected, so the ordering keys are not read a second time for cursors; EF Core names the columns
        // of a projection to the entity itself. Anonymous callers see published books only; the translations (for the
        // localized title) and the publisher's key (for its DataLoader) are always loaded.
        Assert.Equal("""
            SELECT b.id AS "Id", b.translations AS "Translations", b.author_id AS "AuthorId", b.publisher_id AS "PublisherId", b.title AS "Title"
            FROM books AS b
            WHERE b.status = 'PUBLISHED' AND b.price_currency = @Value AND lower(b.title) LIKE @Value1_contains
            ORDER BY b.title DESC, b.id
            LIMIT @p
            """, sql);
    }
}
