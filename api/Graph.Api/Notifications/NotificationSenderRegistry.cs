using Graph.Api.Data;
using Graph.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.Api.Notifications;

/// <summary>
/// The sender of each channel: one registered as an <see cref="INotificationSender"/> service (tests, a provider's own
/// client), else the one "Graph:Notifications:Senders" configures (<see cref="GraphOptions.SenderOptions"/>). A channel
/// without a sender is not dispatched: its messages wait.
/// </summary>
public sealed class NotificationSenderRegistry
{
    public const string Development = "Development";
    public const string Webhook = "Webhook";
    public const string None = "None";

    /// <summary>The shortest webhook secret accepted, in characters.</summary>
    public const int MinimumSecretLength = 32;

    private readonly Dictionary<NotificationChannel, INotificationSender> _senders = [];

    public NotificationSenderRegistry(
        IEnumerable<INotificationSender> registered,
        IOptions<GraphOptions> options,
        IHostEnvironment environment,
        IHttpClientFactory http,
        DevelopmentMailbox mailbox,
        TimeProvider clock,
        ILoggerFactory loggers)
    {
        foreach (var sender in registered)
        {
            _senders.TryAdd(sender.Channel, sender);
        }
        foreach (var channel in EnumNames<NotificationChannel>.All)
        {
            if (_senders.ContainsKey(channel))
            {
                continue;
            }
            var settings = Settings(options.Value.Notifications.Senders, channel);
            var kind = string.IsNullOrWhiteSpace(settings.Kind) && environment.IsDevelopment() ? Development : settings.Kind;
            INotificationSender? sender = kind switch
            {
                Development => new DevelopmentSender(channel, mailbox, loggers.CreateLogger<DevelopmentSender>()),
                Webhook => new WebhookSender(channel, http.CreateClient(HttpClientName), new Uri(settings.Url!), settings.Secret!, clock),
                _ => null,
            };
            if (sender is not null)
            {
                _senders[channel] = sender;
            }
        }
    }

    /// <summary>The name of the HTTP client webhooks are sent with.</summary>
    public const string HttpClientName = "notification-webhooks";

    /// <summary>The channels that have a sender: the only ones the dispatcher claims messages of.</summary>
    public IReadOnlyList<NotificationChannel> Channels => [.. _senders.Keys.Order()];

    /// <summary>The sender of <paramref name="channel"/>, or null.</summary>
    public INotificationSender? For(NotificationChannel channel) => _senders.GetValueOrDefault(channel);

    /// <summary>What is wrong with "Graph:Notifications:Senders" for this environment (the server refuses to start).</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        var senders = configuration.GetSection($"{GraphOptions.Section}:Notifications:Senders").Get<GraphOptions.SendersOptions>() ?? new();
        foreach (var channel in EnumNames<NotificationChannel>.All)
        {
            var settings = Settings(senders, channel);
            var key = $"Graph__Notifications__Senders__{channel}";
            switch (settings.Kind)
            {
                case null or "" when environment.IsDevelopment():
                case None:
                    break;
                case null or "":
                    yield return $"No sender for {EnumNames<NotificationChannel>.ToName(channel)} messages: set {key}__Kind to {Webhook} (with {key}__Url and {key}__Secret) or to {None} (they then wait in the outbox).";
                    break;
                case Development when environment.IsDevelopment():
                    break;
                case Development:
                    yield return $"{key}__Kind is {Development}, which sends nothing; {environment.EnvironmentName} needs a real sender ({Webhook}) or {None}.";
                    break;
                case Webhook:
                    if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                    {
                        yield return $"{key}__Url must be an absolute http(s) address.";
                    }
                    else if (url.Scheme == "http" && !environment.IsDevelopment() && !url.IsLoopback)
                    {
                        yield return $"{key}__Url must use https outside Development (recipients and codes travel in it).";
                    }
                    if ((settings.Secret?.Length ?? 0) < MinimumSecretLength)
                    {
                        yield return $"{key}__Secret must have at least {MinimumSecretLength} characters.";
                    }
                    break;
                default:
                    yield return $"{key}__Kind '{settings.Kind}' is unknown: use {Webhook}, {None}" + (environment.IsDevelopment() ? $" or {Development}." : ".");
                    break;
            }
        }
    }

    private static GraphOptions.SenderOptions Settings(GraphOptions.SendersOptions senders, NotificationChannel channel) => channel switch
    {
        NotificationChannel.Sms => senders.Sms,
        NotificationChannel.Email => senders.Email,
        _ => senders.Push,
    };
}
