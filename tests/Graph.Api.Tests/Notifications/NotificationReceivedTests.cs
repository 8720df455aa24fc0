using System.Text.Json;
using Graph.Api.Notifications;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Notifications;

/// <summary>notificationReceived over Server-Sent Events, with real access tokens: each user hears their own
/// notifications, once committed, and nobody else's.</summary>
public sealed class NotificationReceivedTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private InboxHost _host = null!;

    public Task InitializeAsync()
    {
        _host = InboxHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Each_subscriber_receives_their_own_notifications_and_none_of_another_users()
    {
        var awa = await _host.AddUserAsync(displayName: "Awa Ndiaye");
        var binta = await _host.AddUserAsync(displayName: "Binta Sow");
        using var awas = await _host.SubscribeAsync(_host.TokenOf(awa.Id));
        using var bintas = await _host.SubscribeAsync(_host.TokenOf(binta.Id));

        var forAwa = await _host.NotifyAsync(awa.Id, "Tontine de Awa");
        var received = await awas.NextAsync();
        var forBinta = await _host.NotifyAsync(binta.Id, "Tontine de Binta");
        var forAwaAgain = await _host.NotifyAsync(awa.Id, "Deuxième tontine de Awa");

        Assert.Equal(InboxHost.NotificationId(forAwa.InApp!.Id), received.GetProperty("id").GetString());
        Assert.Equal("Nouvelle tontine", received.GetProperty("title").GetString());
        Assert.Contains("« Tontine de Awa »", received.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("TONTINES", received.GetProperty("category").GetString());
        Assert.Equal("NORMAL", received.GetProperty("priority").GetString());
        Assert.Equal("tontine.member-added", received.GetProperty("template").GetString());
        Assert.False(received.GetProperty("isRead").GetBoolean());
        Assert.Equal(JsonValueKind.Null, received.GetProperty("readAt").ValueKind);
        Assert.Equal("Tontine de Awa", received.GetProperty("data").GetProperty("tontine").GetString());
        Assert.Equal(_host.Now, received.GetProperty("createdAt").GetDateTime().ToUniversalTime());
        // Events reach subscribers in the order they were committed: had Binta's stream carried Awa's first notification,
        // it would come before her own; had Awa's carried Binta's, it would come before Awa's second one.
        Assert.Equal(InboxHost.NotificationId(forBinta.InApp!.Id), (await bintas.NextAsync()).GetProperty("id").GetString());
        Assert.Equal(InboxHost.NotificationId(forAwaAgain.InApp!.Id), (await awas.NextAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_category_turned_off_in_the_app_writes_and_announces_nothing_in_the_app()
    {
        var user = await _host.AddUserAsync();
        var token = _host.TokenOf(user.Id);
        await _host.MutateAsync(token, """
            mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { errors { __typename } } }
            """, "setNotificationPreference", new { category = "TONTINES", inApp = false, channels = new[] { "SMS" } });
        using var subscription = await _host.SubscribeAsync(token);

        var off = await _host.NotifyAsync(user.Id, "Hors de l'application");
        NotificationWrite? on;
        await using (var db = _host.ServerContext())
        {
            on = await _host.Services.GetRequiredService<Notifier>().NotifyAsync(db, user.Id, NotificationTemplates.PasswordChanged, new Dictionary<string, string>());
            await db.SaveChangesAsync();
        }

        Assert.Null(off.InApp);
        Assert.Equal(NotificationChannel.Sms, Assert.Single(off.Messages).Channel);
        // The first event is the account notification: the tontine one was never written, so never announced.
        var received = await subscription.NextAsync();
        Assert.Equal(InboxHost.NotificationId(on!.InApp!.Id), received.GetProperty("id").GetString());
        Assert.Equal("Mot de passe modifié", received.GetProperty("title").GetString());
        await using var check = _host.TestContext();
        Assert.Equal(1, await check.Notifications.CountAsync(n => n.UserId == user.Id));
    }
}
