using Graph.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Graph.Api.Tests.Hosting;

public sealed class StartupChecksTests
{
    private const string ProductionDatabase = "Host=db;Database=graph;Username=graph;Password=s3cret-from-the-vault";
    private const string StrongKey = "f1c2e3d4a5b6978812345678901234567890abcdefabcdef";

    private const string WebhookSecret = "0123456789abcdef0123456789abcdef-webhook";

    /// <summary>The problems of a configuration; its notification senders are "None" (chosen, so fit) unless
    /// <paramref name="senders"/> says otherwise (keys under Graph:Notifications:Senders); <paramref name="payments"/> sets
    /// keys under Graph:Payments.</summary>
    private static IReadOnlyList<string> Problems(
        string environment,
        string? connectionString,
        string? key,
        IReadOnlyDictionary<string, string?>? auth = null,
        IReadOnlyDictionary<string, string?>? senders = null,
        IReadOnlyDictionary<string, string?>? payments = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Graph"] = connectionString,
            ["Graph:Auth:SigningKey"] = key,
        };
        foreach (var (name, value) in auth ?? new Dictionary<string, string?>())
        {
            settings["Graph:Auth:" + name] = value;
        }
        foreach (var channel in new[] { "Sms", "Email", "Push" })
        {
            settings[$"Graph:Notifications:Senders:{channel}:Kind"] = "None";
        }
        foreach (var (name, value) in senders ?? new Dictionary<string, string?>())
        {
            settings["Graph:Notifications:Senders:" + name] = value;
        }
        foreach (var (name, value) in payments ?? new Dictionary<string, string?>())
        {
            settings["Graph:Payments:" + name] = value;
        }
        return StartupChecks.Problems(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new Environment(environment));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void Token_lifetimes_and_throttling_within_bounds_start(string environment) =>
        Assert.Empty(Problems(environment, ProductionDatabase, StrongKey, new Dictionary<string, string?>
        {
            ["AccessTokenLifetime"] = "00:15:00",
            ["RefreshTokenLifetime"] = "30.00:00:00",
            ["LoginThrottling:Window"] = "01:00:00",
            ["LoginThrottling:MaxFailuresPerAccount"] = "10",
            ["LoginThrottling:MaxFailuresPerAddress"] = "100",
        }));

    [Theory]
    [InlineData("AccessTokenLifetime", "one hour", "Graph__Auth__AccessTokenLifetime is not a duration: write it as [days.]hours:minutes:seconds, e.g. 01:00:00.")]
    [InlineData("AccessTokenLifetime", "00:00:00", "Graph__Auth__AccessTokenLifetime must be between 00:01:00 and 1.00:00:00.")]
    [InlineData("AccessTokenLifetime", "2.00:00:00", "Graph__Auth__AccessTokenLifetime must be between 00:01:00 and 1.00:00:00.")]
    [InlineData("RefreshTokenLifetime", "-1.00:00:00", "Graph__Auth__RefreshTokenLifetime must be between 00:01:00 and 365.00:00:00.")]
    [InlineData("RefreshTokenLifetime", "00:30:00", "Graph__Auth__RefreshTokenLifetime must be longer than Graph__Auth__AccessTokenLifetime.")]
    [InlineData("LoginThrottling:Window", "soon", "Graph__Auth__LoginThrottling__Window is not a duration: write it as [days.]hours:minutes:seconds, e.g. 01:00:00.")]
    [InlineData("LoginThrottling:Window", "00:00:00", "Graph__Auth__LoginThrottling__Window must be between 00:00:01 and 1.00:00:00.")]
    [InlineData("LoginThrottling:MaxFailuresPerAccount", "0", "Graph__Auth__LoginThrottling__MaxFailuresPerAccount must be a whole number from 1 to 10000.")]
    [InlineData("LoginThrottling:MaxFailuresPerAddress", "many", "Graph__Auth__LoginThrottling__MaxFailuresPerAddress must be a whole number from 1 to 10000.")]
    public void Unfit_token_lifetimes_and_throttling_are_refused_in_every_environment(string setting, string value, string expected)
    {
        foreach (var environment in new[] { "Development", "Production" })
        {
            Assert.Equal(expected, Assert.Single(Problems(environment, ProductionDatabase, StrongKey, new Dictionary<string, string?> { [setting] = value })));
        }
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
    [Fact]
    public void Production_without_notification_senders_is_refused_for_each_channel()
    {
        var problems = Problems(Environments.Production, ProductionDatabase, StrongKey, senders: new Dictionary<string, string?>
        {
            ["Sms:Kind"] = null,
            ["Email:Kind"] = "",
            ["Push:Kind"] = null,
        });
        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("No sender for ", p));
        Assert.Contains(problems, p => p.Contains("Graph__Notifications__Senders__Sms__Kind", StringComparison.Ordinal));
    }

