using System.Text.Json;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Notifications;

/// <summary>What <see cref="Notifier.NotifyAsync(GraphDbContext, User, string, IReadOnlyDictionary{string, string}, object?, NotificationPriority?, CancellationToken)"/>
/// added to the context: the in-app notification (null when the user turned them off for the category) and the outbox's
/// messages.</summary>
public sealed record NotificationWrite(Notification? InApp, IReadOnlyList<OutboxMessage> Messages);

/// <summary>
/// How the domains tell users something. Everything is added to the caller's context, to be saved by the caller's
/// SaveChanges in the caller's transaction: a change rolled back sends nothing, a change committed cannot lose its
/// messages. In-app notifications are announced on <c>notificationReceived</c> and the dispatcher is woken once committed
/// (<see cref="NotificationInterceptor"/>).
/// </summary>
public sealed class Notifier(IOptions<GraphOptions> options, TimeProvider clock)
{
    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    /// <summary>Notifies the user with this ID (see the other overload); nothing when there is no such account.</summary>
    public async Task<NotificationWrite?> NotifyAsync(
        GraphDbContext db,
        Guid userId,
        string template,
        IReadOnlyDictionary<string, string> parameters,
        object? data = null,
        NotificationPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        // Through the caller's context: the caller may hold locks in its transaction, and a second connection could wait
        // for a pool its own kind has exhausted.
        var user = await AccountService.FindUserAsync(db, userId, cancellationToken);
        return user is null ? null : await NotifyAsync(db, user, template, parameters, data, priority, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="template"/> for <paramref name="user"/> in their language: an in-app notification and a
    /// message per channel they chose for the template's category (one per registered device for PUSH; none on a channel
    /// they have no address for). Messages other than URGENT ones wait for the end of the user's quiet hours.
    /// </summary>
    /// <remarks><paramref name="data"/> is what the notification refers to, for apps to open (serialised as JSON,
    /// camelCase); <paramref name="priority"/> is the messages' priority, the template's own by default.</remarks>
    /// <exception cref="ArgumentException">The template does not exist or a parameter is missing.</exception>
    public async Task<NotificationWrite> NotifyAsync(
        GraphDbContext db,
        User user,
        string template,
        IReadOnlyDictionary<string, string> parameters,
        object? data = null,
        NotificationPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var definition = NotificationTemplates.Get(template);
        definition.CheckParameters(parameters);
        var level = priority ?? definition.Priority;
        var preference = await db.NotificationPreferences.AsNoTracking()
            .SingleOrDefaultAsync(p => p.UserId == user.Id && p.Category == definition.Category, cancellationToken)
            ?? NotificationDefaults.For(user.Id, definition.Category);
        var language = PreferredLanguages.ToCode(user.PreferredLanguage);
        var now = clock.GetUtcNow().UtcDateTime;

        Notification? inApp = null;
        if (preference.InApp)
        {
            var text = definition.Render(language, parameters);
            inApp = new Notification
            {
                Id = Guid.CreateVersion7(now),
                UserId = user.Id,
                Category = definition.Category,
                Priority = level,
                Template = definition.Key,
                Title = Cut(text.Title, Notification.MaxTitleLength),
                Body = Cut(text.Body, Notification.MaxBodyLength),
                Data = data is null ? null : JsonSerializer.SerializeToDocument(data, DataJson),
                CreatedAt = now,
            };
            db.Notifications.Add(inApp);
        }

        var sendFrom = level == NotificationPriority.Urgent || preference.QuietHours() is not { } quiet ? now : quiet.SendableFrom(now);
        var messages = new List<OutboxMessage>();
        foreach (var channel in preference.Channels.Distinct())
        {
            foreach (var recipient in await RecipientsAsync(db, user, channel, cancellationToken))
            {
                messages.Add(Enqueue(db, channel, recipient, definition, language, parameters, user.Id, level, sendFrom, now));
            }
        }
        return new NotificationWrite(inApp, messages);
    }

    /// <summary>
    /// Writes one message to an address whatever the preferences say (a password reset code goes where the user asked for
    /// it), in <paramref name="language"/> (a code: fr, en, wo, ar).
    /// </summary>
    /// <exception cref="ArgumentException">The template does not exist or a parameter is missing.</exception>
    public OutboxMessage Enqueue(
        GraphDbContext db,
        NotificationChannel channel,
        string recipient,
        string template,
        string language,
        IReadOnlyDictionary<string, string> parameters,
        Guid? userId = null,
        NotificationPriority? priority = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var definition = NotificationTemplates.Get(template);
        definition.CheckParameters(parameters);
        var now = clock.GetUtcNow().UtcDateTime;
        return Enqueue(db, channel, recipient, definition, language, parameters, userId, priority ?? definition.Priority, now, now);
    }

    private OutboxMessage Enqueue(
        GraphDbContext db,
        NotificationChannel channel,
        string recipient,
        NotificationTemplate template,
        string language,
        IReadOnlyDictionary<string, string> parameters,
        Guid? userId,
        NotificationPriority priority,
        DateTime sendFrom,
        DateTime now)
    {
        if (string.IsNullOrWhiteSpace(recipient) || recipient.Length > OutboxMessage.MaxRecipientLength)
        {
            throw new ArgumentException($"A recipient has 1 to {OutboxMessage.MaxRecipientLength} characters.", nameof(recipient));
        }
        var visible = parameters.Where(p => !template.Secrets.Contains(p.Key)).ToDictionary(StringComparer.Ordinal);
        var secret = parameters.Where(p => template.Secrets.Contains(p.Key)).ToDictionary(StringComparer.Ordinal);
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Channel = channel,
            Priority = priority,
            Category = template.Category,
            Template = template.Key,
            Language = template.LanguageFor(language),
            Recipient = recipient,
            Parameters = JsonSerializer.SerializeToDocument(visible),
            SecretParameters = secret.Count == 0 ? null : JsonSerializer.SerializeToDocument(secret),
            Status = OutboxStatus.Pending,
            MaxAttempts = Math.Max(1, options.Value.Notifications.Dispatcher.MaxAttempts),
            NextAttemptAt = sendFrom,
            CreatedAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    private static async Task<IReadOnlyList<string>> RecipientsAsync(GraphDbContext db, User user, NotificationChannel channel, CancellationToken cancellationToken) => channel switch
    {
        NotificationChannel.Sms => user.Phone is { } phone ? [phone] : [],
        NotificationChannel.Email => user.Email is { } email ? [email] : [],
        NotificationChannel.Push => await db.PushDevices.AsNoTracking().Where(d => d.UserId == user.Id).OrderBy(d => d.RegisteredAt).Select(d => d.Token).ToListAsync(cancellationToken),
        _ => [],
    };

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
