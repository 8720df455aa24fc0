using System.Net;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Identity;

/// <summary>
/// Refuses logins after too many failures (<c>Graph:Auth:LoginThrottling</c>): for an account, the failures since its last
/// successful login within the window; for a client address, all failures within the window. Attempts are stored in
/// <c>login_attempts</c>, so every instance counts the same ones. Refused attempts are not recorded: a refusal ends once
/// enough failures are older than the window, however often the client knocks meanwhile.
/// </summary>
/// <remarks>
/// Attempts on one account are serialised by a transaction-scoped advisory lock, held while the password is checked and
/// the attempt recorded: a burst of parallel guesses gets exactly as many checks as the limit allows. Attempts from one
/// address on different accounts are not serialised (a shared address, such as a mobile carrier's, would queue all its
/// users' logins), so a parallel burst may exceed that limit once by its own width.
/// </remarks>
public sealed class LoginThrottle(IOptions<GraphOptions> options)
{
    /// <summary>The first key of the advisory locks of accounts ("IDNT" in ASCII).</summary>
    private const int LockNamespace = 0x49444E54;

    private GraphOptions.LoginThrottlingOptions Settings => options.Value.Auth.LoginThrottling;

    /// <summary>
    /// The name an attempt is counted under for <paramref name="login"/>: the normalised email address or phone number, or,
    /// for text that is neither, the text itself in lower case (cut to the column), so that unknown logins are counted too.
    /// </summary>
    public static string AccountKeyFor(string login) =>
        EmailAddresses.Normalize(login) ?? PhoneNumbers.Normalize(login)
        ?? ClientInfo.Truncate(login.ToLowerInvariant(), LoginAttempt.MaxAccountKeyLength) ?? "";

    /// <summary>Takes the account's lock until the transaction of <paramref name="db"/> ends (one must be open).</summary>
    public static async Task LockAsync(GraphDbContext db, string accountKey, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The login throttle's lock lives as long as a transaction: begin one first.");
        }
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockNamespace}, hashtext({accountKey}))", cancellationToken);
    }

    /// <summary>How long the account or the address must wait before its next attempt, or null when it may try now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(GraphDbContext db, string accountKey, IPAddress? address, DateTime now, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var windowStart = now - settings.Window;
        var attempts = db.LoginAttempts.AsNoTracking();

        var lastSuccess = await attempts
            .Where(a => a.AccountKey == accountKey && a.Succeeded && a.At > windowStart)
            .MaxAsync(a => (DateTime?)a.At, cancellationToken);
        var since = lastSuccess ?? windowStart;
        // The failure that, while inside the window, keeps the account refused: the limit-th most recent one.
        var accountBlocker = await attempts
            .Where(a => a.AccountKey == accountKey && !a.Succeeded && a.At > since)
            .OrderByDescending(a => a.At)
            .Skip(settings.MaxFailuresPerAccount - 1)
            .Select(a => (DateTime?)a.At)
            .FirstOrDefaultAsync(cancellationToken);

        DateTime? addressBlocker = null;
        if (address is not null)
        {
            addressBlocker = await attempts
                .Where(a => a.IpAddress == address && !a.Succeeded && a.At > windowStart)
                .OrderByDescending(a => a.At)
                .Skip(settings.MaxFailuresPerAddress - 1)
                .Select(a => (DateTime?)a.At)
                .FirstOrDefaultAsync(cancellationToken);
        }

        var until = Max(accountBlocker, addressBlocker) + settings.Window;
        return until > now ? until - now : null;
    }

    /// <summary>Adds the attempt to <paramref name="db"/> (saved with the caller's changes).</summary>
    public static void Record(GraphDbContext db, string accountKey, IPAddress? address, bool succeeded, DateTime at) =>
        db.LoginAttempts.Add(new LoginAttempt { AccountKey = accountKey, IpAddress = address, Succeeded = succeeded, At = at });

    /// <summary>Whole seconds to wait, at least one.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