    [Fact]
    public void Development_sends_with_the_development_sender_by_default_and_nowhere_else()
    {
        var unset = new Dictionary<string, string?> { ["Sms:Kind"] = null, ["Email:Kind"] = null, ["Push:Kind"] = null };
        Assert.Empty(Problems(Environments.Development, ProductionDatabase, null, senders: unset));
        var development = new Dictionary<string, string?> { ["Sms:Kind"] = "Development" };
        Assert.Empty(Problems(Environments.Development, ProductionDatabase, null, senders: development));
        Assert.Contains("is Development, which sends nothing", Assert.Single(Problems(Environments.Production, ProductionDatabase, StrongKey, senders: development)));
    }

    [Theory]
    [InlineData("https://sms.example.org/hook", WebhookSecret, null)]
    [InlineData("not a url", WebhookSecret, "Graph__Notifications__Senders__Sms__Url must be an absolute http(s) address.")]
    [InlineData("ftp://sms.example.org/hook", WebhookSecret, "Graph__Notifications__Senders__Sms__Url must be an absolute http(s) address.")]
    [InlineData("http://sms.example.org/hook", WebhookSecret, "Graph__Notifications__Senders__Sms__Url must use https outside Development (recipients and codes travel in it).")]
    [InlineData("https://sms.example.org/hook", "short", "Graph__Notifications__Senders__Sms__Secret must have at least 32 characters.")]
    public void A_webhook_sender_needs_an_https_address_and_a_long_secret(string url, string secret, string? expected)
    {
        var problems = Problems(Environments.Production, ProductionDatabase, StrongKey, senders: new Dictionary<string, string?>
        {
            ["Sms:Kind"] = "Webhook",
            ["Sms:Url"] = url,
            ["Sms:Secret"] = secret,
        });
        if (expected is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(problems));
        }
    }

    [Fact]
    public void An_unknown_sender_kind_is_refused() =>
        Assert.Equal(
            "Graph__Notifications__Senders__Push__Kind 'Carrier pigeon' is unknown: use Webhook, None.",
            Assert.Single(Problems(Environments.Production, ProductionDatabase, StrongKey, senders: new Dictionary<string, string?> { ["Push:Kind"] = "Carrier pigeon" })));

    private const string CallbackSecret = "0123456789abcdef0123456789abcdef-callbacks";

    /// <summary>Wave as an HTTP provider with everything it needs, and the platform's addresses.</summary>
    private static Dictionary<string, string?> HttpWave() => new()
    {
        ["CallbackBaseUrl"] = "https://api.example.org",
        ["ReturnUrl"] = "https://app.example.org/paid",
        ["Providers:Wave:Kind"] = "Http",
        ["Providers:Wave:BaseUrl"] = "https://api.wave.com",
        ["Providers:Wave:ApiKey"] = "wave_sn_prod_key",
        ["Providers:Wave:CallbackSecrets:0"] = CallbackSecret,
    };

    [Fact]
    public void An_http_provider_with_its_address_key_and_secrets_starts_in_production() =>
        Assert.Empty(Problems(Environments.Production, ProductionDatabase, StrongKey, payments: HttpWave()));

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void The_simulator_is_refused_outside_development(string environment)
    {
        var payments = new Dictionary<string, string?> { ["Providers:OrangeMoney:Kind"] = "Simulator" };

        Assert.Equal(
            $"Graph__Payments__Providers__OrangeMoney__Kind is Simulator, which moves no money; {environment} needs Http or None.",
            Assert.Single(Problems(environment, ProductionDatabase, StrongKey, payments: payments)));
        Assert.Empty(Problems(Environments.Development, ProductionDatabase, null, payments: payments));
    }

    [Fact]
    public void Every_problem_of_an_http_provider_is_reported_at_once()
    {
        var problems = Problems(Environments.Production, ProductionDatabase, StrongKey, payments: new Dictionary<string, string?>
        {
            ["CallbackBaseUrl"] = "http://api.example.org",
            ["Providers:MtnMomo:Kind"] = "Http",
            ["Providers:MtnMomo:BaseUrl"] = "sandbox.momodeveloper.mtn.com",
            ["Providers:MtnMomo:CallbackSecrets:0"] = "too-short",
        });

        Assert.Equal(
        [
            "Graph__Payments__Providers__MtnMomo__BaseUrl must be an absolute https address.",
            "Graph__Payments__Providers__MtnMomo__ApiKey is required for the provider's API.",
            "Graph__Payments__Providers__MtnMomo__CallbackSecrets needs at least one secret, each of at least 32 characters (__0 the current one, __1 the one being rotated out).",
            "Graph__Payments__Providers__MtnMomo__ApiSecret is required: the API user's key.",
            "Graph__Payments__Providers__MtnMomo__MerchantId is required: the Collection product's subscription key.",
            "Graph__Payments__Providers__MtnMomo__TargetEnvironment is required: MTN's X-Target-Environment (sandbox, mtnivorycoast...).",
            "Graph__Payments__CallbackBaseUrl must use https outside Development: providers call back /payments/callback/{provider} under it.",
        ], problems);
    }

    [Theory]
    [InlineData("CallbackBaseUrl", "", "Graph__Payments__CallbackBaseUrl must be an absolute https address: providers call back")]
    [InlineData("ReturnUrl", "/paid", "Graph__Payments__ReturnUrl must be an absolute https address: Wave and Orange Money")]
    [InlineData("Providers:Wave:BaseUrl", "http://api.wave.com", "Graph__Payments__Providers__Wave__BaseUrl must use https outside Development.")]
    [InlineData("Providers:Wave:CallbackSecrets:0", "", "Graph__Payments__Providers__Wave__CallbackSecrets needs at least one secret")]
    [InlineData("Providers:Wave:CallbackSecrets:1", "short-previous-secret", "Graph__Payments__Providers__Wave__CallbackSecrets needs at least one secret")]
    [InlineData("Providers:Wave:Kind", "Carrier pigeon", "Graph__Payments__Providers__Wave__Kind 'Carrier pigeon' is unknown: use Http or None.")]
    public void An_unfit_http_provider_setting_is_refused(string setting, string value, string expected)
    {
        var payments = HttpWave();
        payments[setting] = value;

        Assert.StartsWith(expected, Assert.Single(Problems(Environments.Production, ProductionDatabase, StrongKey, payments: payments)), StringComparison.Ordinal);
    }

    [Fact]
    public void Development_callback_secrets_are_refused_outside_development_only()
    {
        var payments = HttpWave();
        payments["Providers:Wave:CallbackSecrets:0"] = "development-only-wave-callback-secret-0123456789";
        payments["CallbackBaseUrl"] = "http://localhost:5000";

        Assert.Empty(Problems(Environments.Development, ProductionDatabase, null, payments: payments));
        Assert.Equal(
            [
                "Graph__Payments__Providers__Wave__CallbackSecrets holds a development secret; Production needs its own.",
                "Graph__Payments__CallbackBaseUrl must use https outside Development: providers call back /payments/callback/{provider} under it.",
            ],
            Problems(Environments.Production, ProductionDatabase, StrongKey, payments: payments));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void Reconciliation_settings_within_bounds_start(string environment) =>
        Assert.Empty(Problems(environment, ProductionDatabase, StrongKey, payments: new Dictionary<string, string?>
        {
            ["Reconciliation:Enabled"] = "false",
            ["Reconciliation:Interval"] = "00:00:30",
            ["Reconciliation:PendingAfter"] = "00:05:00",
            ["Reconciliation:BatchSize"] = "1000",
        }));

    [Theory]
    [InlineData("Enabled", "sometimes", "Graph__Payments__Reconciliation__Enabled must be true or false.")]
    [InlineData("Interval", "every minute", "Graph__Payments__Reconciliation__Interval is not a duration: write it as [days.]hours:minutes:seconds, e.g. 00:01:00.")]
    [InlineData("Interval", "00:00:00.500", "Graph__Payments__Reconciliation__Interval must be between 00:00:01 and 01:00:00.")]
    [InlineData("Interval", "02:00:00", "Graph__Payments__Reconciliation__Interval must be between 00:00:01 and 01:00:00.")]
    [InlineData("PendingAfter", "later", "Graph__Payments__Reconciliation__PendingAfter is not a duration: write it as [days.]hours:minutes:seconds, e.g. 00:02:00.")]
    [InlineData("PendingAfter", "00:00:05", "Graph__Payments__Reconciliation__PendingAfter must be between 00:00:10 and 1.00:00:00.")]
    [InlineData("PendingAfter", "2.00:00:00", "Graph__Payments__Reconciliation__PendingAfter must be between 00:00:10 and 1.00:00:00.")]
    [InlineData("BatchSize", "0", "Graph__Payments__Reconciliation__BatchSize must be a whole number from 1 to 1000.")]
    [InlineData("BatchSize", "1001", "Graph__Payments__Reconciliation__BatchSize must be a whole number from 1 to 1000.")]
    [InlineData("BatchSize", "ten", "Graph__Payments__Reconciliation__BatchSize must be a whole number from 1 to 1000.")]
    public void Unfit_reconciliation_settings_are_refused_in_every_environment(string setting, string value, string expected)
    {
        foreach (var environment in new[] { "Development", "Production" })
        {
            Assert.Equal(expected, Assert.Single(Problems(environment, ProductionDatabase, StrongKey, payments: new Dictionary<string, string?> { ["Reconciliation:" + setting] = value })));
        }
    }
}
