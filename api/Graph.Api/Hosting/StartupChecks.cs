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
