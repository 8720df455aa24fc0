using System.Net;
using System.Text.Json;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Catalog;

/// <summary>searchBooks against PostgreSQL's full-text search: ranking, accents, stems, prefixes, other languages, paging,
/// visibility, and the index kept by triggers when books, authors and categories change.</summary>
public sealed class BookSearchTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Search = """
        query($q: String!, $first: Int, $after: String, $category: ID) {
          searchBooks(query: $q, first: $first, after: $after, categoryId: $category) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage endCursor }
            edges { cursor rank node { id title } }
          }
        }
        """;

    private GraphApiFactory _factory = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _admin = null!;
    private readonly string _tag = "q" + Guid.NewGuid().ToString("N")[..6];
    private Guid _authorId;
    private Guid _shelfId;

    public async Task InitializeAsync()
    {
        _factory = new GraphApiFactory(database.ConnectionString);
        _anonymous = _factory.CreateClient();
        _admin = _factory.CreateClient().AsAdmin(_factory.Services);
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        var author = new Author { Id = Guid.CreateVersion7(), Name = $"Ousmane Sembène {_tag}", CountryCode = "SN", CreatedAt = now };
        var shelf = new Category { Id = Guid.CreateVersion7(), Slug = $"shelf-{_tag}", Name = "Théâtre", Names = new() { ["en"] = "Drama" }, CreatedAt = now };
        db.Authors.Add(author);
        db.Categories.Add(shelf);
        _authorId = author.Id;
        _shelfId = shelf.Id;
        Book Add(string title, string? description, string language = "fr", BookStatus status = BookStatus.Published, Dictionary<string, BookText>? translations = null)
        {
            var book = new Book
            {
                Id = Guid.CreateVersion7(),
                Title = $"{title} {_tag}",
                Description = description,
                Language = language,
                Price = new Money(2000m, Currency.XOF),
                AuthorId = author.Id,
                Status = status,
                Translations = translations ?? [],
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Books.Add(book);
            return book;
        }
        Add("Les Bouts de bois de Dieu", "Une grève des cheminots sur la ligne Dakar-Niger.");
        Add("Le Mandat", "Un homme, un mandat postal et la ville qui le convoite; on y parle aussi de soleil.");
        Add("Xala", null, "wo");
        Add("Soleil des indépendances", "Roman de la désillusion.");
        Add("Contes et légendes", "Recueil de contes du Sénégal oriental.", translations: new() { ["en"] = new BookText("Tales and legends", "Folk tales from eastern Senegal.") });
        Add("Brouillon secret", "Soleil caché.", status: BookStatus.Draft);
        db.BookCategories.Add(new BookCategory { BookId = db.Books.Local.Single(b => b.Title.StartsWith("Xala", StringComparison.Ordinal)).Id, CategoryId = shelf.Id });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        _admin.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<JsonElement> SearchAsync(HttpClient client, string query, int? first = null, string? after = null, string? category = null)
    {
        var response = await client.SendGraphQLAsync(GraphQLHttp.PostQuery(Search, new { q = query, first, after, category }));
        response.Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data").GetProperty("searchBooks");
    }

    private static List<string> Titles(JsonElement results) =>
        [.. results.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("title").GetString()!)];

    [Fact]
    public async Task A_title_match_ranks_above_a_description_match()
    {
        var results = await SearchAsync(_anonymous, $"soleil {_tag}");

        Assert.Equal([$"Soleil des indépendances {_tag}", $"Le Mandat {_tag}"], Titles(results));
        var ranks = results.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("rank").GetSingle()).ToList();
        Assert.True(ranks[0] > ranks[1], string.Join(", ", ranks));
    }

    [Theory]
    [InlineData("independance", "Soleil des indépendances")]
    [InlineData("INDÉPENDANCES", "Soleil des indépendances")]
    [InlineData("greve cheminot", "Les Bouts de bois de Dieu")]
    [InlineData("conte", "Contes et légendes")]
    [InlineData("tales", "Contes et légendes")]
    [InlineData("sembene", "Les Bouts de bois de Dieu")]
    public async Task Accents_case_stems_translations_and_authors_match(string words, string expected)
    {
        var results = await SearchAsync(_anonymous, $"{words} {_tag}");

        Assert.Contains($"{expected} {_tag}", Titles(results));
    }

    [Fact]
    public async Task The_last_word_matches_as_a_prefix_while_typing()
    {
        Assert.Equal([$"Les Bouts de bois de Dieu {_tag}"], Titles(await SearchAsync(_anonymous, $"{_tag} cheminots dak")));
        // A finished word (a space after it) is not a prefix.
        Assert.Empty(Titles(await SearchAsync(_anonymous, $"{_tag} cheminots dak ")));
    }

    [Fact]
    public async Task Drafts_are_found_by_catalog_managers_only()
    {
        Assert.DoesNotContain($"Brouillon secret {_tag}", Titles(await SearchAsync(_anonymous, $"secret {_tag}")));
        Assert.Contains($"Brouillon secret {_tag}", Titles(await SearchAsync(_admin, $"secret {_tag}")));
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats()
    {
        var all = Titles(await SearchAsync(_admin, _tag, first: 50));
        Assert.Equal(6, all.Count);

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await SearchAsync(_admin, _tag, first: 4, after: after);
            Assert.Equal(6, page.GetProperty("totalCount").GetInt32());
            Assert.Equal(after is not null, page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            seen.AddRange(Titles(page));
            pages++;
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        Assert.Equal(2, pages);
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task A_category_narrows_the_search_to_its_subtree()
    {
        var results = await SearchAsync(_anonymous, _tag, category: new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer().Format("Category", _shelfId));

        Assert.Equal([$"Xala {_tag}"], Titles(results));
    }

    [Fact]
    public async Task Renaming_an_author_or_a_category_refreshes_the_index()
    {
        Assert.Empty(Titles(await SearchAsync(_anonymous, $"mambety {_tag}")));
        Assert.Empty(Titles(await SearchAsync(_anonymous, $"dramaturgie {_tag}")));

        await TestPostgres.ExecuteAsync($"UPDATE authors SET name = 'Djibril Diop Mambéty {_tag}' WHERE id = '{_authorId}'", database.ConnectionString);
        await TestPostgres.ExecuteAsync($"UPDATE categories SET name = 'Dramaturgie' WHERE id = '{_shelfId}'", database.ConnectionString);

        Assert.Equal(5, Titles(await SearchAsync(_anonymous, $"mambety {_tag}")).Count);
        Assert.Equal([$"Xala {_tag}"], Titles(await SearchAsync(_anonymous, $"dramaturgie {_tag}")));
    }

    [Theory]
    [InlineData("   ", "SEARCH_QUERY_INVALID")]
    [InlineData("a\nb", "SEARCH_QUERY_INVALID")]
    public async Task A_blank_or_multi_line_query_is_a_clear_error(string query, string code)
    {
        var response = await _anonymous.SendGraphQLAsync(GraphQLHttp.PostQuery(Search, new { q = query }));

        Assert.True(response.HasErrors, response.Text);
        Assert.Equal(code, response.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Operators_and_punctuation_in_a_query_never_break_it()
    {
        foreach (var query in new[] { $"{_tag} & | ! ( ) :* '", $"\"{_tag}\" -xala", $"{_tag} or mandat", "'); DROP TABLE books; --" })
        {
            await SearchAsync(_anonymous, query);
        }
        Assert.DoesNotContain($"Xala {_tag}", Titles(await SearchAsync(_anonymous, $"\"{_tag}\" -xala")));
    }
}
