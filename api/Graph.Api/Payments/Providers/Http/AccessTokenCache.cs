namespace Graph.Api.Payments.Providers.Http;

/// <summary>
/// One provider's OAuth access token, fetched once and reused until shortly before it expires (a tenth of its lifetime, at
/// most a minute, early), so that a burst of payments asks for one token. Concurrent callers wait for the same fetch.
/// </summary>
public sealed class AccessTokenCache(TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Token? _current;

    /// <summary>The current token, fetched with <paramref name="fetch"/> when there is none or it is about to expire.</summary>
    public async Task<string> GetAsync(Func<CancellationToken, Task<(string Token, TimeSpan Lifetime)>> fetch, CancellationToken cancellationToken)
    {
        if (_current is { } current && current.RenewAt > clock.GetUtcNow())
        {
            return current.Value;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fetched && fetched.RenewAt > clock.GetUtcNow())
            {
                return fetched.Value;
            }
            var (value, lifetime) = await fetch(cancellationToken);
            var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, lifetime.Ticks / 10));
            _current = new Token(value, clock.GetUtcNow() + lifetime - margin);
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops <paramref name="value"/> (the provider refused it): the next caller fetches a new token.</summary>
    public void Invalidate(string value)
    {
        if (_current is { } current && current.Value == value)
        {
            _current = null;
        }
    }

    private sealed record Token(string Value, DateTimeOffset RenewAt);
}
