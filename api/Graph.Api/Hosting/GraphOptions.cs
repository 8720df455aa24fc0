namespace Graph.Api.Hosting;

/// <summary>The "Graph" configuration section (appsettings.json, then environment variables such as
/// <c>Graph__Auth__SigningKey</c>).</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>The address the public reaches this server at (<c>https://graph.example.org</c>), printed in the QR codes of
    /// trace pages; empty: taken from each request (its scheme and host).</summary>
    public string? PublicBaseUrl { get; set; }

    public AuthOptions Auth { get; set; } = new();

    public AdminUiOptions AdminUi { get; set; } = new();

    public GraphQLOptions GraphQL { get; set; } = new();

    public RateLimitsOptions RateLimits { get; set; } = new();

    public CorsOptions Cors { get; set; } = new();

    public NotificationsOptions Notifications { get; set; } = new();

    public Payments.PaymentsOptions Payments { get; set; } = new();

    public Billing.BillingOptions Billing { get; set; } = new();

    public Tontines.TontinesOptions Tontines { get; set; } = new();

    /// <summary>Accounts, tokens and sign-in ("Graph:Auth").</summary>
    public sealed class AuthOptions
    {
        /// <summary>The key that signs access tokens: at least 32 bytes of secret, never the development value outside Development.</summary>
        public string SigningKey { get; set; } = "";

        /// <summary>How long an access token is accepted after it was issued (at most a day: a revoked session's tokens are
        /// remembered that long).</summary>
        public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

        /// <summary>How long a refresh token may wait to be used; each use gives a new one, so a session used within this
        /// time never ends by itself.</summary>
        public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

        public LoginThrottlingOptions LoginThrottling { get; set; } = new();
    }

    /// <summary>How many failed logins are allowed before logins are refused for a while ("Graph:Auth:LoginThrottling").
    /// Counted in the database, so every instance agrees.</summary>
    public sealed class LoginThrottlingOptions
    {
        /// <summary>The sliding window failures are counted in; a refused account or address may try again once enough of
        /// its failures are older than this.</summary>
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>Failures of one account (since its last successful login) within the window after which it is refused,
        /// even with the right password.</summary>
        public int MaxFailuresPerAccount { get; set; } = 5;

        /// <summary>Failures from one client address within the window after which logins from it are refused.</summary>
        public int MaxFailuresPerAddress { get; set; } = 20;
    }

    public sealed class AdminUiOptions
    {
        /// <summary>Folder holding the built SPA (index.html + assets), served under /admin. Relative paths start at the content root.</summary>
        public string Path { get; set; } = "wwwroot/admin";
    }

    /// <summary>The GraphQL endpoint's protections and persisted operations ("Graph:GraphQL").</summary>
    public sealed class GraphQLOptions
    {
        public IdeOptions Ide { get; set; } = new();

        /// <summary>Whether <c>__schema</c> and <c>__type</c> are answered (analysts' IDE needs them); a production
        /// deployment may switch them off (<c>Graph__GraphQL__Introspection=false</c>).</summary>
        public bool Introspection { get; set; } = true;

        /// <summary>The deepest field nesting an operation may select (introspection not counted).</summary>
        public int MaxExecutionDepth { get; set; } = 20;

        /// <summary>The highest field cost (resolutions) an operation may have.</summary>
        public double MaxFieldCost { get; set; } = 1000;

        /// <summary>The highest type cost (objects returned) an operation may have.</summary>
        public double MaxTypeCost { get; set; } = 1000;

        /// <summary>How long one operation (or one subscription event) may execute.</summary>
        public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The largest request body accepted, in bytes.</summary>
        public long MaxRequestBodySize { get; set; } = 1024 * 1024;

        public PersistedOperationsOptions PersistedOperations { get; set; } = new();
    }

    /// <summary>Operations sent by id instead of by document ("Graph:GraphQL:PersistedOperations").</summary>
    public sealed class PersistedOperationsOptions
    {
        /// <summary>The trusted documents: a folder of <c>{sha256}.graphql</c> files or a JSON manifest; relative paths
        /// start at the content root. Empty: none.</summary>
        public string? Path { get; set; }

        /// <summary>Whether clients may register documents by hash (automatic persisted queries).</summary>
        public bool AutomaticRegistration { get; set; } = true;

        /// <summary>The production switch: only documents of the trusted store run (registration is then off).</summary>
        public bool OnlyPersisted { get; set; }

        /// <summary>How long caches may keep the answer to a GET naming a persisted document.</summary>
        public TimeSpan CacheMaxAge { get; set; } = TimeSpan.FromSeconds(60);
    }

    /// <summary>The Banana Cake Pop IDE a browser gets at /graphql ("Graph:GraphQL:Ide").</summary>
    public sealed class IdeOptions
    {
        /// <summary>Whether the IDE is served (appsettings: true). A production deployment may switch it off
        /// (<c>Graph__GraphQL__Ide__Enabled=false</c>): browsers then get 406, GraphQL requests are unchanged.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>The folder of the IDE's files; relative paths start at the content root. Empty: wwwroot/graphql-ide
        /// (the container image), else the repository's node_modules/@chillicream/bananacakepop-graphql-ide (npm install).</summary>
        public string? Path { get; set; }
    }

    /// <summary>
    /// How many requests the GraphQL endpoint (HTTP requests and WebSocket upgrades on /graphql) takes from one client in a
    /// window ("Graph:RateLimits"). Counted per instance: behind a load balancer each instance counts on its own.
    /// </summary>
    public sealed class RateLimitsOptions
    {
        /// <summary>Whether requests are limited at all (benchmarks switch it off with <c>Graph__RateLimits__Enabled=false</c>).</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>The requests an authenticated user (claim <c>sub</c>) may make in one window, over all their sessions.</summary>
        public int PerUserPerHour { get; set; } = 1000;

        /// <summary>The requests an anonymous client (one remote IP address) may make in one window.</summary>
        public int PerAnonymousPerHour { get; set; } = 100;

        /// <summary>The length of the fixed window the budgets above are counted in.</summary>
        public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
    }

    /// <summary>Which browser origins may call /graphql from their pages ("Graph:Cors").</summary>
    public sealed class CorsOptions
    {
        /// <summary>
        /// The allowed origins (scheme, host and port, e.g. <c>https://admin.example.org</c>); none by default, so browsers
        /// only call the endpoint from pages it serves itself.
        /// </summary>
        public string[] Origins { get; set; } = [];
    }

    /// <summary>The outbox's dispatcher and the password reset ("Graph:Notifications").</summary>
    public sealed class NotificationsOptions
    {
        public DispatcherOptions Dispatcher { get; set; } = new();

        public PasswordResetOptions PasswordReset { get; set; } = new();

        /// <summary>Who delivers each channel ("Graph:Notifications:Senders:Sms", ":Email", ":Push").</summary>
        public SendersOptions Senders { get; set; } = new();
    }

    /// <summary>The sender of each channel.</summary>
    public sealed class SendersOptions
    {
        public SenderOptions Sms { get; set; } = new();

        public SenderOptions Email { get; set; } = new();

        public SenderOptions Push { get; set; } = new();
    }

    /// <summary>
    /// One channel's sender. <c>Kind</c>: <c>Development</c> (logs and keeps what it would send; the default in
    /// Development, refused elsewhere), <c>Webhook</c> (a signed JSON POST to <c>Url</c> with <c>Secret</c>), or
    /// <c>None</c> (the channel's messages wait in the outbox until a sender is configured). Outside Development a kind must
    /// be chosen for every channel.
    /// </summary>
    public sealed class SenderOptions
    {
        public string? Kind { get; set; }

        /// <summary>The gateway's address (Webhook).</summary>
        public string? Url { get; set; }

        /// <summary>The key the requests are signed with (Webhook): at least 32 characters.</summary>
        public string? Secret { get; set; }
    }

    /// <summary>How the outbox is drained ("Graph:Notifications:Dispatcher"). Every instance runs a dispatcher; they share
    /// the work through row locks.</summary>
    public sealed class DispatcherOptions
    {
        /// <summary>Whether this instance sends messages (a read-only replica or a maintenance tool switches it off).</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>How many messages one round claims.</summary>
        public int BatchSize { get; set; } = 40;

        /// <summary>How many messages of a round are sent at the same time.</summary>
        public int Concurrency { get; set; } = 8;

        /// <summary>How often the outbox is looked at when nothing woke the dispatcher (messages written by other
        /// instances, retries coming due).</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>Attempts before a message is DEAD.</summary>
        public int MaxAttempts { get; set; } = 6;

        /// <summary>The wait after the first failed attempt; it doubles after each further one (with ±20 % jitter).</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The longest wait between two attempts.</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

        /// <summary>How long one attempt (one call to a provider) may take.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long a claimed message is left to its dispatcher before another may take it (an instance that
        /// stopped mid-attempt); longer than <see cref="AttemptTimeout"/>.</summary>
        public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>Each priority's share of a round (URGENT, HIGH, NORMAL, LOW; default 8, 4, 2, 1); a share nobody needs
        /// goes to the most urgent messages waiting. Every share is at least one message, so LOW is never starved.</summary>
        /// <remarks>Empty by default: the configuration binder appends to an array it finds filled.</remarks>
        public int[] Shares { get; set; } = [];

        /// <summary>The shares in force: <see cref="Shares"/>, or 8, 4, 2, 1 when none are configured.</summary>
        public IReadOnlyList<int> EffectiveShares => Shares is { Length: > 0 } shares ? shares : [8, 4, 2, 1];
    }

    /// <summary>Password reset by a code sent through the outbox ("Graph:Notifications:PasswordReset").</summary>
    public sealed class PasswordResetOptions
    {
        /// <summary>How long a reset code may be used.</summary>
        public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Requests for one account within an hour after which no more codes are sent (the answer does not change).</summary>
        public int MaxRequestsPerAccountPerHour { get; set; } = 3;

        /// <summary>Requests from one client address within an hour after which no more codes are sent.</summary>
        public int MaxRequestsPerAddressPerHour { get; set; } = 10;

        /// <summary>Wrong codes typed from one client address within an hour after which resetPassword refuses that
        /// address (TooManyAttemptsError) until the oldest of them is an hour old.</summary>
        public int MaxFailedAttemptsPerAddressPerHour { get; set; } = 10;
    }
}
