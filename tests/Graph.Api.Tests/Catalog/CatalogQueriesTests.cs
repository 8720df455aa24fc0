using System.Text.Json;
using Graph.Api.Data.Seed;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Catalog;

public sealed class CatalogQueriesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
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

    private async Task<JsonElement> QueryAsync(string query, Dictionary<string, object?>? variables = null) =>
        JsonDocument.Parse(await QueryTextAsync(query, variables)).RootElement.Clone();

    /// <summary>The response exactly as the server writes it.</summary>
    private async Task<string> QueryTextAsync(string query, Dictionary<string, object?>? variables = null)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var executor = await _factory.Services.GetRequestExecutorAsync();
        var request = OperationRequestBuilder.New().SetDocument(query).SetServices(scope.ServiceProvider);
        if (variables is not null)
        {
            request.SetVariableValues(variables);
        }
        await using var result = await executor.ExecuteAsync(request.Build());
        return result.ExpectOperationResult().ToJson();
    }

    [Fact]
    public async Task A_book_comes_with_its_author_and_money()
    {
        await using var db = database.CreateContext();
        var book = await db.Books.Include(b => b.Author).FirstAsync(b => b.Isbn == "9782000000035");

        var json = await QueryAsync(
            "query($id: ID!) { book(id: $id) { title price { amount currency } author { name countryCode } } }",
            new() { ["id"] = GlobalIds.Book(book.Id) });

        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        var data = json.GetProperty("data").GetProperty("book");
        Assert.Equal("Cabosses", data.GetProperty("title").GetString());
        Assert.Equal(4000m, data.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal("XOF", data.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal(book.Author!.Name, data.GetProperty("author").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("9782000000035", "\"amount\":4000,\"currency\":\"XOF\"")]
    [InlineData("9782000000042", "\"amount\":7.99,\"currency\":\"EUR\"")]
    [InlineData("9782000000066", "\"amount\":4.50,\"currency\":\"USD\"")]
    public async Task Amounts_are_written_without_the_columns_extra_decimals(string isbn, string expected)
    {
        // numeric(19,4) reads back as 4000.0000; clients must see the amount, not the column's scale.
        await using var db = database.CreateContext();
        var id = await db.Books.Where(b => b.Isbn == isbn).Select(b => b.Id).SingleAsync();

        var text = await QueryTextAsync(
            "query($id: ID!) { book(id: $id) { price { amount currency } } }",
            new() { ["id"] = GlobalIds.Book(id) });

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_is_null_not_an_error()
    {
        var json = await QueryAsync($$"""{ book(id: "{{GlobalIds.Book(Guid.Parse("0190d6c4-0000-7000-8000-000000000000"))}}") { title } }""");

        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").GetProperty("book").ValueKind);
        Assert.False(json.TryGetProperty("errors", out _));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0190d6c4-0000-7000-8000-000000000000")]
    public async Task A_malformed_id_or_the_id_of_another_type_is_a_clear_error_with_a_code(string id)
    {
        // A raw UUID is not an ID of the graph; neither is the ID of an author given for a book.
        foreach (var given in new[] { id, GlobalIds.Author(Guid.Parse("0190d6c4-0000-7000-8000-000000000000")) })
        {
            var json = await QueryAsync($$"""{ book(id: "{{given}}") { title } }""");

            var error = json.GetProperty("errors")[0];
            Assert.Equal("INVALID_NODE_ID", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal("book", error.GetProperty("path")[0].GetString());
            Assert.Equal(JsonValueKind.Null, json.GetProperty("data").GetProperty("book").ValueKind);
        }
    }

    [Fact]
    public async Task Authors_and_their_books_load_in_one_query_per_level()
    {
        await using var db = database.CreateContext();
        var ids = await db.Authors.OrderBy(a => a.Name).Select(a => a.Id).Take(3).ToListAsync();
        var fields = string.Join(" ", ids.Select((id, i) => $"a{i}: author(id: \"{GlobalIds.Author(id)}\") {{ name books {{ title author {{ name }} }} }}"));

        using var commands = new SqlCommandCounter(database.Name);
        var json = await QueryAsync("{ " + fields + " }");

        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        var first = json.GetProperty("data").GetProperty("a0");
        Assert.All(first.GetProperty("books").EnumerateArray(), b => Assert.Equal(first.GetProperty("name").GetString(), b.GetProperty("author").GetProperty("name").GetString()));
        // authors by id (1), books by author (1); the books' authors are already cached by the first loader.
        Assert.Equal(2, commands.Count);
    }
}
