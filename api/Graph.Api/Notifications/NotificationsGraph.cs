using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Notifications;

/// <summary>The notifications' part of the graph: in-app inboxes, preferences, push devices, the outbox for staff, and the
/// dispatcher that sends the outbox's messages.</summary>
public static class NotificationsGraph
{
    public static IRequestExecutorBuilder AddNotifications(this IRequestExecutorBuilder graph)
    {
        graph.Services.AddNotificationServices();
        return graph
            .AddNotificationInbox()
            .AddTypeExtension<OutboxQueries>()
            .AddTypeExtension<OutboxMessageFields>()
            .AddTypeExtension<OutboxMutations>()
            .AddType<OutboxMessageNotFoundError>()
            .AddType<OutboxMessageNotDeadError>()
            .AddType<OutboxMessageNotRetryableError>();
    }

    /// <summary>The signed-in user's side: the inbox (myNotifications, unreadNotificationCount, markNotificationsRead,
    /// notificationReceived, the Notification node), preferences and push devices.</summary>
    private static IRequestExecutorBuilder AddNotificationInbox(this IRequestExecutorBuilder graph)
    {
        graph.Services.TryAddSingleton(TimeProvider.System);
        return graph
            .AddTypeExtension<NotificationQueries>()
            .AddTypeExtension<NotificationFields>()
            .AddTypeExtension<NotificationMutations>()
            .AddTypeExtension<NotificationSubscriptions>()
            .AddTypeExtension<NotificationPreferenceFields>()
            .AddTypeExtension<QuietHoursFields>()
            .AddTypeExtension<PushDeviceFields>()
            .AddType<InvalidNotificationInputError>()
            .AddType<InvalidNotificationPreferenceError>()
            .AddType<InvalidPushTokenError>()
            .AddType<PushDeviceNotFoundError>()
            .AddDataLoader<NotificationByIdDataLoader>();
    }

    /// <summary>
    /// The services every host with the database needs to write notifications (<see cref="Notifier"/> and the interceptor
    /// that announces them once committed).
    /// </summary>
    public static IServiceCollection AddNotificationData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<NotificationInterceptor>();
        services.TryAddSingleton<Notifier>();
        return services;
    }

    /// <summary>The dispatcher and its senders, on top of <see cref="AddNotificationData"/>.</summary>
    public static IServiceCollection AddNotificationServices(this IServiceCollection services)
    {
        services.AddNotificationData();
        services.AddHttpClient(NotificationSenderRegistry.HttpClientName);
        services.TryAddSingleton<DevelopmentMailbox>();
        services.TryAddSingleton<NotificationSenderRegistry>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxDispatcherService>();
        return services;
    }
}
