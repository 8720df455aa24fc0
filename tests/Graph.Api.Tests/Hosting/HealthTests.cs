using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Graph.Api.Hosting;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Hosting;

public sealed class HealthTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Health_answers_while_the_process_runs()
    {
        await using var factory = new GraphApiFactory(database.ConnectionString);
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public async Task Ready_checks_the_database()
    {
        await using var factory = new GraphApiFactory(database.ConnectionString);
        var response = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("database", check.GetProperty("name").GetString());
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_gives_up_on_a_database_that_never_answers()
    {
        // A listener nobody accepts from: the TCP handshake completes, PostgreSQL's reply never comes,
        // as with a server behind a firewall that drops packets.
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var port = ((IPEndPoint)blackHole.LocalEndpoint).Port;
        await using var factory = new GraphApiFactory($"Host=127.0.0.1;Port={port};Database=graph;Username=graph;Password=x;Timeout=60");
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);

        var clock = Stopwatch.StartNew();
        var ready = await client.GetAsync("/health/ready");
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.InRange(clock.Elapsed, HealthEndpoints.DatabaseTimeout - TimeSpan.FromMilliseconds(100), HealthEndpoints.DatabaseTimeout + TimeSpan.FromSeconds(5));
        var text = await ready.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        var check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("database", check.GetProperty("name").GetString());
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal("no answer within 3 s", check.GetProperty("description").GetString());
        Assert.DoesNotContain(port.ToString(CultureInfo.InvariantCulture), text);
        Assert.DoesNotContain("Exception", text);
    }

    [Fact]
    public async Task Ready_is_503_without_revealing_why_when_the_database_is_down()
    {
        var nowhere = "Host=127.0.0.1;Port=1;Database=graph;Username=graph;Password=x;Timeout=2";
        await using var factory = new GraphApiFactory(nowhere);
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var text = await ready.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("unreachable", body.RootElement.GetProperty("checks")[0].GetProperty("description").GetString());
        Assert.DoesNotContain("127.0.0.1", text);
        Assert.DoesNotContain("Exception", text);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
