using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Identity;

/// <summary>register over HTTP: the account saved and signed in, or typed errors and nothing saved.</summary>
public sealed class RegisterTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IdentityHost _host = null!;

    public Task InitializeAsync()
    {
        _host = IdentityHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<int> CountUsersAsync()
    {
        await using var db = database.CreateContext();
        return await db.Users.CountAsync();
    }

    [Fact]
    public async Task A_new_account_is_saved_as_a_reader_and_signed_in()
    {
        var payload = await _host.RegisterAsync(new
        {
            email = "  Mariama.Ba@Example.SN ",
            phone = "+221 77 555 01 01",
            displayName = " Mariama Bâ ",
            password = "une-si-longue-lettre",
            preferredLanguage = "WO",
            device = "Tecno Spark 10",
        }, clientAddress: "196.207.224.10", userAgent: "Coko/3.2 (Android 13)");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var user = payload.GetProperty("user");
        Assert.Equal("mariama.ba@example.sn", user.GetProperty("email").GetString());
        Assert.Equal("+221775550101", user.GetProperty("phone").GetString());
        Assert.Equal("Mariama Bâ", user.GetProperty("displayName").GetString());
        Assert.Equal("WO", user.GetProperty("preferredLanguage").GetString());
        Assert.Equal(["READER"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(_host.Clock.GetUtcNow(), user.GetProperty("createdAt").GetDateTimeOffset());
        var userId = GlobalIds.KeyOf(user.GetProperty("id").GetString()!);

        var tokens = payload.GetProperty("tokens");
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.Equal(_host.Clock.GetUtcNow().AddHours(1), tokens.GetProperty("accessTokenExpiresAt").GetDateTimeOffset());
        Assert.Equal(_host.Clock.GetUtcNow().AddDays(7), tokens.GetProperty("refreshTokenExpiresAt").GetDateTimeOffset());
        var claims = IdentityHost.Claims(tokens.GetProperty("accessToken").GetString()!);
        Assert.Equal(userId.ToString("D"), claims.GetProperty("sub").GetString());
        Assert.Equal("Mariama Bâ", claims.GetProperty("name").GetString());
        Assert.Equal("graph", claims.GetProperty("iss").GetString());
        Assert.Equal("graph", claims.GetProperty("aud").GetString());

        await using var db = database.CreateContext();
        var saved = await db.Users.Include(u => u.Roles).SingleAsync(u => u.Id == userId);
        Assert.Equal(PreferredLanguage.Wo, saved.PreferredLanguage);
        Assert.Equal(PlatformRole.Reader, Assert.Single(saved.Roles!).Role);
        // Version 3, HMAC-SHA512, 100,000 iterations, a 16-byte salt.
        Assert.StartsWith("AQAAAAIAAYagAAAAE", saved.PasswordHash);
        Assert.DoesNotContain("une-si-longue-lettre", saved.PasswordHash);
        Assert.Equal(PasswordVerificationResult.Success,
            _host.Services.GetRequiredService<IPasswordHasher<User>>().VerifyHashedPassword(saved, saved.PasswordHash, "une-si-longue-lettre"));
        var session = await db.Sessions.SingleAsync(s => s.UserId == userId);
        Assert.Equal(Guid.Parse(claims.GetProperty("sid").GetString()!), session.Id);
        Assert.Equal("Tecno Spark 10", session.Device);
        Assert.Equal("196.207.224.10", session.IpAddress?.ToString());
        Assert.Equal("Coko/3.2 (Android 13)", session.UserAgent);
        var refresh = await db.RefreshTokens.SingleAsync(t => t.SessionId == session.Id);
        Assert.Equal(RefreshTokens.Hash(tokens.GetProperty("refreshToken").GetString()), refresh.TokenHash);
    }

    [Fact]
    public async Task A_phone_number_alone_is_enough_and_french_is_the_default_language()
    {
        var payload = await _host.RegisterOkAsync(phone: "00225 07 08 09 10 11", displayName: "Koffi Yao");

        var user = payload.GetProperty("user");
        Assert.Equal(JsonValueKind.Null, user.GetProperty("email").ValueKind);
        Assert.Equal("+2250708091011", user.GetProperty("phone").GetString());
        Assert.Equal("FR", user.GetProperty("preferredLanguage").GetString());
    }

    [Fact]
    public async Task The_hash_never_reaches_the_graph()
    {
        var response = await _host.SendAsync("""{ __type(name: "User") { fields { name } } }""");

        var fields = response.Body.GetProperty("data").GetProperty("__type").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(["id", "email", "phone", "displayName", "preferredLanguage", "createdAt", "roles"], fields);
    }

    public static TheoryData<string, string, string, string> InvalidInputs => new()
    {
        { "neither email nor phone", "InvalidAccountInputError", "email", "Give an email address or a phone number (or both) to sign in with." },
        { "bad email", "InvalidAccountInputError", "email", "The email address is not valid: it reads like name@example.com." },
        { "phone without country code", "InvalidAccountInputError", "phone", "Write the phone number with its country code, e.g. +221 77 123 45 67." },
        { "phone too short", "InvalidAccountInputError", "phone", "Phone numbers in Senegal (+221) have 9 digits after the country code." },
        { "empty name", "InvalidAccountInputError", "displayName", "The display name must not be empty." },
        { "long name", "InvalidAccountInputError", "displayName", "The display name has more than 100 characters." },
        { "short password", "WeakPasswordError", "password", "The password must have at least 10 characters." },
        { "long password", "WeakPasswordError", "password", "The password must have at most 128 characters." },
        { "common password", "WeakPasswordError", "password", "This password is among the most common ones, which are tried first: choose another." },
        { "password is the email", "WeakPasswordError", "password", "The password must not be the account's email address or phone number." },
        { "password is the phone", "WeakPasswordError", "password", "The password must not be the account's email address or phone number." },
    };

    private static object InvalidInput(string name) => name switch
    {
        "neither email nor phone" => new { displayName = "Awa", password = "baobab-sous-la-pluie" },
        "bad email" => new { email = "awa.example.sn", displayName = "Awa", password = "baobab-sous-la-pluie" },
        "phone without country code" => new { phone = "77 123 45 67", displayName = "Awa", password = "baobab-sous-la-pluie" },
        "phone too short" => new { phone = "+221 77 123 45", displayName = "Awa", password = "baobab-sous-la-pluie" },
        "empty name" => new { email = "awa@example.sn", displayName = "  ", password = "baobab-sous-la-pluie" },
        "long name" => new { email = "awa@example.sn", displayName = new string('a', 101), password = "baobab-sous-la-pluie" },
        "short password" => new { email = "awa@example.sn", displayName = "Awa", password = "baobab" },
        "long password" => new { email = "awa@example.sn", displayName = "Awa", password = new string('b', 129) + "!" },
        "common password" => new { email = "awa@example.sn", displayName = "Awa", password = "Azerty123456" },
        "password is the email" => new { email = "awa.diop@example.sn", displayName = "Awa", password = "AWA.DIOP@example.sn" },
        "password is the phone" => new { phone = "+221 78 000 11 22", displayName = "Awa", password = "00221780001122" },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_input_is_a_typed_error_and_saves_nothing(string name, string type, string field, string message)
    {
        var before = await CountUsersAsync();

        var payload = await _host.RegisterAsync(InvalidInput(name));

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("user").ValueKind);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("tokens").ValueKind);
        var (actualType, code, error) = IdentityHost.SingleError(payload);
        Assert.Equal(type, actualType);
        Assert.Equal(type == "WeakPasswordError" ? "WEAK_PASSWORD" : "INVALID_ACCOUNT_INPUT", code);
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task Every_broken_rule_is_reported_at_once()
    {
        var payload = await _host.RegisterAsync(new { email = "nope", phone = "12", displayName = "", password = "short" });

        Assert.Equal(
            ["InvalidAccountInputError:email", "InvalidAccountInputError:phone", "InvalidAccountInputError:displayName", "WeakPasswordError:password"],
            payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("__typename").GetString() + ":" + e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task An_email_or_phone_already_registered_is_refused_however_it_is_written()
    {
        await _host.RegisterOkAsync(email: "fatou@example.sn", phone: "+221 76 000 00 01");
        var before = await CountUsersAsync();

        var email = await _host.RegisterAsync(new { email = "FATOU@example.SN", displayName = "Fatou", password = "baobab-sous-la-pluie" });
        var phone = await _host.RegisterAsync(new { phone = "00221-76-000-00-01", displayName = "Fatou", password = "baobab-sous-la-pluie" });

        var (type, code, error) = IdentityHost.SingleError(email);
        Assert.Equal(("AccountAlreadyExistsError", "ACCOUNT_ALREADY_EXISTS", "email"), (type, code, error.GetProperty("field").GetString()));
        (type, code, error) = IdentityHost.SingleError(phone);
        Assert.Equal(("AccountAlreadyExistsError", "ACCOUNT_ALREADY_EXISTS", "phone"), (type, code, error.GetProperty("field").GetString()));
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task Two_registrations_of_one_address_at_once_create_one_account()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _host.RegisterAsync(new { email = "simultane@example.sn", displayName = "Awa", password = "baobab-sous-la-pluie" })));

        Assert.Single(results, r => r.GetProperty("errors").ValueKind == JsonValueKind.Null);
        Assert.All(results.Where(r => r.GetProperty("errors").ValueKind != JsonValueKind.Null),
            r => Assert.Equal("ACCOUNT_ALREADY_EXISTS", IdentityHost.SingleError(r).Code));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == "simultane@example.sn"));
    }

    [Fact]
    public async Task A_language_the_platform_does_not_speak_is_a_graphql_error()
    {
        var response = await _host.SendAsync(IdentityHost.RegisterMutation, new Dictionary<string, object?>
        {
            ["input"] = new { email = "lang@example.sn", displayName = "Awa", password = "baobab-sous-la-pluie", preferredLanguage = "DE" },
        });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_USER_INPUT", response.ErrorCode);
    }
}
