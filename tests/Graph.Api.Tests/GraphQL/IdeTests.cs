using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static Graph.Api.Tests.GraphQL.GraphQLHttp;

namespace Graph.Api.Tests.GraphQL;

/// <summary>The Banana Cake Pop IDE a browser gets at /graphql: the real package (npm install), a folder of its own, none, or off.</summary>
public sealed partial class IdeTests : IDisposable
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private readonly string _folder = Directory.CreateTempSubdirectory("graph-ide-").FullName;

    public IdeTests()
    {
        File.WriteAllText(Path.Combine(_folder, "index.html"),
            """<!doctype html><html lang="en"><head><meta charset="utf-8"/><title>Banana Cake Pop</title><script defer="defer" src="static/js/main.0349187e.js"></script></head><body><div id="root"></div></body></html>""");
        File.WriteAllText(Path.Combine(_folder, "manifest.webmanifest"), """{"name":"Banana Cake Pop"}""");
        Directory.CreateDirectory(Path.Combine(_folder, "static", "js"));
        File.WriteAllText(Path.Combine(_folder, "static", "js", "main.0349187e.js"), "console.log('bcp');");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static GraphApiFactory Server(string? path = null, bool? enabled = null)
    {
        var settings = new Dictionary<string, string?>();
        if (path is not null)
        {
            settings["Graph:GraphQL:Ide:Path"] = path;
        }
        if (enabled is not null)
        {
            settings["Graph:GraphQL:Ide:Enabled"] = enabled.Value ? "true" : "false";
        }
        return new GraphApiFactory(TestPostgres.ConnectionStringFor("graph"), settings: settings);
    }

    private static HttpClient Client(GraphApiFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> BrowserGetAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);
        return client.SendAsync(request);
    }

    [GeneratedRegex("(?:src|href)=\"(static/[^\"]+)\"")]
    private static partial Regex AssetReference();

    [Fact]
    public async Task A_browser_gets_the_installed_IDE_and_all_its_assets()
    {
        // No path configured: the package that `npm install` put in the repository's node_modules.
        await using var factory = Server();
        var client = Client(factory);

        var response = await BrowserGetAsync(client, "/graphql");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Contains("<title>Banana Cake Pop</title>", html);
        Assert.Contains("""<base href="/graphql/"/>""", html);
        var assets = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var file = await client.GetAsync("/graphql/" + asset);
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)file.StatusCode}");
            Assert.Equal(asset.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", file.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromDays(365), file.Headers.CacheControl?.MaxAge);
            Assert.True((await file.Content.ReadAsByteArrayAsync()).Length > 0, asset);
        }

        var favicon = await client.GetAsync("/graphql/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal("image/svg+xml", favicon.Content.Headers.ContentType?.MediaType);
        Assert.True(favicon.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task The_IDE_is_configured_to_use_this_endpoint_over_POST()
    {
        await using var factory = Server(_folder);
        var response = await Client(factory).GetAsync("/graphql/bcp-config.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("/graphql", config.GetProperty("endpoint").GetString());
        Assert.True(config.GetProperty("useBrowserUrlAsEndpoint").GetBoolean());
        Assert.False(config.GetProperty("useGet").GetBoolean());
        Assert.True(config.GetProperty("disableTelemetry").GetBoolean());
    }

    [Theory]
    [InlineData("/graphql")]
    [InlineData("/graphql/")]
    [InlineData("/graphql/index.html")]
    public async Task The_index_is_served_from_the_configured_folder_with_its_base(string url)
    {
        await using var factory = Server(_folder);
        var response = await BrowserGetAsync(Client(factory), url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("""<!doctype html><html lang="en"><head><base href="/graphql/"/><meta charset="utf-8"/>""", html);
    }

    [Theory]
    [InlineData("/graphql/static/js/main.0349187e.js", "text/javascript", true)]
    [InlineData("/graphql/manifest.webmanifest", "application/manifest+json", false)]
    public async Task Files_have_their_content_type_and_hashed_ones_a_long_cache(string url, string mediaType, bool hashed)
    {
        await using var factory = Server(_folder);
        var response = await Client(factory).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        if (hashed)
        {
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
        }
        else
        {
            Assert.True(response.Headers.CacheControl?.NoCache);
        }
    }

    [Theory]
    [InlineData("/graphql/static/js/missing.js")]
    [InlineData("/graphql/static")]
    [InlineData("/graphql/..%2F..%2Fappsettings.json")]
    [InlineData("/graphql/%2Fetc%2Fpasswd")]
    public async Task A_file_outside_the_IDE_or_missing_is_404(string url)
    {
        await using var factory = Server(_folder);
        var response = await Client(factory).GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Queries_and_the_SDL_still_work_next_to_the_IDE()
    {
        await using var factory = Server(_folder);
        var client = Client(factory);

        var get = await client.SendGraphQLAsync(Get([new("query", "{ __typename }")], accept: BrowserAccept + ",application/json"));
        get.Is(HttpStatusCode.OK, Json);
        var post = await client.SendGraphQLAsync(PostQuery("{ __typename }"));
        post.Is(HttpStatusCode.OK, ResponseJson);
        var sdl = await client.GetAsync("/graphql/schema.graphql");
        Assert.Equal(HttpStatusCode.OK, sdl.StatusCode);
        Assert.Contains("type Book", await sdl.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_IDE_files_are_a_404_that_says_how_to_install_them()
    {
        await using var factory = Server(Path.Combine(_folder, "missing"));
        var client = Client(factory);

        foreach (var url in new[] { "/graphql", "/graphql/static/js/main.0349187e.js" })
        {
            var response = await BrowserGetAsync(client, url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("npm install", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task With_the_IDE_off_a_browser_gets_406_as_before()
    {
        await using var factory = Server(_folder, enabled: false);
        var client = Client(factory);

        var response = await client.SendGraphQLAsync(Get([], accept: BrowserAccept));
        response.IsRequestError(HttpStatusCode.NotAcceptable, Json, "NOT_ACCEPTABLE");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/graphql/static/js/main.0349187e.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/graphql/bcp-config.json")).StatusCode);
    }
}
