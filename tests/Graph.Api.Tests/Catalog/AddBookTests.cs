using System.Net;
using System.Text.Json;
using Graph.Api.Catalog;
using Graph.Api.Data.Seed;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Catalog;

/// <summary>addBook over HTTP: the book saved and announced, or typed domain errors and nothing changed.</summary>
public sealed class AddBookTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string AddBook = """
        mutation($input: AddBookInput!) {
          addBook(input: $input) {
            book { id title language isbn publishedOn price { amount currency } author { name } }
            errors {
              __typename
              ... on Error { message code }
              ... on InvalidBookInputError { field }
              ... on AuthorNotFoundError { authorId }
              ... on DuplicateIsbnError { isbn }
            }
          }
        }
        """;

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private static int _isbnSeed;

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
        _factory = new GraphApiFactory(database.ConnectionString);
        _client = _factory.CreateClient().AsAdmin(_factory.Services);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>A valid ISBN-13 no other test uses.</summary>
    private static string NewIsbn()
    {
        var prefix = "979" + (100_000_000 + Interlocked.Increment(ref _isbnSeed) + Random.Shared.Next(0, 800_000_000)).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return prefix + Isbn.CheckDigit(prefix);
    }

    private Dictionary<string, object?> Input(
        string title = "Le Marché de Sandaga",
        Guid? authorId = null,
        string language = "fr",
        decimal amount = 2500m,
        string currency = "XOF",
        string? isbn = null,
        string? publishedOn = "2024-03-08") => new()
        {
            ["title"] = title,
            ["authorId"] = GlobalIds.Author(authorId ?? _authorId),
            ["language"] = language,
            ["price"] = new Dictionary<string, object?> { ["amount"] = amount, ["currency"] = currency },
            ["isbn"] = isbn,
            ["publishedOn"] = publishedOn,
        };

    private async Task<JsonElement> AddAsync(Dictionary<string, object?> input)
    {
        var response = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery(AddBook, new Dictionary<string, object?> { ["input"] = input }));
        response.Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data").GetProperty("addBook");
    }

    private async Task<int> CountBooksAsync()
    {
        await using var db = database.CreateContext();
        return await db.Books.CountAsync();
    }

    [Fact]
    public async Task A_valid_book_is_saved_and_returned_with_its_author()
    {
        var isbn = NewIsbn();
        var hyphenated = $"{isbn[..3]}-{isbn[3]}-{isbn[4..8]}-{isbn[8..12]}-{isbn[12]}";

        var payload = await AddAsync(Input(title: "  Le Marché de Sandaga  ", language: " FR ", amount: 7.5m, currency: "EUR", isbn: hyphenated));

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var book = payload.GetProperty("book");
        Assert.Equal("Le Marché de Sandaga", book.GetProperty("title").GetString());
        Assert.Equal("fr", book.GetProperty("language").GetString());
        Assert.Equal(isbn, book.GetProperty("isbn").GetString());
        Assert.Equal("2024-03-08", book.GetProperty("publishedOn").GetString());
        Assert.Equal("7.50", book.GetProperty("price").GetProperty("amount").GetRawText());
        Assert.Equal("EUR", book.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal("Kouadio Yao", book.GetProperty("author").GetProperty("name").GetString());

        await using var db = database.CreateContext();
        var saved = await db.Books.SingleAsync(b => b.Id == GlobalIds.KeyOf(book.GetProperty("id").GetString()!));
        Assert.Equal("Le Marché de Sandaga", saved.Title);
        Assert.Equal(_authorId, saved.AuthorId);
        Assert.Equal(isbn, saved.Isbn);
        Assert.Equal(7.50m, saved.Price.Amount);
        Assert.Equal(new DateOnly(2024, 3, 8), saved.PublishedOn);
        Assert.True(saved.CreatedAt > DateTime.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task A_book_without_isbn_nor_date_is_saved()
    {
        var payload = await AddAsync(Input(title: "Contes du Sahel", language: "wo", isbn: null, publishedOn: null));

        var book = payload.GetProperty("book");
        Assert.Equal(JsonValueKind.Null, book.GetProperty("isbn").ValueKind);
        Assert.Equal(JsonValueKind.Null, book.GetProperty("publishedOn").ValueKind);
        Assert.Equal("2500", book.GetProperty("price").GetProperty("amount").GetRawText());
    }

    public static TheoryData<string, string, string> InvalidInputs => new()
    {
        { "empty title", "title", "The title must not be empty." },
        { "blank title", "title", "The title must not be empty." },
        { "long title", "title", "The title has 301 characters; at most 300 are allowed." },
        { "title with a line break", "title", "The title must not contain control characters (line breaks, tabs, NUL)." },
        { "title with NUL", "title", "The title must not contain control characters (line breaks, tabs, NUL)." },
        { "unknown language", "language", "The language must be an ISO 639-1 code of two letters, e.g. fr, en or wo." },
        { "language name", "language", "The language must be an ISO 639-1 code of two letters, e.g. fr, en or wo." },
        { "ISBN with a wrong check digit", "isbn", "The ISBN must be an ISBN-13: 13 digits starting with 978 or 979, the last one the check digit." },
        { "ISBN-10", "isbn", "The ISBN must be an ISBN-13: 13 digits starting with 978 or 979, the last one the check digit." },
        { "ISBN with letters", "isbn", "The ISBN must be an ISBN-13: 13 digits starting with 978 or 979, the last one the check digit." },
        { "empty ISBN", "isbn", "The ISBN must be an ISBN-13: 13 digits starting with 978 or 979, the last one the check digit." },
        { "zero price", "price.amount", "The price must be more than zero." },
        { "negative price", "price.amount", "The price must be more than zero." },
        { "XOF with decimals", "price.amount", "XOF amounts have no decimals." },
        { "EUR with three decimals", "price.amount", "EUR amounts have at most 2 decimals." },
        { "huge price", "price.amount", "The price is too large." },
    };

    private Dictionary<string, object?> InvalidInput(string name) => name switch
    {
        "empty title" => Input(title: ""),
        "blank title" => Input(title: "   "),
        "long title" => Input(title: new string('é', 301)),
        "title with a line break" => Input(title: "Deux\nlignes"),
        "title with NUL" => Input(title: "Nul\0part"),
        "unknown language" => Input(language: "xx"),
        "language name" => Input(language: "french"),
        "ISBN with a wrong check digit" => Input(isbn: "9782070368229"),
        "ISBN-10" => Input(isbn: "2070368226"),
        "ISBN with letters" => Input(isbn: "978207036822X"),
        "empty ISBN" => Input(isbn: ""),
        "zero price" => Input(amount: 0m),
        "negative price" => Input(amount: -100m),
        "XOF with decimals" => Input(amount: 2500.5m, currency: "XOF"),
        "EUR with three decimals" => Input(amount: 7.995m, currency: "EUR"),
        "huge price" => Input(amount: 1_000_000_000_000_000m),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_input_is_a_typed_error_and_changes_nothing(string name, string field, string message)
    {
        var before = await CountBooksAsync();

        var payload = await AddAsync(InvalidInput(name));

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("book").ValueKind);
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("InvalidBookInputError", error.GetProperty("__typename").GetString());
        Assert.Equal("INVALID_BOOK_INPUT", error.GetProperty("code").GetString());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(before, await CountBooksAsync());
    }

    [Fact]
    public async Task A_title_of_300_characters_is_allowed()
    {
        var payload = await AddAsync(Input(title: new string('ß', 300)));

        Assert.Equal(300, payload.GetProperty("book").GetProperty("title").GetString()!.Length);
    }

    [Fact]
    public async Task An_unknown_author_is_an_author_not_found_error()
    {
        var before = await CountBooksAsync();
        var unknown = Guid.CreateVersion7();

        var payload = await AddAsync(Input(authorId: unknown));

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("book").ValueKind);
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("AuthorNotFoundError", error.GetProperty("__typename").GetString());
        Assert.Equal("AUTHOR_NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Equal(GlobalIds.Author(unknown), error.GetProperty("authorId").GetString());
        Assert.Equal("There is no author with this ID.", error.GetProperty("message").GetString());
        Assert.Equal(before, await CountBooksAsync());
    }

    [Fact]
    public async Task An_isbn_already_in_the_catalog_is_a_duplicate_isbn_error()
    {
        var isbn = NewIsbn();
        await AddAsync(Input(title: "Premier", isbn: isbn));
        var before = await CountBooksAsync();

        var payload = await AddAsync(Input(title: "Second", isbn: isbn));

        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("DuplicateIsbnError", error.GetProperty("__typename").GetString());
        Assert.Equal("DUPLICATE_ISBN", error.GetProperty("code").GetString());
        Assert.Equal(isbn, error.GetProperty("isbn").GetString());
        Assert.Equal(before, await CountBooksAsync());
    }

    [Fact]
    public async Task Every_broken_rule_is_reported_at_once()
    {
        var before = await CountBooksAsync();

        var payload = await AddAsync(Input(title: "", authorId: Guid.CreateVersion7(), language: "zz", amount: 0m, isbn: "123"));

        Assert.Equal(
            ["InvalidBookInputError:title", "InvalidBookInputError:language", "InvalidBookInputError:isbn", "InvalidBookInputError:price.amount", "AuthorNotFoundError:"],
            payload.GetProperty("errors").EnumerateArray().Select(e =>
                e.GetProperty("__typename").GetString() + ":" + (e.TryGetProperty("field", out var f) ? f.GetString() : "")));
        Assert.Equal(before, await CountBooksAsync());
    }

    [Fact]
    public async Task A_request_missing_a_required_field_is_a_graphql_error_not_a_500()
    {
        var input = Input();
        input.Remove("title");
        var before = await CountBooksAsync();

        var response = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery(AddBook, new Dictionary<string, object?> { ["input"] = input }));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_USER_INPUT", response.ErrorCode);
        Assert.Equal(before, await CountBooksAsync());
    }

    [Fact]
    public async Task Only_added_books_are_announced()
    {
        // A subscriber on this instance: the invalid attempt sends nothing, so its first event is the valid book.
        var executor = await _factory.Services.GetRequestExecutorAsync();
        await using var result = await executor.ExecuteAsync("subscription { bookAdded { title } }");
        await using var events = result.ExpectResponseStream().GetAsyncEnumerator();

        await AddAsync(Input(title: "Refusé", amount: 0m));
        await AddAsync(Input(title: "Annoncé"));

        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(HangGuard));
        Assert.Equal("""{"data":{"bookAdded":{"title":"Annoncé"}}}""", events.Current.ToJson());
    }
}
