using System.Net;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Hosting;

public sealed class AdminUiTests : IDisposable
{
    private readonly string dist = Directory.CreateTempSubdirectory("graph-admin-ui-").FullName;

    public AdminUiTests()
    {
        File.WriteAllText(Path.Combine(dist, "index.html"), "<!doctype html><title>Graph admin</title>");
        Directory.CreateDirectory(Path.Combine(dist, "assets"));
        File.WriteAllText(Path.Combine(dist, "assets", "app-3f2a1c.js"), "console.log('graph');");
    }

    public void Dispose() => Directory.Delete(dist, recursive: true);

    private GraphApiFactory Server(string path) => new(
        TestPostgres.ConnectionStringFor("graph"),
        settings: new Dictionary<string, string?> { ["Graph:AdminUi:Path"] = path });

    private static HttpClient Client(GraphApiFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/admin/")]
    [InlineData("/admin/books/42/show")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/index.html")]
    public async Task Every_page_of_the_spa_gets_index_html_uncached(string url)
    {
        await using var factory = Server(dist);
        var response = await Client(factory).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Graph admin</title>", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year()
    {
        await using var factory = Server(dist);
        var response = await Client(factory).GetAsync("/admin/assets/app-3f2a1c.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("console.log('graph');", await response.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
    }

    [Theory]
    [InlineData("/admin/assets/missing-3f2a1c.js")]
    [InlineData("/admin/favicon.ico")]
    [InlineData("/admin/assets/app-3f2a1c.js.map")]
    [InlineData("/admin/books/42/cover.png")]
    public async Task A_missing_file_is_404_not_index_html(string url)
    {
        await using var factory = Server(dist);
        var response = await Client(factory).GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<title>Graph admin</title>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_file_is_404_even_when_the_spa_is_not_built()
    {
        await using var factory = Server(Path.Combine(dist, "missing"));
        var response = await Client(factory).GetAsync("/admin/assets/app-3f2a1c.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/", "/admin/")]
    [InlineData("/admin", "/admin/")]
    public async Task The_root_leads_to_the_spa(string url, string location)
    {
        await using var factory = Server(dist);
        var response = await Client(factory).GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unbuilt_spa_says_how_to_build_it()
    {
        await using var factory = Server(Path.Combine(dist, "missing"));
        var response = await Client(factory).GetAsync("/admin/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("npm run build --workspace admin-ui", await response.Content.ReadAsStringAsync());
    }
}
