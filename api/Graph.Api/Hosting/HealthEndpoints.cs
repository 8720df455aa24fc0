using System.Text.Json;
using Graph.Api.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Graph.Api.Hosting;

/// <summary>
/// <c>/health</c>: the process answers. <c>/health/ready</c>: the database answers too.
/// Both reply in JSON, 200 when healthy and 503 when not, and never reveal exception details.
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    /// <summary>How long /health/ready waits for the database before it answers 503: a black-holed server
    /// (packets dropped, no reset) would otherwise hold the probe for the whole connection timeout.</summary>
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddGraphHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// Can the database be reached, within <see cref="DatabaseTimeout"/>? AddDbContextCheck takes no timeout, and
    /// a registration's timeout only cancels a token, which Npgsql ignores while it waits for the server's first
    /// reply; so the deadline is enforced here by no longer waiting. The abandoned probe still ends on its own,
    /// bounded by the connection string's Timeout, and only then returns its context to the pool.
    /// </summary>
    private sealed class DatabaseHealthCheck(IDbContextFactory<GraphDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(DatabaseTimeout);
            var probe = CanConnectAsync(deadline.Token);
            // The token source lives as long as the probe that uses it.
            _ = probe.ContinueWith(_ => deadline.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                return await probe.WaitAsync(DatabaseTimeout, cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : new HealthCheckResult(context.Registration.FailureStatus);
            }
            catch (TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"no answer within {DatabaseTimeout.TotalSeconds:0} s");
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"no answer within {DatabaseTimeout.TotalSeconds:0} s");
            }
        }

        private async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken);
        }
    }

    public static IEndpointRouteBuilder MapGraphHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("totalDurationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 2));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 2));
            json.WriteString("description", entry.Description ?? (entry.Status == HealthStatus.Healthy ? null : "unreachable"));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
