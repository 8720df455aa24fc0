using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Graph.Api.Audit;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Identity;

/// <summary>
/// requestPasswordReset and resetPassword over HTTP against a real database: the code travels through the outbox (read here
/// from its secret parameters), the answer to a request never tells whether the account exists, a code works once and not
/// after it expires, a reset ends every session and voids the other codes, and both mutations are throttled.
/// </summary>
/// <remarks>Tests of the class share a database and start at the same instant of their own clocks, so each one uses its
/// own accounts and its own client addresses.</remarks>
public sealed partial class PasswordResetTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Password = "mafe-de-la-grand-mere";
    private const string NewPassword = "yassa-au-citron-vert";

    private const string RequestMutation = """
        mutation($input: RequestPasswordResetInput!) {
          requestPasswordReset(input: $input) {
            accepted
            errors { __typename ... on Error { message code } ... on InvalidAccountInputError { field } }
          }
        }
        """;

    private const string ResetMutation = """
        mutation($input: ResetPasswordInput!) {
          resetPassword(input: $input) {
            user { id email phone }
            errors { __typename ... on Error { message code } ... on WeakPasswordError { field } ... on TooManyAttemptsError { retryAfterSeconds } }
          }
        }
        """;

    /// <summary>The dispatcher, where there is one, would send the messages and erase their codes before the tests read them.</summary>
    private static readonly Dictionary<string, string?> Settings = new() { ["Graph:Notifications:Dispatcher:Enabled"] = "false" };

    private IdentityHost Start() => IdentityHost.Start(database, Settings);

    private static async Task<GraphQLHttpResponse> RequestAsync(IdentityHost host, string login, string clientAddress)
    {
        var response = await host.SendAsync(RequestMutation, new { input = new { login } }, clientAddress: clientAddress);
        response.Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        Assert.False(response.HasErrors, response.Text);
        return response;
    }

    private static async Task<JsonElement> ResetAsync(IdentityHost host, string code, string newPassword, string clientAddress)
    {
        var response = await host.SendAsync(ResetMutation, new { input = new { code, newPassword } }, clientAddress: clientAddress);
        response.Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data").GetProperty("resetPassword").Clone();
    }

    private static string Outcome(JsonElement payload) =>
        payload.GetProperty("errors").ValueKind == JsonValueKind.Null ? "reset" : IdentityHost.SingleError(payload).Code;

    /// <summary>The reset messages sent to <paramref name="recipient"/>, oldest first.</summary>
    private async Task<List<OutboxMessage>> ResetMessagesAsync(string recipient)
    {
        await using var db = database.CreateContext();
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Template == NotificationTemplates.PasswordReset && m.Recipient == recipient)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync();
    }

    /// <summary>The code of the latest reset message to <paramref name="recipient"/>, as the message shows it.</summary>
    private async Task<string> LatestCodeAsync(string recipient)
    {
        var message = (await ResetMessagesAsync(recipient)).Last();
        return message.SecretParameters!.RootElement.GetProperty("code").GetString()!;
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var db = database.CreateContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task<string> PasswordHashAsync(Guid userId)
    {
        await using var db = database.CreateContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync();
    }

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")]
    private static partial Regex ShownCode();

    [Fact]
    public async Task The_answer_is_the_same_to_the_byte_whether_or_not_the_account_exists()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "aissatou@example.sn", phone: "+221 77 555 01 01", password: Password);

        var byEmail = await RequestAsync(host, "Aissatou@Example.SN", "41.82.10.1");
        var byUnknownEmail = await RequestAsync(host, "personne@example.sn", "41.82.10.1");
        var byPhone = await RequestAsync(host, "+221 77 555 01 01", "41.82.10.1");
        var byUnknownPhone = await RequestAsync(host, "+221 77 555 09 09", "41.82.10.1");

        Assert.Equal("""{"data":{"requestPasswordReset":{"accepted":true,"errors":null}}}""", byEmail.Text);
        Assert.Equal(byEmail.Text, byUnknownEmail.Text);
        Assert.Equal(byEmail.Text, byPhone.Text);
        Assert.Equal(byEmail.Text, byUnknownPhone.Text);
        Assert.Empty(await ResetMessagesAsync("personne@example.sn"));
        Assert.Empty(await ResetMessagesAsync("+221775550909"));
        await using var db = database.CreateContext();
        // Every request is recorded, so both cases do the same writes but the code and its message.
        Assert.Equal(4, await db.PasswordResetRequests.CountAsync(r => r.IpAddress == IPAddress.Parse("41.82.10.1")));
    }

    [Fact]
    public async Task Both_cases_send_the_database_the_same_number_of_commands()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "bineta@example.sn", password: Password);
        // Warm both paths (compiled queries, the first connection).
        await RequestAsync(host, "bineta@example.sn", "41.82.11.1");
        await RequestAsync(host, "nobody-bineta@example.sn", "41.82.11.1");

        int known, unknown;
        using (var commands = new SqlCommandCounter(database.Name))
        {
            await RequestAsync(host, "bineta@example.sn", "41.82.11.2");
            known = commands.Count;
        }
        using (var commands = new SqlCommandCounter(database.Name))
        {
            await RequestAsync(host, "nobody-bineta@example.sn", "41.82.11.2");
            unknown = commands.Count;
        }

        Assert.Equal(2, (await ResetMessagesAsync("bineta@example.sn")).Count);
        Assert.True(known > 0);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task An_email_login_puts_one_email_in_the_outbox_with_the_code_kept_secret()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "coumba@example.sn", phone: "+221 77 555 02 02", password: Password);

        await RequestAsync(host, "coumba@example.sn", "41.82.12.1");

        var message = Assert.Single(await ResetMessagesAsync("coumba@example.sn"));
        Assert.Empty(await ResetMessagesAsync("+221775550202"));
        Assert.Equal(NotificationChannel.Email, message.Channel);
        Assert.Equal(NotificationPriority.Urgent, message.Priority);
        Assert.Equal(NotificationCategory.Account, message.Category);
        Assert.Equal("fr", message.Language);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(await UserIdAsync("coumba@example.sn"), message.UserId);
        Assert.Equal(new[] { ("minutes", "30") }, message.Parameters.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        var code = message.SecretParameters!.RootElement.GetProperty("code").GetString()!;
        Assert.Matches(ShownCode(), code);
        Assert.Equal(new[] { "code" }, message.SecretParameters.RootElement.EnumerateObject().Select(p => p.Name));

        // The database keeps the code's SHA-256 only, with its expiry.
        await using var db = database.CreateContext();
        var stored = await db.PasswordResetCodes.AsNoTracking().SingleAsync(c => c.UserId == message.UserId);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(code.Replace("-", ""))), stored.CodeHash);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime.AddMinutes(30), stored.ExpiresAt);
        Assert.Null(stored.UsedAt);
    }

    [Fact]
    public async Task A_phone_login_sends_the_code_by_SMS_in_the_users_language()
    {
        await using var host = Start();
        var registered = await host.RegisterAsync(new Dictionary<string, object?>
        {
            ["email"] = "kwame@example.gh",
            ["phone"] = "+233 24 555 0303",
            ["displayName"] = "Kwame Mensah",
            ["password"] = Password,
            ["preferredLanguage"] = "EN",
        });
        Assert.Equal(JsonValueKind.Null, registered.GetProperty("errors").ValueKind);

        await RequestAsync(host, "00233 24 555 0303", "41.82.13.1");

        var message = Assert.Single(await ResetMessagesAsync("+233245550303"));
        Assert.Empty(await ResetMessagesAsync("kwame@example.gh"));
        Assert.Equal(NotificationChannel.Sms, message.Channel);
        Assert.Equal("en", message.Language);
        Assert.Matches(ShownCode(), message.SecretParameters!.RootElement.GetProperty("code").GetString()!);
        Assert.False(message.Parameters.RootElement.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task A_login_that_is_neither_an_email_address_nor_a_phone_number_gets_a_typed_error_and_writes_nothing()
    {
        await using var host = Start();
        var before = await TableRows.CountAsync(database.ConnectionString);

        var response = await RequestAsync(host, "awa diop", "41.82.14.1");

        var payload = response.Body.GetProperty("data").GetProperty("requestPasswordReset");
        Assert.False(payload.GetProperty("accepted").GetBoolean());
        var (type, code, error) = IdentityHost.SingleError(payload);
        Assert.Equal("InvalidAccountInputError", type);
        Assert.Equal("INVALID_ACCOUNT_INPUT", code);
        Assert.Equal("login", error.GetProperty("field").GetString());
        Assert.Equal(before, await TableRows.CountAsync(database.ConnectionString));
    }

    [Fact]
    public async Task A_code_resets_the_password_once_typed_in_any_case_with_any_spacing()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "dieynaba@example.sn", password: Password);
        await RequestAsync(host, "dieynaba@example.sn", "41.82.15.1");
        var code = await LatestCodeAsync("dieynaba@example.sn");
        // As someone might type it from an SMS: lower case, a space instead of the hyphen, O for 0 and l for 1.
        var typed = code.ToLowerInvariant().Replace('-', ' ').Replace('0', 'O').Replace('1', 'l');

        var reset = await ResetAsync(host, typed, NewPassword, "41.82.15.1");
        var again = await ResetAsync(host, code, "thieboudienne-du-vendredi", "41.82.15.1");

        Assert.Equal("reset", Outcome(reset));
        Assert.Equal("dieynaba@example.sn", reset.GetProperty("user").GetProperty("email").GetString());
        var (type, errorCode, error) = IdentityHost.SingleError(again);
        Assert.Equal("InvalidResetCodeError", type);
        Assert.Equal("INVALID_RESET_CODE", errorCode);
        Assert.Equal("This reset code is not valid or has expired: check it, or ask for a new one.", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("user").ValueKind);
        Assert.Equal("INVALID_CREDENTIALS", IdentityHost.SingleError(await host.LoginAsync("dieynaba@example.sn", Password)).Code);
        Assert.Equal(JsonValueKind.Null, (await host.LoginAsync("dieynaba@example.sn", NewPassword)).GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_changes_nothing()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "fatou@example.sn", password: Password);
        var userId = await UserIdAsync("fatou@example.sn");
        await RequestAsync(host, "fatou@example.sn", "41.82.16.1");
        var code = await LatestCodeAsync("fatou@example.sn");
        var hash = await PasswordHashAsync(userId);

        host.Clock.Advance(TimeSpan.FromMinutes(30));
        var expired = await ResetAsync(host, code, NewPassword, "41.82.16.1");

        Assert.Equal("INVALID_RESET_CODE", Outcome(expired));
        Assert.Equal(hash, await PasswordHashAsync(userId));
        Assert.Equal(JsonValueKind.Null, (await host.LoginAsync("fatou@example.sn", Password)).GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task A_code_still_works_a_moment_before_it_expires()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "gnilane@example.sn", password: Password);
        await RequestAsync(host, "gnilane@example.sn", "41.82.17.1");

        host.Clock.Advance(TimeSpan.FromMinutes(29));

        Assert.Equal("reset", Outcome(await ResetAsync(host, await LatestCodeAsync("gnilane@example.sn"), NewPassword, "41.82.17.1")));
    }

    [Theory]
    [InlineData(1, "court-1", "The password must have at least 10 characters.")]
    [InlineData(2, "1234567890", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData(3, "Khady3@Example.SN", "The password must not be the account's email address or phone number.")]
    public async Task A_weak_new_password_is_refused_and_changes_nothing(int n, string weak, string problem)
    {
        await using var host = Start();
        var email = $"khady{n}@example.sn";
        await host.RegisterOkAsync(email: email, password: Password);
        var address = $"41.82.18.{n}";
        await RequestAsync(host, email, address);
        var code = await LatestCodeAsync(email);
        var before = await TableRows.CountAsync(database.ConnectionString);

        var refused = await ResetAsync(host, code, weak, address);

        var (type, errorCode, error) = IdentityHost.SingleError(refused);
        Assert.Equal("WeakPasswordError", type);
        Assert.Equal("WEAK_PASSWORD", errorCode);
        Assert.Equal("newPassword", error.GetProperty("field").GetString());
        Assert.Equal(problem, error.GetProperty("message").GetString());
        // Not a wrong code either: nothing was written, and the code still works.
        Assert.Equal(before, await TableRows.CountAsync(database.ConnectionString));
        Assert.Equal("reset", Outcome(await ResetAsync(host, code, NewPassword, address)));
    }

    [Fact]
    public async Task A_reset_ends_every_session_voids_the_other_codes_and_tells_the_user()
    {
        await using var host = Start();
        var registered = await host.RegisterOkAsync(email: "mame@example.sn", phone: "+221 77 555 04 04", password: Password);
        var login = await host.LoginAsync("mame@example.sn", Password, device: "Tecno Spark");
        var userId = await UserIdAsync("mame@example.sn");
        await RequestAsync(host, "mame@example.sn", "41.82.19.1");
        var emailed = await LatestCodeAsync("mame@example.sn");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RequestAsync(host, "+221775550404", "41.82.19.1");
        var texted = await LatestCodeAsync("+221775550404");
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        var reset = await ResetAsync(host, texted, NewPassword, "41.82.19.2");

        Assert.Equal("reset", Outcome(reset));
        foreach (var payload in new[] { registered, login })
        {
            (await host.SendAsync("{ me { id } }", accessToken: IdentityHost.AccessToken(payload)))
                .IsRequestError(HttpStatusCode.Unauthorized, GraphQLHttp.ResponseJson, "AUTH_SESSION_REVOKED");
            Assert.Equal("AUTH_REFRESH_TOKEN_INVALID", IdentityHost.SingleError(await host.RefreshAsync(IdentityHost.RefreshToken(payload))).Code);
        }
        Assert.Equal("INVALID_RESET_CODE", Outcome(await ResetAsync(host, emailed, "ceebu-jen-penda-mbaye", "41.82.19.2")));

        await using var db = database.CreateContext();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var codes = await db.PasswordResetCodes.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.CreatedAt).ToListAsync();
        Assert.Equal(new (DateTime?, DateTime?)[] { (null, now), (now, null) }, codes.Select(c => (c.UsedAt, c.VoidedAt)));
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync();
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal((now, (SessionEndReason?)SessionEndReason.PasswordReset), (s.RevokedAt!.Value, s.RevokedReason)));
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        Assert.Equal(now, user.PasswordChangedAt);

        // In the app, and by SMS and email (the account category's default channels), in the same transaction.
        var notification = Assert.Single(await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).ToListAsync());
        Assert.Equal(NotificationTemplates.PasswordChanged, notification.Template);
        Assert.Equal("Mot de passe modifié", notification.Title);
        var changed = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.UserId == userId && m.Template == NotificationTemplates.PasswordChanged)
            .Select(m => new { m.Channel, m.Recipient })
            .ToListAsync();
        Assert.Equal(
            new[] { (NotificationChannel.Email, "mame@example.sn"), (NotificationChannel.Sms, "+221775550404") },
            changed.Select(m => (m.Channel, m.Recipient)).OrderBy(m => m.Channel.ToString(), StringComparer.Ordinal));

        // The change is audited on the user, without the hashes.
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "User" && e.EntityId == userId.ToString() && e.Action == AuditActions.Updated)
            .SingleAsync();
        var passwordHash = audit.Changes.RootElement.GetProperty("passwordHash");
        Assert.Equal(AuditRedactedAttribute.Placeholder, passwordHash.GetProperty("before").GetString());
        Assert.Equal(AuditRedactedAttribute.Placeholder, passwordHash.GetProperty("after").GetString());
        Assert.DoesNotContain(user.PasswordHash, audit.Changes.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_lifts_the_login_throttle_of_the_account()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "ndella@example.sn", password: Password);
        for (var i = 0; i < 5; i++)
        {
            await host.LoginAsync("ndella@example.sn", "forgotten-" + i, clientAddress: "41.82.20.1");
        }
        Assert.Equal("TOO_MANY_ATTEMPTS", IdentityHost.SingleError(await host.LoginAsync("ndella@example.sn", Password, clientAddress: "41.82.20.1")).Code);
        await RequestAsync(host, "ndella@example.sn", "41.82.20.1");

        Assert.Equal("reset", Outcome(await ResetAsync(host, await LatestCodeAsync("ndella@example.sn"), NewPassword, "41.82.20.1")));

        Assert.Equal(JsonValueKind.Null, (await host.LoginAsync("ndella@example.sn", NewPassword, clientAddress: "41.82.20.1")).GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task Past_three_codes_an_hour_an_account_is_sent_nothing_and_the_answer_does_not_change()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "oumou@example.ml", phone: "+223 70 55 05 05", password: Password);
        var answers = new List<string>();
        // From a new address each time, by email and by phone: this is the account's limit.
        foreach (var (login, i) in new[] { "oumou@example.ml", "+22370550505", "oumou@example.ml", "+223 70 55 05 05", "OUMOU@example.ml" }.Select((l, i) => (l, i)))
        {
            answers.Add((await RequestAsync(host, login, $"41.82.21.{i + 1}")).Text);
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(2, (await ResetMessagesAsync("oumou@example.ml")).Count);
        Assert.Single(await ResetMessagesAsync("+22370550505"));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(new[] { true, true, true, false, false },
                await db.PasswordResetRequests.Where(r => r.AccountKey == "oumou@example.ml").OrderBy(r => r.At).Select(r => r.CodeSent).ToListAsync());
        }

        // An hour after the first code, one may be sent again.
        host.Clock.Advance(TimeSpan.FromMinutes(56));
        await RequestAsync(host, "oumou@example.ml", "41.82.21.9");
        Assert.Equal(3, (await ResetMessagesAsync("oumou@example.ml")).Count);
    }

    [Fact]
    public async Task A_burst_of_parallel_requests_sends_no_more_codes_than_the_limit()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "rokia@example.ml", password: Password);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => RequestAsync(host, "rokia@example.ml", $"41.82.22.{i + 1}")));

        Assert.Single(answers.Select(a => a.Text).Distinct());
        Assert.Equal(3, (await ResetMessagesAsync("rokia@example.ml")).Count);
    }

    [Fact]
    public async Task Past_ten_requests_an_hour_an_address_is_sent_nothing_and_the_answer_does_not_change()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "salif@example.bf", password: Password);
        for (var i = 0; i < 10; i++)
        {
            await RequestAsync(host, $"guess{i}@example.bf", "41.82.23.1");
        }

        var refused = await RequestAsync(host, "salif@example.bf", "41.82.23.1");
        var elsewhere = await RequestAsync(host, "salif@example.bf", "41.82.23.2");

        Assert.Equal(elsewhere.Text, refused.Text);
        Assert.Single(await ResetMessagesAsync("salif@example.bf"));
    }

    [Fact]
    public async Task Two_resets_with_one_code_at_once_exactly_one_succeeds()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "tidiane@example.sn", password: Password);
        var userId = await UserIdAsync("tidiane@example.sn");
        await RequestAsync(host, "tidiane@example.sn", "41.82.24.1");
        var code = await LatestCodeAsync("tidiane@example.sn");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => ResetAsync(host, code, $"{NewPassword}-{i}", $"41.82.24.{i + 2}")));

        Assert.Single(outcomes, o => Outcome(o) == "reset");
        Assert.Equal(3, outcomes.Count(o => Outcome(o) == "INVALID_RESET_CODE"));
        var winner = Array.FindIndex(outcomes, o => Outcome(o) == "reset");
        Assert.Equal(JsonValueKind.Null, (await host.LoginAsync("tidiane@example.sn", $"{NewPassword}-{winner}")).GetProperty("errors").ValueKind);
        await using var db = database.CreateContext();
        Assert.Single(await db.Notifications.Where(n => n.UserId == userId && n.Template == NotificationTemplates.PasswordChanged).ToListAsync());
    }

    [Fact]
    public async Task Two_codes_of_one_account_used_at_once_never_both_reset()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "yacine@example.sn", phone: "+221 77 555 06 06", password: Password);
        await RequestAsync(host, "yacine@example.sn", "41.82.25.1");
        await RequestAsync(host, "+221775550606", "41.82.25.1");
        var codes = new[] { await LatestCodeAsync("yacine@example.sn"), await LatestCodeAsync("+221775550606") };

        var outcomes = await Task.WhenAll(codes.Select((code, i) => ResetAsync(host, code, $"{NewPassword}-{i}", $"41.82.25.{i + 2}")));

        Assert.Equal(new[] { "INVALID_RESET_CODE", "reset" }, outcomes.Select(Outcome).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Wrong_codes_from_one_address_are_throttled_even_before_the_right_one()
    {
        await using var host = Start();
        await host.RegisterOkAsync(email: "zeinab@example.ne", password: Password);
        await RequestAsync(host, "zeinab@example.ne", "41.82.26.1");
        var code = await LatestCodeAsync("zeinab@example.ne");
        var guesses = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            // Well-formed guesses and garbage alike.
            var guess = i % 2 == 0 ? PasswordResetCodes.Format(PasswordResetCodes.Create()) : "pas-un-code-" + i;
            guesses.Add(Outcome(await ResetAsync(host, guess, NewPassword, "41.82.26.66")));
            host.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var refused = await ResetAsync(host, code, NewPassword, "41.82.26.66");
        var elsewhere = await ResetAsync(host, code, NewPassword, "41.82.26.67");

        Assert.All(guesses, g => Assert.Equal("INVALID_RESET_CODE", g));
        var (type, errorCode, error) = IdentityHost.SingleError(refused);
        Assert.Equal("TooManyAttemptsError", type);
        Assert.Equal("TOO_MANY_ATTEMPTS", errorCode);
        // Until the first of the ten, 100 seconds ago, is an hour old.
        Assert.Equal(3600 - 100, error.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal("reset", Outcome(elsewhere));

        host.Clock.Advance(TimeSpan.FromSeconds(3500));
        Assert.Equal("INVALID_RESET_CODE", Outcome(await ResetAsync(host, code, NewPassword, "41.82.26.66")));
    }
}

/// <summary>The text of reset codes: what is made, how it is shown, what is accepted.</summary>
public sealed class PasswordResetCodesTests
{
    [Fact]
    public void A_code_has_ten_characters_of_Crockfords_alphabet_and_is_shown_in_two_groups()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => PasswordResetCodes.Create()).ToList();

        Assert.All(codes, c => Assert.Matches("^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        // 2000 codes of 10 characters: every one of the 32 symbols shows up.
        Assert.Equal(32, codes.SelectMany(c => c).Distinct().Count());
        Assert.Equal("7KQ2M-XD90F", PasswordResetCodes.Format("7KQ2MXD90F"));
    }

    [Theory]
    [InlineData("7KQ2M-XD90F", "7KQ2MXD90F")]
    [InlineData("7kq2m xd90f", "7KQ2MXD90F")]
    [InlineData(" 7KQ 2MX-D9O-F ", "7KQ2MXD90F")]
    [InlineData("1IL1i-l0Oo0", "1111110000")]
    [InlineData("7KQ2M\u2011XD90F", "7KQ2MXD90F")]
    public void Codes_are_read_in_any_case_with_any_spacing_and_Crockfords_aliases(string typed, string canonical)
    {
        Assert.Equal(canonical, PasswordResetCodes.Normalize(typed));
        Assert.Equal(PasswordResetCodes.Hash(canonical), PasswordResetCodes.Hash(typed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7KQ2M-XD90")]
    [InlineData("7KQ2M-XD90FF")]
    [InlineData("7KQ2M-XD9UF")]
    [InlineData("7KQ2M_XD90F")]
    [InlineData("７KQ2M-XD90F")]
    public void Text_that_cannot_be_a_code_is_refused_without_a_lookup(string typed)
    {
        Assert.Null(PasswordResetCodes.Normalize(typed));
        Assert.Null(PasswordResetCodes.Hash(typed));
    }
}
