using System.Globalization;
using System.Text;

namespace Graph.Api.Hosting;

/// <summary>
/// Refuses to start a server that would run with development secrets or without a database.
/// Every environment but Development (Production, Staging, any other name) must bring its own secrets.
/// Every problem is listed at once so that an operator fixes them in one go.
/// </summary>
public static class StartupChecks
{
    /// <summary>Marker carried by every development-only value in appsettings.Development.json.</summary>
    public const string DevelopmentMarker = "development-only";

    public const int MinimumSigningKeyBytes = 32;

    /// <summary>Runs the checks when the server starts, before it listens: the configuration is final by then,
    /// including what hosts and tests add after the builder.</summary>
    public static IServiceCollection AddStartupChecks(this IServiceCollection services) =>
        services.AddTransient<IStartupFilter, Filter>();

    public static void ThrowIfUnfit(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = Problems(configuration, environment);
        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }
    }

    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<string>();
        var connectionString = configuration.GetConnectionString("Graph");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            problems.Add("No database: set ConnectionStrings__Graph (an Npgsql connection string).");
        }

        problems.AddRange(GraphRateLimits.Problems(configuration));
        problems.AddRange(GraphCors.Problems(configuration));
        problems.AddRange(Notifications.NotificationSenderRegistry.Problems(configuration, environment));
        problems.AddRange(Notifications.OutboxDispatcher.Problems(
            configuration.GetSection($"{GraphOptions.Section}:Notifications:Dispatcher").Get<GraphOptions.DispatcherOptions>() ?? new()));
        problems.AddRange(Payments.PaymentsStartupChecks.Problems(configuration, environment));
        problems.AddRange(Payments.PaymentReconciler.Problems(configuration));
        AuthProblems(configuration, problems);

        // Only Development may run on the development values: a Staging or "Prod" server is as exposed as Production.
        if (environment.IsDevelopment())
        {
            return problems;
        }

        var name = environment.EnvironmentName;

        if (connectionString?.Contains(DevelopmentMarker, StringComparison.OrdinalIgnoreCase) == true)
        {
            problems.Add($"ConnectionStrings__Graph holds the development password; give {name} its own credentials.");
        }

        var key = configuration[$"{GraphOptions.Section}:Auth:SigningKey"] ?? "";
        if (key.Length == 0)
        {
            problems.Add("No signing key: set Graph__Auth__SigningKey to a random secret of at least 32 bytes.");
        }
        else if (key.Contains(DevelopmentMarker, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Graph__Auth__SigningKey is the development key; {name} needs its own secret.");
        }
        else if (Encoding.UTF8.GetByteCount(key) < MinimumSigningKeyBytes)
        {
            problems.Add($"Graph__Auth__SigningKey is too short: at least {MinimumSigningKeyBytes} bytes are required.");
        }

        return problems;
    }

    /// <summary>The longest access-token lifetime: a revoked session's tokens are remembered in memory that long.</summary>
    public static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromDays(1);

    /// <summary>The longest refresh-token lifetime.</summary>
    public static readonly TimeSpan MaxRefreshTokenLifetime = TimeSpan.FromDays(365);

    /// <summary>The longest login-throttling window.</summary>
    public static readonly TimeSpan MaxThrottlingWindow = TimeSpan.FromDays(1);

    /// <summary>Token lifetimes and login throttling ("Graph:Auth"), in every environment: values that do not parse or make
    /// no sense would otherwise fail at the first login, or sign nobody in.</summary>
    private static void AuthProblems(IConfiguration configuration, List<string> problems)
    {
        var defaults = new GraphOptions.AuthOptions();
        var access = ReadTimeSpan(configuration, "Auth:AccessTokenLifetime", defaults.AccessTokenLifetime, TimeSpan.FromMinutes(1), MaxAccessTokenLifetime, problems);
        var refresh = ReadTimeSpan(configuration, "Auth:RefreshTokenLifetime", defaults.RefreshTokenLifetime, TimeSpan.FromMinutes(1), MaxRefreshTokenLifetime, problems);
        if (access is { } a && refresh is { } r && r <= a)
        {
            problems.Add("Graph__Auth__RefreshTokenLifetime must be longer than Graph__Auth__AccessTokenLifetime.");
        }
        ReadTimeSpan(configuration, "Auth:LoginThrottling:Window", defaults.LoginThrottling.Window, TimeSpan.FromSeconds(1), MaxThrottlingWindow, problems);
        ReadCount(configuration, "Auth:LoginThrottling:MaxFailuresPerAccount", problems);
        ReadCount(configuration, "Auth:LoginThrottling:MaxFailuresPerAddress", problems);
    }

    private static TimeSpan? ReadTimeSpan(IConfiguration configuration, string key, TimeSpan fallback, TimeSpan min, TimeSpan max, List<string> problems)
    {
        var text = configuration[$"{GraphOptions.Section}:{key}"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        var name = EnvironmentName(key);
        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add($"{name} is not a duration: write it as [days.]hours:minutes:seconds, e.g. 01:00:00.");
            return null;
        }
        if (value < min || value > max)
        {
            problems.Add($"{name} must be between {min.ToString("c", CultureInfo.InvariantCulture)} and {max.ToString("c", CultureInfo.InvariantCulture)}.");
            return null;
        }
        return value;
    }

    private static void ReadCount(IConfiguration configuration, string key, List<string> problems)
    {
        var text = configuration[$"{GraphOptions.Section}:{key}"];
        if (!string.IsNullOrWhiteSpace(text) && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10_000))
        {
            problems.Add($"{EnvironmentName(key)} must be a whole number from 1 to 10000.");
        }
    }

    private static string EnvironmentName(string key) => $"{GraphOptions.Section}__{key.Replace(":", "__", StringComparison.Ordinal)}";

    private sealed class Filter(IConfiguration configuration, IHostEnvironment environment) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        {
            ThrowIfUnfit(configuration, environment);
            return next;
        }
    }
}

/// <summary>Thrown at start-up when the configuration is not fit to run; its message is meant for the operator.</summary>
public sealed class StartupConfigurationException(IReadOnlyList<string> problems)
    : Exception("The server cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
