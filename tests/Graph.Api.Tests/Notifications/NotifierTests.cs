using System.Text.Json;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Notifications;

/// <summary>
/// The <see cref="Notifier"/> end to end, on the real server with a clock the test moves (21 November 2026, 09:00 UTC):
/// the preference a user set through the graph decides the channels and quiet hours, the texts are in the user's
/// language, and a change rolled back leaves and announces nothing.
/// </summary>
public sealed class NotifierTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string SetPreference = """
        mutation($input: SetNotificationPreferenceInput!) {
          setNotificationPreference(input: $input) { errors { __typename ... on Error { message } } }
        }
        """;

    private const string RegisterDevice = """
        mutation($input: RegisterPushDeviceInput!) { registerPushDevice(input: $input) { errors { __typename } } }
        """;

    private InboxHost _host = null!;

    public Task InitializeAsync()
    {
        _host = InboxHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<string>> RegisterDevicesAsync(Guid userId, int count)
    {
        var tokens = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var token = $"device-{i}-{Guid.NewGuid():N}";
            var payload = await _host.MutateAsync(_host.TokenOf(userId), RegisterDevice, "registerPushDevice", new { token, platform = "ANDROID" });
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
            tokens.Add(token);
        }
        return tokens;
    }

    private async Task<List<OutboxMessage>> OutboxOfAsync(Guid userId)
    {
        await using var db = _host.TestContext();
        return await db.OutboxMessages.Where(m => m.UserId == userId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
    }

    private async Task<List<Notification>> InboxOfAsync(Guid userId)
    {
        await using var db = _host.TestContext();
        return await db.Notifications.Where(n => n.UserId == userId).ToListAsync();
    }

    [Fact]
    public async Task The_users_channels_and_quiet_hours_decide_the_messages_and_URGENT_ones_leave_at_once()
    {
        var user = await _host.AddUserAsync(PreferredLanguage.Fr);
        await RegisterDevicesAsync(user.Id, 2);
        // 09:00 UTC is 10:00 in Lagos (UTC+1, no daylight saving): inside 22:00-10:30, which ends at 09:30 UTC.
        var set = await _host.MutateAsync(_host.TokenOf(user.Id), SetPreference, "setNotificationPreference", new
        {
            category = "TONTINES", inApp = true, channels = new[] { "SMS" },
            quietHours = new { start = "22:00", end = "10:30", timeZone = "Africa/Lagos" },
        });
        Assert.Equal(JsonValueKind.Null, set.GetProperty("errors").ValueKind);
        var now = _host.Now;

        var write = await _host.NotifyAsync(user.Id, "Tontine des Almadies", "TREASURER");

        var inbox = Assert.Single(await InboxOfAsync(user.Id));
        Assert.Equal(write.InApp!.Id, inbox.Id);
        Assert.Equal("Nouvelle tontine", inbox.Title);
        Assert.Equal("Vous faites maintenant partie de la tontine « Tontine des Almadies », comme trésorier(ère).", inbox.Body);
        Assert.Equal(NotificationCategory.Tontines, inbox.Category);
        Assert.Equal(now, inbox.CreatedAt);
        Assert.Null(inbox.ReadAt);
        var sms = Assert.Single(await OutboxOfAsync(user.Id));
        Assert.Equal(NotificationChannel.Sms, sms.Channel);
        Assert.Equal(user.Phone, sms.Recipient);
        Assert.Equal("fr", sms.Language);
        Assert.Equal(OutboxStatus.Pending, sms.Status);
        Assert.Equal(NotificationPriority.Normal, sms.Priority);
        Assert.Equal(new DateTime(2026, 11, 21, 9, 30, 0, DateTimeKind.Utc), sms.NextAttemptAt);
        Assert.Equal("TREASURER", sms.Parameters.RootElement.GetProperty("role").GetString());

        // URGENT ignores the quiet hours.
        var urgent = await _host.NotifyAsync(user.Id, "Tontine urgente", "MEMBER", NotificationPriority.Urgent);
        var urgentSms = Assert.Single(urgent.Messages);
        // Outside the quiet hours (12:00 in Lagos), a NORMAL message leaves at once too.
        _host.Clock.Advance(TimeSpan.FromHours(2));
        var later = await _host.NotifyAsync(user.Id, "Tontine de midi", "MEMBER");

        var outbox = await OutboxOfAsync(user.Id);
        Assert.Equal(3, outbox.Count);
        Assert.All(outbox, m => Assert.Equal(NotificationChannel.Sms, m.Channel));
        Assert.Equal(now, outbox.Single(m => m.Id == urgentSms.Id).NextAttemptAt);
        Assert.Equal(NotificationPriority.Urgent, outbox.Single(m => m.Id == urgentSms.Id).Priority);
        Assert.Equal(_host.Now, outbox.Single(m => m.Id == Assert.Single(later.Messages).Id).NextAttemptAt);
        Assert.Equal(3, (await InboxOfAsync(user.Id)).Count);
    }

    public static TheoryData<PreferredLanguage, string, string, string> Languages => new()
    {
        { PreferredLanguage.Fr, "Nouvelle tontine", "Vous faites maintenant partie de la tontine « Tontine des Almadies », comme trésorier(ère).", "fr" },
        { PreferredLanguage.En, "New tontine", "You are now a member of the tontine \"Tontine des Almadies\", as treasurer.", "en" },
        { PreferredLanguage.Ar, "جمعية ادخار جديدة", "أنت الآن عضو في جمعية الادخار «Tontine des Almadies» بصفة أمين الصندوق.", "ar" },
        // No Wolof text yet: French, and the outbox says so.
        { PreferredLanguage.Wo, "Nouvelle tontine", "Vous faites maintenant partie de la tontine « Tontine des Almadies », comme trésorier(ère).", "fr" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task With_the_default_preference_the_user_reads_their_language_by_SMS_and_on_every_device(PreferredLanguage language, string title, string body, string used)
    {
        var user = await _host.AddUserAsync(language);
        var devices = await RegisterDevicesAsync(user.Id, 3);

        await _host.NotifyAsync(user.Id, "Tontine des Almadies", "TREASURER");

        var inbox = Assert.Single(await InboxOfAsync(user.Id));
        Assert.Equal(title, inbox.Title);
        Assert.Equal(body, inbox.Body);
        var outbox = await OutboxOfAsync(user.Id);
        // Tontines by default: SMS and PUSH, no EMAIL (the user has an address, but did not choose it).
        Assert.Equal(user.Phone, Assert.Single(outbox, m => m.Channel == NotificationChannel.Sms).Recipient);
        Assert.Equal(devices.Order(StringComparer.Ordinal), outbox.Where(m => m.Channel == NotificationChannel.Push).Select(m => m.Recipient).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(outbox, m => m.Channel == NotificationChannel.Email);
        Assert.Equal(4, outbox.Count);
        Assert.All(outbox, m =>
        {
            Assert.Equal(used, m.Language);
            Assert.Equal(_host.Now, m.NextAttemptAt);
        });
    }

    [Fact]
    public async Task A_change_rolled_back_leaves_no_notification_no_message_and_announces_nothing()
    {
        var user = await _host.AddUserAsync();
        await RegisterDevicesAsync(user.Id, 1);
        using var subscription = await _host.SubscribeAsync(_host.TokenOf(user.Id));
        var notifier = _host.Services.GetRequiredService<Notifier>();

        await using (var db = _host.ServerContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await notifier.NotifyAsync(db, user.Id, NotificationTemplates.TontineMemberAdded, InboxHost.Parameters("Annulée", "MEMBER"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await using (var db = _host.ServerContext())
        {
            await using (await db.Database.BeginTransactionAsync())
            {
                await notifier.NotifyAsync(db, user.Id, NotificationTemplates.TontineMemberAdded, InboxHost.Parameters("Abandonnée sans commit", "MEMBER"));
                await db.SaveChangesAsync();
            }
        }
        await using (var db = _host.ServerContext())
        {
            // Added to the context but never saved: nothing either.
            await notifier.NotifyAsync(db, user.Id, NotificationTemplates.TontineMemberAdded, InboxHost.Parameters("Jamais enregistrée", "MEMBER"));
        }
        var kept = await _host.NotifyAsync(user.Id, "Validée", "MEMBER");

        var received = await subscription.NextAsync();
        Assert.Equal(InboxHost.NotificationId(kept.InApp!.Id), received.GetProperty("id").GetString());
        Assert.Contains("Validée", received.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(kept.InApp.Id, Assert.Single(await InboxOfAsync(user.Id)).Id);
        var outbox = await OutboxOfAsync(user.Id);
        Assert.Equal(2, outbox.Count); // SMS and the one device, of the committed notification
        Assert.All(outbox, m => Assert.Equal("Validée", m.Parameters.RootElement.GetProperty("tontine").GetString()));
    }
}
