using System.Net;
using System.Text.Json;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Identity;

/// <summary>Too many failed logins refuse an account or an address for a while, counted in the database.</summary>
public sealed class LoginThrottlingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Password = "attieke-et-poisson-braise";

    private static string Outcome(JsonElement payload) =>
        payload.GetProperty("errors").ValueKind == JsonValueKind.Null ? "signed in" : IdentityHost.SingleError(payload).Code;

    private static int RetryAfter(JsonElement payload) =>
        IdentityHost.SingleError(payload).Error.GetProperty("retryAfterSeconds").GetInt32();

    private async Task<int> FailuresAsync(string accountKey)
    {
        await using var db = database.CreateContext();
        return await db.LoginAttempts.CountAsync(a => a.AccountKey == accountKey && !a.Succeeded);
    }

    [Fact]
    public async Task Five_failures_refuse_the_account_even_with_the_right_password_until_the_window_passes()
    {
        await using var host = IdentityHost.Start(database);
        await host.RegisterOkAsync(email: "kouame@example.ci", password: Password);
        for (var i = 0; i < 5; i++)
        {
            // From a new address each time: this is the account's limit, not an address's.
            Assert.Equal("INVALID_CREDENTIALS", Outcome(await host.LoginAsync("kouame@example.ci", "wrong-guess-" + i, clientAddress: $"102.67.0.{i + 1}")));
            host.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var refused = await host.LoginAsync("kouame@example.ci", Password, clientAddress: "102.67.1.1");
        Assert.Equal("TOO_MANY_ATTEMPTS", Outcome(refused));
        Assert.Equal("TooManyAttemptsError", IdentityHost.SingleError(refused).Type);
        // The refusal lasts until the first of the five failures, 50 seconds ago, is 15 minutes old.
        Assert.Equal(15 * 60 - 50, RetryAfter(refused));
        Assert.Equal("Too many failed attempts: try again in 850 seconds.", IdentityHost.SingleError(refused).Error.GetProperty("message").GetString());

        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var stillRefused = await host.LoginAsync("kouame@example.ci", Password, clientAddress: "102.67.1.1");
        Assert.Equal(250, RetryAfter(stillRefused));
        // Refusals are not failures: they neither count nor lengthen the wait.
        Assert.Equal(5, await FailuresAsync("kouame@example.ci"));

        // The oldest of the five leaves the window: four remain, so the account may try again.
        host.Clock.Advance(TimeSpan.FromSeconds(250));
        Assert.Equal("signed in", Outcome(await host.LoginAsync("kouame@example.ci", Password, clientAddress: "102.67.1.1")));
    }

    [Fact]
    public async Task Unknown_logins_are_throttled_alike_so_refusals_reveal_nothing()
    {
        await using var host = IdentityHost.Start(database);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("INVALID_CREDENTIALS", Outcome(await host.LoginAsync("+221 70 000 00 99", Password)));
        }

        var refused = await host.LoginAsync("00221700000099", Password);

        Assert.Equal("TOO_MANY_ATTEMPTS", Outcome(refused));
        Assert.Equal(900, RetryAfter(refused));
    }

    [Fact]
    public async Task A_successful_login_starts_the_account_count_afresh()
    {
        await using var host = IdentityHost.Start(database);
        await host.RegisterOkAsync(email: "adjoa@example.gh", password: Password);
        for (var i = 0; i < 4; i++)
        {
            await host.LoginAsync("adjoa@example.gh", "wrong-guess-" + i);
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal("signed in", Outcome(await host.LoginAsync("adjoa@example.gh", Password)));

        var outcomes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            outcomes.Add(Outcome(await host.LoginAsync("adjoa@example.gh", "wrong-again-" + i)));
        }

        Assert.Equal(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "TOO_MANY_ATTEMPTS"], outcomes);
    }

    [Fact]
    public async Task Twenty_failures_from_one_address_refuse_that_address_but_not_others()
    {
        await using var host = IdentityHost.Start(database);
        await host.RegisterOkAsync(email: "issa@example.ne", password: Password);
        for (var i = 0; i < 20; i++)
        {
            // Twenty different accounts, each far below its own limit.
            Assert.Equal("INVALID_CREDENTIALS", Outcome(await host.LoginAsync($"guess{i}@example.ne", Password, clientAddress: "197.214.1.1")));
        }

        var refused = await host.LoginAsync("issa@example.ne", Password, clientAddress: "197.214.1.1");
        var elsewhere = await host.LoginAsync("issa@example.ne", Password, clientAddress: "197.214.2.2");

        Assert.Equal("TOO_MANY_ATTEMPTS", Outcome(refused));
        Assert.Equal(900, RetryAfter(refused));
        Assert.Equal("signed in", Outcome(elsewhere));
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal("signed in", Outcome(await host.LoginAsync("issa@example.ne", Password, clientAddress: "197.214.1.1")));
    }

    [Fact]
    public async Task A_burst_of_parallel_guesses_gets_exactly_the_allowed_checks()
    {
        await using var host = IdentityHost.Start(database);
        await host.RegisterOkAsync(email: "aminata@example.bf", password: Password);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => host.LoginAsync("aminata@example.bf", "parallel-guess-" + i)));

        Assert.Equal(5, outcomes.Count(o => Outcome(o) == "INVALID_CREDENTIALS"));
        Assert.Equal(7, outcomes.Count(o => Outcome(o) == "TOO_MANY_ATTEMPTS"));
        Assert.Equal(5, await FailuresAsync("aminata@example.bf"));
    }

    [Fact]
    public async Task The_limits_are_configurable()
    {
        await using var host = IdentityHost.Start(database, new Dictionary<string, string?>
        {
            ["Graph:Auth:LoginThrottling:MaxFailuresPerAccount"] = "2",
            ["Graph:Auth:LoginThrottling:Window"] = "00:01:00",
        });
        await host.RegisterOkAsync(email: "yaw@example.gh", password: Password);
        await host.LoginAsync("yaw@example.gh", "first-wrong-one");
        await host.LoginAsync("yaw@example.gh", "second-wrong-one");

        var refused = await host.LoginAsync("yaw@example.gh", Password);

        Assert.Equal(60, RetryAfter(refused));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("signed in", Outcome(await host.LoginAsync("yaw@example.gh", Password)));
    }
}
