using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Graph.Api.Hosting;

/// <summary>
/// Answers 503 with <c>Retry-After</c> and a problem document coded <c>DATABASE_UNAVAILABLE</c>, instead of a 500, when an
/// endpoint outside GraphQL (the public trace, QR codes, exports, callbacks) fails because the database cannot be reached:
/// the connection failed or timed out, the server refuses connections, is shutting down, or lacks the database. Other
/// failures stay 500 (without details). GraphQL maps its own errors.
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>The problem document's <c>code</c>.</summary>
    public const string Code = "DATABASE_UNAVAILABLE";

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }
        logger.LogWarning(exception, "The database could not be reached for {Path}.", httpContext.Request.Path.Value);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database cannot be reached right now; try again shortly.",
                Extensions = { ["code"] = Code },
            },
        });
    }

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the database could not be reached.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P (shutdown, cannot connect now), and a
                // missing database (3D000).
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState == "3D000";
                case NpgsqlException or TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
