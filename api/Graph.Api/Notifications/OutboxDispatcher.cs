using System.Text.Json;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Graph.Api.Notifications;

/// <summary>What one round of the dispatcher did.</summary>
/// <param name="Claimed">Messages claimed (each got an attempt).</param>
/// <param name="Sent">Messages the providers took.</param>
/// <param name="Failed">Messages whose attempt failed and that will be retried.</param>
/// <param name="Dead">Messages given up in this round (attempts exhausted, refused, or their last attempt lost).</param>
public sealed record DispatchRound(int Claimed, int Sent, int Failed, int Dead);

/// <summary>
/// Drains the outbox (<c>notification_outbox</c>), one round at a time:
/// <list type="number">
/// <item>Claims up to <c>BatchSize</c> due messages: each priority first gets its share of the round
/// (<c>Shares</c>, at least one message each, so LOW is never starved); then what is left of the round goes to the most
/// urgent messages still waiting. Rows are taken with <c>FOR UPDATE SKIP LOCKED</c> and their next attempt moved to the
/// end of the claim (<c>ClaimTimeout</c>), in one statement: dispatchers on several instances never claim the same
/// message, and a message whose dispatcher stopped mid-attempt is claimed again once its claim runs out.</item>
/// <item>Sends them, most urgent first, <c>Concurrency</c> at a time, each attempt within <c>AttemptTimeout</c>.</item>
/// <item>Records each result: SENT; FAILED with the next attempt after an exponential backoff (<c>RetryBaseDelay</c>
/// doubled per attempt, at most <c>RetryMaxDelay</c>, ±20 % jitter so that retries do not come back in a herd, never
/// sooner than the provider's <c>Retry-After</c>); or DEAD once <c>MaxAttempts</c> attempts failed or the provider refused
/// the message for good. Secret parameters are erased once a message is SENT or DEAD.</item>
/// </list>
/// A result is recorded only while the message still holds the attempt it was claimed with, so a late answer never
/// overwrites a newer attempt's.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    NotificationSenderRegistry senders,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    private const string Waiting = "status IN ('PENDING', 'FAILED')";

    private const string Returning = "RETURNING o.id, o.channel, o.priority, o.template, o.language, o.recipient, o.parameters, o.secret_parameters, o.attempts, o.max_attempts";

    // Each priority's share in its own locking sub-select: SKIP LOCKED passes over rows another dispatcher holds.
    private const string ClaimSharesSql = $"""
        WITH urgent AS (SELECT id FROM notification_outbox WHERE {Waiting} AND priority = 0 AND next_attempt_at <= $1 AND attempts < max_attempts AND channel = ANY($3)
                        ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED),
             high   AS (SELECT id FROM notification_outbox WHERE {Waiting} AND priority = 1 AND next_attempt_at <= $1 AND attempts < max_attempts AND channel = ANY($3)
                        ORDER BY next_attempt_at, id LIMIT $5 FOR UPDATE SKIP LOCKED),
             normal AS (SELECT id FROM notification_outbox WHERE {Waiting} AND priority = 2 AND next_attempt_at <= $1 AND attempts < max_attempts AND channel = ANY($3)
                        ORDER BY next_attempt_at, id LIMIT $6 FOR UPDATE SKIP LOCKED),
             low    AS (SELECT id FROM notification_outbox WHERE {Waiting} AND priority = 3 AND next_attempt_at <= $1 AND attempts < max_attempts AND channel = ANY($3)
                        ORDER BY next_attempt_at, id LIMIT $7 FOR UPDATE SKIP LOCKED),
             claimed AS (SELECT id FROM urgent UNION ALL SELECT id FROM high UNION ALL SELECT id FROM normal UNION ALL SELECT id FROM low)
        UPDATE notification_outbox o SET attempts = o.attempts + 1, last_attempt_at = $1, next_attempt_at = $2
        FROM claimed WHERE o.id = claimed.id
        {Returning}
        """;

    // The rest of the round: the most urgent messages still due, whatever their priority.
    private const string ClaimRestSql = $"""
        WITH claimed AS (SELECT id FROM notification_outbox WHERE {Waiting} AND next_attempt_at <= $1 AND attempts < max_attempts AND channel = ANY($3)
                         ORDER BY priority, next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
        UPDATE notification_outbox o SET attempts = o.attempts + 1, last_attempt_at = $1, next_attempt_at = $2
        FROM claimed WHERE o.id = claimed.id
        {Returning}
        """;

    // A message whose last allowed attempt was claimed and never answered (its dispatcher stopped): given up.
    private const string BuryLostSql = $"""
        UPDATE notification_outbox SET status = 'DEAD', secret_parameters = NULL,
            last_error = 'The last attempt was claimed by a dispatcher that never reported back.'
        WHERE {Waiting} AND attempts >= max_attempts AND next_attempt_at <= $1
        """;

    private const string SentSql = """
        UPDATE notification_outbox SET status = 'SENT', sent_at = $3, provider_message_id = $4, last_error = NULL, secret_parameters = NULL
        WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'FAILED')
        """;

    private const string FailedSql = """
        UPDATE notification_outbox SET status = 'FAILED', last_error = $3, next_attempt_at = $4
        WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'FAILED')
        """;

    private const string DeadSql = """
        UPDATE notification_outbox SET status = 'DEAD', last_error = $3, secret_parameters = NULL
        WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'FAILED')
        """;

    private GraphOptions.DispatcherOptions Settings => options.Value.Notifications.Dispatcher;

    /// <summary>How many messages of a round of <paramref name="batchSize"/> (at least 4) each priority gets first, URGENT
    /// to LOW: proportional to <paramref name="shares"/> (a share below 1 counts as 1), at least one each; URGENT gets
    /// what the others leave.</summary>
    public static int[] Quotas(int batchSize, IReadOnlyList<int> shares)
    {
        var size = Math.Max(MinimumBatchSize, batchSize);
        var weights = Enumerable.Range(0, 4).Select(i => Math.Max(1, i < shares.Count ? shares[i] : 1)).ToArray();
        var total = weights.Sum();
        var quotas = weights.Select(w => Math.Max(1, size * w / total)).ToArray();
        quotas[0] = size - quotas[1] - quotas[2] - quotas[3];
        return quotas;
    }

    /// <summary>What is wrong with "Graph:Notifications:Dispatcher" (the server refuses to start).</summary>
    public static IEnumerable<string> Problems(GraphOptions.DispatcherOptions settings)
    {
        const string key = "Graph__Notifications__Dispatcher__";
        if (settings.BatchSize is < MinimumBatchSize or > 1000)
        {
            yield return $"{key}BatchSize must be a whole number from {MinimumBatchSize} to 1000.";
        }
        if (settings.Concurrency is < 1 or > 100)
        {
            yield return $"{key}Concurrency must be a whole number from 1 to 100.";
        }
        if (settings.MaxAttempts is < 1 or > 100)
        {
            yield return $"{key}MaxAttempts must be a whole number from 1 to 100.";
        }
        if (settings.PollInterval < TimeSpan.FromMilliseconds(50) || settings.PollInterval > TimeSpan.FromHours(1))
        {
            yield return $"{key}PollInterval must be between 00:00:00.050 and 01:00:00.";
        }
        if (settings.RetryBaseDelay <= TimeSpan.Zero || settings.RetryMaxDelay < settings.RetryBaseDelay)
        {
            yield return $"{key}RetryBaseDelay must be positive and at most {key}RetryMaxDelay.";
        }
        if (settings.AttemptTimeout <= TimeSpan.Zero || settings.ClaimTimeout <= settings.AttemptTimeout)
        {
            yield return $"{key}ClaimTimeout must be longer than {key}AttemptTimeout (a message is claimed again when its claim runs out).";
        }
    }

    /// <summary>The smallest round: one message of each priority.</summary>
    public const int MinimumBatchSize = 4;

    /// <summary>The wait before the attempt after failed attempt number <paramref name="attempt"/> (1 for the first), before jitter.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Claims, sends and records one round. Returns what it did; a round that claimed nothing means the outbox
    /// has nothing due (for the channels with a sender).</summary>
    public async Task<DispatchRound> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = Settings;
        var channels = senders.Channels.Select(EnumNames<NotificationChannel>.ToName).ToArray();
        var now = clock.GetUtcNow().UtcDateTime;
        var dead = await ExecuteAsync(BuryLostSql, cancellationToken, now);
        if (channels.Length == 0)
        {
            return new DispatchRound(0, 0, 0, dead);
        }

        var batchSize = Math.Max(MinimumBatchSize, settings.BatchSize);
        var claimUntil = now + settings.ClaimTimeout;
        var quotas = Quotas(batchSize, settings.EffectiveShares);
        var claimed = await ClaimAsync(ClaimSharesSql, [now, claimUntil, channels, quotas[0], quotas[1], quotas[2], quotas[3]], cancellationToken);
        if (claimed.Count < batchSize)
        {
            claimed.AddRange(await ClaimAsync(ClaimRestSql, [now, claimUntil, channels, batchSize - claimed.Count], cancellationToken));
        }
        if (claimed.Count == 0)
        {
            return new DispatchRound(0, 0, 0, dead);
        }

        claimed.Sort((a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : a.Id.CompareTo(b.Id));
        int sent = 0, failed = 0;
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Concurrency), CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                var outcome = await DeliverAsync(message, settings, ct);
                switch (outcome)
                {
                    case SendOutcome.Sent:
                        Interlocked.Increment(ref sent);
                        break;
                    case SendOutcome.Failed:
                        Interlocked.Increment(ref failed);
                        break;
                    default:
                        Interlocked.Increment(ref dead);
                        break;
                }
            });
        return new DispatchRound(claimed.Count, sent, failed, dead);
    }

    /// <summary>One attempt at one message, and its result recorded. Returns the outcome (Rejected for DEAD).</summary>
    private async Task<SendOutcome> DeliverAsync(ClaimedMessage message, GraphOptions.DispatcherOptions settings, CancellationToken cancellationToken)
    {
        SendResult result;
        var sender = senders.For(message.Channel);
        if (sender is null)
        {
            result = SendResult.Failed($"No sender is configured for {EnumNames<NotificationChannel>.ToName(message.Channel)} messages.");
        }
        else if (!TryRender(message, out var outgoing, out var problem))
        {
            result = SendResult.Rejected(problem);
        }
        else
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(settings.AttemptTimeout);
            try
            {
                result = await sender.SendAsync(outgoing, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = SendResult.Failed(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The sender did not answer within {settings.AttemptTimeout.TotalSeconds:0.###} s."));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The {Channel} sender threw for outbox message {MessageId}.", message.Channel, message.Id);
                result = SendResult.Failed($"The sender failed: {ex.GetType().Name}.");
            }
        }

        // The message's fate is recorded even when the host is stopping: the attempt was made.
        var now = clock.GetUtcNow().UtcDateTime;
        var error = Cut(result.Error);
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                await ExecuteAsync(SentSql, CancellationToken.None, message.Id, message.Attempts, now, (object?)Cut(result.ProviderMessageId, 200) ?? DBNull.Value);
                return SendOutcome.Sent;
            case SendOutcome.Failed when message.Attempts < message.MaxAttempts:
                var wait = Backoff(message.Attempts, settings.RetryBaseDelay, settings.RetryMaxDelay) * (0.8 + (0.4 * Random.Shared.NextDouble()));
                if (result.RetryAfter is { } asked && asked > wait)
                {
                    wait = asked < settings.RetryMaxDelay ? asked : settings.RetryMaxDelay;
                }
                await ExecuteAsync(FailedSql, CancellationToken.None, message.Id, message.Attempts, error!, now + wait);
                logger.LogInformation("Outbox message {MessageId} ({Channel}) failed attempt {Attempt}: {Error} Next attempt in {Wait}.",
                    message.Id, message.Channel, message.Attempts, error, wait);
                return SendOutcome.Failed;
            default:
                await ExecuteAsync(DeadSql, CancellationToken.None, message.Id, message.Attempts, error ?? "Given up.");
                logger.LogWarning("Outbox message {MessageId} ({Channel}, {Template}) is DEAD after {Attempts} attempt(s): {Error}",
                    message.Id, message.Channel, message.Template, message.Attempts, error);
                return SendOutcome.Rejected;
        }
    }

    private static bool TryRender(ClaimedMessage message, out OutgoingMessage outgoing, out string problem)
    {
        outgoing = null!;
        problem = "";
        if (NotificationTemplates.Find(message.Template) is not { } template)
        {
            problem = $"The template '{message.Template}' no longer exists.";
            return false;
        }
        var values = new Dictionary<string, string>(message.Parameters, StringComparer.Ordinal);
        foreach (var (name, value) in message.SecretParameters)
        {
            values[name] = value;
        }
        var missing = template.MissingParameters(values);
        if (missing.Count > 0)
        {
            problem = template.Secrets.Overlaps(missing)
                ? "The message's secret values were erased (it was sent or given up before): it cannot be sent again."
                : $"The template '{message.Template}' needs {string.Join(", ", missing)}, which the message lacks.";
            return false;
        }
        var text = template.Render(message.Language, values);
        outgoing = new OutgoingMessage(message.Id, message.Channel, message.Priority, message.Recipient, template.LanguageFor(message.Language),
            template.Key, text.Title, text.Body, message.Attempts);
        return true;
    }

    private async Task<List<ClaimedMessage>> ClaimAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value is string[] names
                ? new NpgsqlParameter { Value = names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = value });
        }
        var claimed = new List<ClaimedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMessage(
                reader.GetGuid(0),
                EnumNames<NotificationChannel>.Parse(reader.GetString(1)),
                (NotificationPriority)reader.GetInt16(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                ReadValues(reader.GetString(6)),
                reader.IsDBNull(7) ? new Dictionary<string, string>() : ReadValues(reader.GetString(7)),
                reader.GetInt32(8),
                reader.GetInt32(9)));
        }
        return claimed;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Dictionary<string, string> ReadValues(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private static string? Cut(string? text, int length = OutboxMessage.MaxErrorLength) =>
        text is null || text.Length <= length ? text : text[..length];

    private sealed record ClaimedMessage(
        Guid Id,
        NotificationChannel Channel,
        NotificationPriority Priority,
        string Template,
        string Language,
        string Recipient,
        Dictionary<string, string> Parameters,
        Dictionary<string, string> SecretParameters,
        int Attempts,
        int MaxAttempts);
}
