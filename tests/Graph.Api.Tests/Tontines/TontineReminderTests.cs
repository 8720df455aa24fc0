using System.Text.Json;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Tontines;

/// <summary>Reminders of contributions: the job before each due date, and an organiser's sendReminder.</summary>
public sealed class TontineReminderTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string SendReminder = """
        mutation($input: SendReminderInput!) {
          sendReminder(input: $input) {
            reminded { id displayName }
            errors { __typename ... on Error { code message } }
          }
        }
        """;

    private readonly ManualClock _clock = new(new DateTimeOffset(2028, 2, 27, 8, 0, 0, TimeSpan.Zero));
    private GraphApiFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new GraphApiFactory(database.ConnectionString, services: services =>
        {
            TestClients.Add(services);
            services.AddSingleton<TimeProvider>(_clock);
        });
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task The_job_reminds_each_unpaid_member_once_before_the_due_date_in_the_app_and_by_sms()
    {
        var (tontine, sessions, members) = await RunningTontineAsync(start: new DateOnly(2028, 2, 29), "Awa", "Binta", "Coumba");
        await PayAsync(sessions[0], members[1]);
        var reminders = _factory.Services.GetRequiredService<TontineReminders>();

        // Other tests' tontines share the database: count this tontine's reminders, not the run's.
        Assert.True(await reminders.RunOnceAsync(CancellationToken.None) >= 2);
        await reminders.RunOnceAsync(CancellationToken.None);

        await using var db = database.CreateContext();
        var notified = await db.Notifications.Where(n => n.Template == NotificationTemplates.TontineContributionDue && members.Contains(n.UserId))
            .Select(n => new { n.UserId, n.Body }).ToListAsync();
        Assert.Equal(new[] { members[0], members[2] }.Order(), notified.Select(n => n.UserId).Order());
        Assert.All(notified, n => Assert.Contains("5,000 XOF", n.Body));
        Assert.All(notified, n => Assert.Contains("2028-02-29", n.Body));
        var sms = await db.OutboxMessages.Where(m => m.Template == NotificationTemplates.TontineContributionDue && members.Contains(m.UserId!.Value))
            .Select(m => new { m.UserId, m.Channel }).ToListAsync();
        Assert.Equal(2, sms.Count(m => m.Channel == NotificationChannel.Sms));
        Assert.Equal(2, await db.TontineReminders.CountAsync(r => r.SessionId == sessions[0] && r.SentByUserId == null));
        // The second session (March 29) is a month away: nobody is reminded of it yet.
        Assert.False(await db.TontineReminders.AnyAsync(r => r.SessionId == sessions[1]));
        Assert.Equal(tontine, await db.TontineSessions.Where(s => s.Id == sessions[0]).Select(s => s.TontineId).SingleAsync());
    }

    [Fact]
    public async Task A_suspended_tontine_or_a_session_further_away_reminds_nobody()
    {
        var (tontine, _, _) = await RunningTontineAsync(start: new DateOnly(2028, 3, 10), "Dior", "Eva");
        var (suspended, _, _) = await RunningTontineAsync(start: new DateOnly(2028, 2, 28), "Fanta", "Gnima");
        await using (var db = database.CreateContext())
        {
            await db.Tontines.Where(t => t.Id == suspended).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TontineStatus.Suspended));
        }
        var reminders = _factory.Services.GetRequiredService<TontineReminders>();
        await reminders.RunOnceAsync(CancellationToken.None);

        await using var check = database.CreateContext();
        Assert.False(await check.TontineReminders.AnyAsync(r => check.TontineSessions.Any(s => s.Id == r.SessionId && (s.TontineId == tontine || s.TontineId == suspended))));
    }

    [Fact]
    public async Task An_organiser_reminds_one_member_then_must_wait_and_a_late_member_hears_of_the_fine()
    {
        var (tontine, sessions, members) = await RunningTontineAsync(start: new DateOnly(2028, 2, 20), "Hawa", "Issa", "Jeanne");
        var (president, treasurer, member) = (members[0], members[1], members[2]);

        var first = await SendAsync(tontine, sessions[0], member, treasurer);
        Assert.Equal([GlobalIds.User(member)], first.GetProperty("reminded").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("errors").ValueKind);
        Assert.Equal("REMINDER_TOO_SOON", Code(await SendAsync(tontine, sessions[0], member, president)));

        await using (var db = database.CreateContext())
        {
            // Due on February 20, no grace, 100 XOF a day capped at 500: seven days late on the 27th, so 500.
            var body = await db.Notifications.Where(n => n.UserId == member && n.Template == NotificationTemplates.TontineContributionLate).Select(n => n.Body).SingleAsync();
            Assert.Contains("5,500 XOF", body);
        }

        _clock.Advance(TimeSpan.FromHours(13));
        // Without a member: everyone who has not paid, the president too.
        await PayAsync(sessions[0], treasurer);
        var all = await SendAsync(tontine, sessions[0], null, president);
        Assert.Equal(new[] { GlobalIds.User(president), GlobalIds.User(member) }.Order(),
            all.GetProperty("reminded").EnumerateArray().Select(u => u.GetProperty("id").GetString()).Order());
        Assert.Equal("NOTHING_TO_REMIND", Code(await SendAsync(tontine, sessions[0], treasurer, president)));
    }

    [Fact]
    public async Task A_plain_member_may_not_send_reminders_and_a_session_of_another_tontine_is_not_found()
    {
        var (tontine, sessions, members) = await RunningTontineAsync(start: new DateOnly(2028, 2, 28), "Khady", "Lamine", "Moussa");
        var (_, otherSessions, _) = await RunningTontineAsync(start: new DateOnly(2028, 2, 28), "Ndeye", "Oumar");

        var refused = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery(SendReminder, Input(tontine, sessions[0], members[0])).As(members[2], "Test"));
        Assert.Equal("AUTH_NOT_AUTHORIZED", refused.ErrorCode);
        Assert.Equal("SESSION_NOT_FOUND", Code(await SendAsync(tontine, otherSessions[0], null, members[1])));

        await using var db = database.CreateContext();
        Assert.False(await db.TontineReminders.AnyAsync(r => r.SessionId == sessions[0] || r.SessionId == otherSessions[0]));
    }

    private async Task<JsonElement> SendAsync(Guid tontine, Guid session, Guid? member, Guid caller)
    {
        var response = await _client.SendGraphQLAsync(GraphQLHttp.PostQuery(SendReminder, Input(tontine, session, member)).As(caller, "Test"));
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data").GetProperty("sendReminder");
    }

    private static object Input(Guid tontine, Guid session, Guid? member) => new
    {
        input = new { tontineId = GlobalIds.Tontine(tontine), sessionId = GlobalIds.Of("TontineSession", session), memberId = member is { } m ? GlobalIds.User(m) : null },
    };

    private static string? Code(JsonElement payload) =>
        payload.GetProperty("errors").ValueKind == JsonValueKind.Null ? null : Assert.Single(payload.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString();

    /// <summary>A started monthly tontine of 5,000 XOF (fined 100 XOF a late day, at most 500) whose first member is its
    /// president and second its treasurer; each member has a phone, so reminders also go by SMS.</summary>
    private async Task<(Guid Tontine, IReadOnlyList<Guid> Sessions, Guid[] Members)> RunningTontineAsync(DateOnly start, params string[] names)
    {
        await using var db = database.CreateContext();
        var now = _clock.GetUtcNow().UtcDateTime;
        var users = names.Select(name => new User
        {
            Email = $"{Guid.NewGuid():N}@reminders.test",
            Phone = $"+22177{Random.Shared.Next(1_000_000, 9_999_999)}",
            DisplayName = name,
            PreferredLanguage = PreferredLanguage.Fr,
            CreatedAt = now,
            PasswordChangedAt = now,
        }).ToArray();
        db.Users.AddRange(users);
        var tontine = new Tontine
        {
            Name = $"Tontine {names[0]}",
            CreatedAt = now,
            UpdatedAt = now,
            Contribution = new Money(5_000m, Currency.XOF),
            StartDate = start,
            PenaltyMode = LatePenaltyMode.FixedPerDay,
            PenaltyRate = 100m,
            PenaltyCap = 500m,
            PayoutOrder = PayoutOrderMethod.JoinDate,
        };
        db.Tontines.Add(tontine);
        for (var i = 0; i < users.Length; i++)
        {
            tontine.Members.Add(new TontineMember
            {
                TontineId = tontine.Id,
                UserId = users[i].Id,
                Role = i switch { 0 => TontineRole.President, 1 => TontineRole.Treasurer, _ => TontineRole.Member },
                JoinedAt = now.AddMinutes(i),
            });
        }
        await db.SaveChangesAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var sessions = await TontineStarter.StartAsync(db, tontine, now, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (tontine.Id, sessions.Select(s => s.Id).ToArray(), users.Select(u => u.Id).ToArray());
    }

    /// <summary>Marks a member's contribution to a session paid, as the settlement of its payment leaves it.</summary>
    private async Task PayAsync(Guid session, Guid member)
    {
        await using var db = database.CreateContext();
        var now = _clock.GetUtcNow().UtcDateTime;
        await db.TontineContributions.Where(c => c.SessionId == session && c.UserId == member)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Received, c => c.Expected).SetProperty(c => c.PaidAt, now));
    }
}
