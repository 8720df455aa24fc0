using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.Api.Tests.Identity;

/// <summary>login over HTTP: by email or phone, the same refusal whether or not the account exists, hashes renewed.</summary>
public sealed class LoginTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Password = "mangues-de-casamance";

    private IdentityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = IdentityHost.Start(database, services: s => s.AddSingleton<IPasswordHasher<User>, CountingHasher>());
        await _host.EnsureAccountAsync(email: "seydou@example.ml", phone: "+223 76 00 00 01", password: Password, displayName: "Seydou Keïta");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("seydou@example.ml")]
    [InlineData("  Seydou@Example.ML ")]
    [InlineData("+223 76 00 00 01")]
    [InlineData("0022376000001")]
    [InlineData("+223-76-00-00-01")]
    public async Task The_email_or_the_phone_however_written_signs_in(string login)
    {
        var payload = await _host.LoginAsync(login, Password);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal("Seydou Keïta", payload.GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal(["READER"], payload.GetProperty("user").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var claims = IdentityHost.Claims(IdentityHost.AccessToken(payload));
        Assert.Equal("READER", Assert.Single(claims.GetProperty("role").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Each_login_starts_its_own_session_named_by_the_device_or_else_the_user_agent()
    {
        var phone = await _host.LoginAsync("seydou@example.ml", Password, device: "Itel A70", clientAddress: "41.82.10.20");
        var browser = await _host.LoginAsync("seydou@example.ml", Password, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", clientAddress: "2c0f:f0f8::1");

        var phoneSession = Guid.Parse(IdentityHost.Claims(IdentityHost.AccessToken(phone)).GetProperty("sid").GetString()!);
        var browserSession = Guid.Parse(IdentityHost.Claims(IdentityHost.AccessToken(browser)).GetProperty("sid").GetString()!);
        Assert.NotEqual(phoneSession, browserSession);
        await using var db = database.CreateContext();
        var first = await db.Sessions.SingleAsync(s => s.Id == phoneSession);
        var second = await db.Sessions.SingleAsync(s => s.Id == browserSession);
        Assert.Equal(("Itel A70", "41.82.10.20"), (first.Device, first.IpAddress?.ToString()));
        Assert.Equal(("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "2c0f:f0f8::1"), (second.Device, second.IpAddress?.ToString()));
    }

    [Theory]
    [InlineData("seydou@example.ml", "mangues-de-casamancE")]
    [InlineData("seydou@example.ml", "")]
    [InlineData("nobody@example.ml", Password)]
    [InlineData("+223 76 99 99 99", Password)]
    [InlineData("not a login at all", Password)]
    [InlineData("", "")]
    public async Task A_wrong_password_and_an_unknown_login_get_the_same_answer(string login, string password)
    {
        var payload = await _host.LoginAsync(login, password);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("user").ValueKind);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("tokens").ValueKind);
        var (type, code, error) = IdentityHost.SingleError(payload);
        Assert.Equal(("InvalidCredentialsError", "INVALID_CREDENTIALS", "The login or the password is wrong."), (type, code, error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task An_unknown_login_is_checked_against_a_hash_too()
    {
        // Without a hash to check against, an unknown login would answer in a fraction of the time a known one takes.
        var hasher = (CountingHasher)_host.Services.GetRequiredService<IPasswordHasher<User>>();
        var before = hasher.Verifications;

        await _host.LoginAsync("ghost@example.ml", "whatever-it-is");

        Assert.Equal(before + 1, hasher.Verifications);
    }

    [Fact]
    public async Task A_hash_made_with_weaker_settings_is_renewed_at_the_next_login()
    {
        Guid userId;
        await using (var db = database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "seydou@example.ml");
            userId = user.Id;
            var weak = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 1_000 }));
            user.PasswordHash = weak.HashPassword(user, Password);
            await db.SaveChangesAsync();
        }
        string weakHash;
        await using (var db = database.CreateContext())
        {
            weakHash = (await db.Users.SingleAsync(u => u.Id == userId)).PasswordHash;
        }
        var hasher = _host.Services.GetRequiredService<IPasswordHasher<User>>();
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, hasher.VerifyHashedPassword(new User { DisplayName = "" }, weakHash, Password));

        var payload = await _host.LoginAsync("seydou@example.ml", Password);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        await using var check = database.CreateContext();
        var renewed = (await check.Users.SingleAsync(u => u.Id == userId)).PasswordHash;
        Assert.NotEqual(weakHash, renewed);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(new User { DisplayName = "" }, renewed, Password));
        Assert.Equal(JsonValueKind.Null, (await _host.LoginAsync("seydou@example.ml", Password)).GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task Every_attempt_is_recorded_under_the_accounts_one_name_for_throttling()
    {
        await _host.LoginAsync("+223 76 00 00 01", "not-the-password", clientAddress: "41.73.100.1");
        await _host.LoginAsync("0022376000001", Password, clientAddress: "41.73.100.1");

        await using var db = database.CreateContext();
        var attempts = await db.LoginAttempts.Where(a => a.IpAddress == System.Net.IPAddress.Parse("41.73.100.1")).OrderBy(a => a.Succeeded).ToListAsync();
        // Typed as a phone number, counted under the account's email address, as logins typed with it are.
        Assert.Equal([("seydou@example.ml", false), ("seydou@example.ml", true)], attempts.Select(a => (a.AccountKey, a.Succeeded)));
    }

    /// <summary>The server's hasher, counting the passwords it checks.</summary>
    private sealed class CountingHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
