using Graph.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Graph.Api.Tests.Hosting;

public sealed class StartupChecksTests
{
    private const string ProductionDatabase = "Host=db;Database=graph;Username=graph;Password=s3cret-from-the-vault";
    private const string StrongKey = "f1c2e3d4a5b6978812345678901234567890abcdefabcdef";

    private static IReadOnlyList<string> Problems(string environment, string? connectionString, string? key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Graph"] = connectionString,
            ["Graph:Auth:SigningKey"] = key,
        }).Build();
        return StartupChecks.Problems(configuration, new Environment(environment));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Production_with_its_own_secrets_starts(string environment) =>
        Assert.Empty(Problems(environment, ProductionDatabase, StrongKey));

    [Fact]
    public void Development_needs_no_signing_key() =>
        Assert.Empty(Problems(Environments.Development, ProductionDatabase, null));

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    [InlineData("Production")]
    public void No_connection_string_is_refused_everywhere(string environment) =>
        Assert.Contains(Problems(environment, "", StrongKey), p => p.StartsWith("No database: set ConnectionStrings__Graph", StringComparison.Ordinal));

    [Theory]
    [InlineData("Production", null, "No signing key")]
    [InlineData("Production", "development-only-signing-key-do-not-use-in-production-0123456789", "is the development key")]
    [InlineData("Production", "short-key", "is too short")]
    [InlineData("Staging", null, "No signing key")]
    [InlineData("Staging", "development-only-signing-key-do-not-use-in-production-0123456789", "is the development key; Staging needs its own secret")]
    [InlineData("Staging", "short-key", "is too short")]
    [InlineData("Testing", null, "No signing key")]
    public void Every_environment_but_development_refuses_a_weak_signing_key(string environment, string? key, string expected)
    {
        var problem = Assert.Single(Problems(environment, ProductionDatabase, key));
        Assert.Contains(expected, problem);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Every_environment_but_development_refuses_the_development_database_password(string environment) =>
        Assert.Contains(
            Problems(environment, "Host=x;Password=graph-development-only", StrongKey),
            p => p.Contains("development password", StringComparison.Ordinal));

    [Fact]
    public async Task Serve_refuses_to_start_in_staging_with_the_development_settings()
    {
        var error = new StringWriter();
        var serve = CommandLine.RunAsync(
            ["serve", "--environment=Staging", "--urls=http://127.0.0.1:0",
             "--ConnectionStrings:Graph=Host=x;Password=graph-development-only",
             "--Graph:Auth:SigningKey=development-only-signing-key-do-not-use-in-production-0123456789"],
            TextWriter.Null, error);

        Assert.Equal(1, await serve.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("is the development key; Staging needs its own secret", error.ToString());
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = Problems(Environments.Production, "", "");
        Assert.Equal(2, problems.Count);
        var message = new StartupConfigurationException(problems).Message;
        Assert.StartsWith("The server cannot start:", message);
        Assert.Contains("  - No signing key", message);
    }

    [Fact]
    public async Task Serve_refuses_to_start_in_production_without_a_signing_key()
    {
        // Were the check missing, the server would run until the timeout fails the test.
        var serve = CommandLine.RunAsync(
            ["serve", "--environment=Production", "--urls=http://127.0.0.1:0", $"--ConnectionStrings:Graph={ProductionDatabase}"]);
        Assert.Equal(1, await serve.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Graph.Api";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
