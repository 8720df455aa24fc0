using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Graph.Api.Catalog;
using Graph.Api.Data.Seed;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Catalog;

/// <summary>The catalog's life: languages chosen by argument or Accept-Language, drafts hidden, books changed, published and
/// withdrawn with their events, authors, categories and publishers.</summary>
public sealed class CatalogManagementTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private GraphApiFactory _factory = null!;
    private HttpClient _admin = null!;
    private HttpClient _anonymous = null!;
    private string _authorId = "";

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            await DemoSeeder.SeedAsync(db, TimeProvider.System);
            _authorId = GlobalIds.Author(await db.Authors.Where(a => a.Name == "Afi Mensah").Select(a => a.Id).SingleAsync());
        }
        _factory = new GraphApiFactory(database.ConnectionString);
        _admin = _factory.CreateClient().AsAdmin(_factory.Services);
        _anonymous = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    private static async Task<JsonElement> DataAsync(HttpClient client, string query, object? variables = null, string? acceptLanguage = null)
    {
        var request = GraphQLHttp.PostQuery(query, variables);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        var response = await client.SendGraphQLAsync(request);
        response.Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data");
    }

    private async Task<string> AddBookAsync(HttpClient client, string title, string? status = null, object? translations = null, string[]? categoryIds = null, string[]? formats = null)
    {
        var data = await DataAsync(client, "mutation($input: AddBookInput!) { addBook(input: $input) { book { id status } errors { __typename ... on Error { code message } } } }",
            new { input = new { title, authorId = _authorId, language = "fr", price = new { amount = 3000, currency = "XOF" }, status, translations, categoryIds, formats, description = $"Résumé de {title}." } });
        var payload = data.GetProperty("addBook");
        Assert.True(payload.GetProperty("errors").ValueKind == JsonValueKind.Null, payload.ToString());
        return payload.GetProperty("book").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task The_title_is_in_the_language_asked_by_argument_or_header_with_a_fallback()
    {
        var id = await AddBookAsync(_admin, "Le Vieux Nègre et la Médaille " + Guid.NewGuid().ToString("N")[..4],
            translations: new[] { new { language = "en", title = "The Old Man and the Medal", description = "An old man is given a medal." } });
        const string query = "query($id: ID!, $lang: String) { book(id: $id) { title(language: $lang) description(language: $lang) translations { language title original } } }";

        var english = (await DataAsync(_anonymous, query, new { id, lang = "en" })).GetProperty("book");
        Assert.Equal("The Old Man and the Medal", english.GetProperty("title").GetString());
        Assert.Equal("An old man is given a medal.", english.GetProperty("description").GetString());

        var byHeader = (await DataAsync(_anonymous, query, new { id }, acceptLanguage: "wo, en-GB;q=0.8, fr;q=0.5")).GetProperty("book");
        Assert.Equal("The Old Man and the Medal", byHeader.GetProperty("title").GetString());

        var frenchFirst = (await DataAsync(_anonymous, query, new { id }, acceptLanguage: "fr-SN, en;q=0.9")).GetProperty("book");
        Assert.StartsWith("Le Vieux Nègre", frenchFirst.GetProperty("title").GetString());

        var missing = (await DataAsync(_anonymous, query, new { id, lang = "ar" })).GetProperty("book");
        Assert.StartsWith("Le Vieux Nègre", missing.GetProperty("title").GetString());
        Assert.StartsWith("Résumé de", missing.GetProperty("description").GetString());

        var translations = english.GetProperty("translations").EnumerateArray().Select(t => (t.GetProperty("language").GetString(), t.GetProperty("original").GetBoolean())).ToList();
        Assert.Equal([("fr", true), ("en", false)], translations);
    }

    [Fact]
    public async Task An_authors_book_is_a_draft_hidden_until_an_administrator_publishes_it()
    {
        using var author = _factory.CreateClient();
        author.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(_factory.Services, PlatformRole.Author));
        var title = "Brouillon " + Guid.NewGuid().ToString("N")[..6];
        var id = await AddBookAsync(author, title);
        const string byId = "query($id: ID!) { book(id: $id) { status } node(id: $id) { id } }";
        var where = new { where = new { title = new { eq = title } } };
        const string list = "query($where: BookFilterInput) { books(where: $where) { totalCount } }";

        var hidden = await DataAsync(_anonymous, byId, new { id });
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("book").ValueKind);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("node").ValueKind);
        Assert.Equal(0, (await DataAsync(_anonymous, list, where)).GetProperty("books").GetProperty("totalCount").GetInt32());
        Assert.Equal("DRAFT", (await DataAsync(_admin, byId, new { id })).GetProperty("book").GetProperty("status").GetString());

        // Authors add drafts only.
        var refused = await DataAsync(author, "mutation($input: AddBookInput!) { addBook(input: $input) { book { id } errors { ... on InvalidBookInputError { field } } } }",
            new { input = new { title = "Non", authorId = _authorId, language = "fr", price = new { amount = 3000, currency = "XOF" }, status = "PUBLISHED" } });
        Assert.Equal("status", refused.GetProperty("addBook").GetProperty("errors")[0].GetProperty("field").GetString());

        var published = await DataAsync(_admin, "mutation($id: ID!) { publishBook(input: { id: $id }) { book { status } errors { __typename } } }", new { id });
        Assert.Equal("PUBLISHED", published.GetProperty("publishBook").GetProperty("book").GetProperty("status").GetString());
        Assert.Equal(1, (await DataAsync(_anonymous, list, where)).GetProperty("books").GetProperty("totalCount").GetInt32());

        var again = await DataAsync(_admin, "mutation($id: ID!) { publishBook(input: { id: $id }) { book { status } errors { ... on Error { code } ... on BookStatusConflictError { status } } } }", new { id });
        Assert.Equal("BOOK_STATUS_CONFLICT", again.GetProperty("publishBook").GetProperty("errors")[0].GetProperty("code").GetString());

        var withdrawn = await DataAsync(_admin, "mutation($id: ID!) { withdrawBook(input: { id: $id }) { book { status } } }", new { id });
        Assert.Equal("WITHDRAWN", withdrawn.GetProperty("withdrawBook").GetProperty("book").GetProperty("status").GetString());
        Assert.Equal(0, (await DataAsync(_anonymous, list, where)).GetProperty("books").GetProperty("totalCount").GetInt32());
        // Withdrawn books still open by ID (their owners' libraries refer to them).
        Assert.Equal("WITHDRAWN", (await DataAsync(_anonymous, byId, new { id })).GetProperty("book").GetProperty("status").GetString());
    }

    [Fact]
    public async Task UpdateBook_changes_what_it_is_given_lists_every_broken_rule_and_announces_the_change()
    {
        var id = await AddBookAsync(_admin, "Maïmouna " + Guid.NewGuid().ToString("N")[..6]);
        var executor = await _factory.Services.GetRequestExecutorAsync();
        var subscription = await executor.ExecuteAsync(OperationRequestBuilder.New()
            .SetDocument("subscription($id: ID!) { bookUpdated(bookId: $id) { pageCount coverUrl } }")
            .SetVariableValues(new Dictionary<string, object?> { ["id"] = id })
            .SetGlobalState("ClaimsPrincipal", TestClients.Principal(Guid.NewGuid(), "Lecteur"))
            .Build());
        var events = subscription.ExpectResponseStream().GetAsyncEnumerator();

        const string update = """
            mutation($input: UpdateBookInput!) {
              updateBook(input: $input) {
                book { title pageCount coverUrl description formats }
                errors { __typename ... on InvalidBookInputError { field } }
              }
            }
            """;
        var bad = (await DataAsync(_admin, update, new { input = new { id, pageCount = 0, coverUrl = "http://insecure.example/c.png", title = " " } })).GetProperty("updateBook");
        Assert.Equal(JsonValueKind.Null, bad.GetProperty("book").ValueKind);
        Assert.Equal(["coverUrl", "pageCount", "title"], bad.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).Order().ToArray());
        await using (var db = database.CreateContext())
        {
            var unchanged = await db.Books.AsNoTracking().SingleAsync(b => b.Id == GlobalIds.KeyOf(id));
            Assert.Null(unchanged.PageCount);
        }

        var good = (await DataAsync(_admin, update, new { input = new { id, pageCount = 212, coverUrl = "https://covers.example/maimouna.png", clear = new[] { "DESCRIPTION" }, formats = new[] { "EPUB", "AUDIO" } } })).GetProperty("updateBook");
        Assert.Equal(JsonValueKind.Null, good.GetProperty("errors").ValueKind);
        var book = good.GetProperty("book");
        Assert.Equal(212, book.GetProperty("pageCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, book.GetProperty("description").ValueKind);
        Assert.Equal(["EPUB", "AUDIO"], book.GetProperty("formats").EnumerateArray().Select(f => f.GetString()!).ToArray());

        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(HangGuard), "The subscription ended without an event.");
        Assert.Equal("""{"data":{"bookUpdated":{"pageCount":212,"coverUrl":"https://covers.example/maimouna.png"}}}""", events.Current.ToJson());
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Categories_form_a_tree_and_list_the_books_below_them()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        const string add = "mutation($input: AddCategoryInput!) { addCategory(input: $input) { category { id name } errors { __typename ... on InvalidBookInputError { field } ... on DuplicateNameError { value } } } }";
        var root = (await DataAsync(_admin, add, new { input = new { slug = $"savoirs-{suffix}", name = "Savoirs", names = new[] { new { language = "en", text = "Knowledge" } } } }))
            .GetProperty("addCategory").GetProperty("category").GetProperty("id").GetString()!;
        var parent = root;
        string? deepest = null;
        for (var level = 2; level <= 5; level++)
        {
            deepest = (await DataAsync(_admin, add, new { input = new { slug = $"niveau-{level}-{suffix}", name = $"Niveau {level}", parentId = parent } }))
                .GetProperty("addCategory").GetProperty("category").GetProperty("id").GetString()!;
            parent = deepest;
        }
        var tooDeep = (await DataAsync(_admin, add, new { input = new { slug = $"niveau-6-{suffix}", name = "Niveau 6", parentId = deepest } })).GetProperty("addCategory");
        Assert.Equal("parentId", tooDeep.GetProperty("errors")[0].GetProperty("field").GetString());
        var duplicate = (await DataAsync(_admin, add, new { input = new { slug = $"savoirs-{suffix}", name = "Encore" } })).GetProperty("addCategory");
        Assert.Equal($"savoirs-{suffix}", duplicate.GetProperty("errors")[0].GetProperty("value").GetString());
        var badSlug = (await DataAsync(_admin, add, new { input = new { slug = "Pas Un Slug", name = "X" } })).GetProperty("addCategory");
        Assert.Equal("slug", badSlug.GetProperty("errors")[0].GetProperty("field").GetString());

        var title = "Traité du niveau 5 " + suffix;
        await AddBookAsync(_admin, title, categoryIds: [deepest!]);

        var tree = await DataAsync(_anonymous, """
            query($slug: String!, $deepest: ID!) {
              categoryBySlug(slug: $slug) {
                name(language: "en")
                children { name children { name } }
                books(first: 5) { totalCount nodes { title } }
              }
              node(id: $deepest) { ... on Category { name parent { name } books(first: 5) { nodes { title categories { name } } } } }
            }
            """, new { slug = $"savoirs-{suffix}", deepest });
        var category = tree.GetProperty("categoryBySlug");
        Assert.Equal("Knowledge", category.GetProperty("name").GetString());
        Assert.Equal("Niveau 2", category.GetProperty("children")[0].GetProperty("name").GetString());
        Assert.Equal("Niveau 3", category.GetProperty("children")[0].GetProperty("children")[0].GetProperty("name").GetString());
        // The root lists the books of the whole subtree.
        Assert.Equal(1, category.GetProperty("books").GetProperty("totalCount").GetInt32());
        Assert.Equal(title, category.GetProperty("books").GetProperty("nodes")[0].GetProperty("title").GetString());
        var level5 = tree.GetProperty("node");
        Assert.Equal("Niveau 5", level5.GetProperty("name").GetString());
        Assert.Equal("Niveau 4", level5.GetProperty("parent").GetProperty("name").GetString());
        Assert.Equal("Niveau 5", level5.GetProperty("books").GetProperty("nodes")[0].GetProperty("categories")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Authors_and_publishers_are_added_and_changed_with_typed_errors()
    {
        var added = (await DataAsync(_admin, "mutation($input: AddAuthorInput!) { addAuthor(input: $input) { author { id biography(language: \"wo\") } errors { __typename } } }",
            new { input = new { name = "Aminata Sow Fall", countryCode = "sn", biography = "Romancière de Saint-Louis.", biographies = new[] { new { language = "wo", text = "Bindkat bu Ndar." } } } })).GetProperty("addAuthor");
        Assert.Equal("Bindkat bu Ndar.", added.GetProperty("author").GetProperty("biography").GetString());
        var id = added.GetProperty("author").GetProperty("id").GetString();

        var bad = (await DataAsync(_admin, "mutation($input: UpdateAuthorInput!) { updateAuthor(input: $input) { author { id } errors { ... on InvalidBookInputError { field } } } }",
            new { input = new { id, countryCode = "Sénégal", name = "" } })).GetProperty("updateAuthor");
        Assert.Equal(["countryCode", "name"], bad.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).Order().ToArray());

        var publisher = "Éditions " + Guid.NewGuid().ToString("N")[..6];
        const string addPublisher = "mutation($input: AddPublisherInput!) { addPublisher(input: $input) { publisher { name } errors { __typename ... on Error { code } } } }";
        Assert.Equal(publisher, (await DataAsync(_admin, addPublisher, new { input = new { name = publisher, countryCode = "CI" } })).GetProperty("addPublisher").GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("DUPLICATE_NAME", (await DataAsync(_admin, addPublisher, new { input = new { name = publisher, countryCode = "CI" } })).GetProperty("addPublisher").GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
