using Graph.Api.Audit;
using Graph.Api.Notifications;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Graph.Api.Data;

public static class DataServices
{
    /// <summary>One Npgsql data source for the process, made from ConnectionStrings:Graph when first needed (EF Core and, later, LISTEN/NOTIFY share it) and pooled DbContexts.</summary>
    public static IServiceCollection AddGraphData(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Graph");
            return new NpgsqlDataSourceBuilder(connectionString) { Name = "graph" }.Build();
        });
        // Every SaveChanges of the server's contexts writes the audit log in its own transaction.
        services.AddAuditLog();
        // Notifications written with a change are announced (and the dispatcher woken) once it is committed.
        services.AddNotificationData();
        // Payments' moves are announced once committed.
        services.AddSingleton<PaymentEventsInterceptor>();
        // Tontines' sessions and contributions are announced once committed.
        services.AddSingleton<Tontines.TontineEventsInterceptor>();
        // Deliveries recorded or changing status, and stock movements, are announced once committed.
        services.AddSingleton<Deliveries.DeliveryEventsInterceptor>();
        // Resolvers run in parallel, so each takes its own context from the factory; the scoped context
        // serves code that runs alone (health checks, verbs).
        services.AddPooledDbContextFactory<GraphDbContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<NotificationInterceptor>(), sp.GetRequiredService<PaymentEventsInterceptor>(),
                sp.GetRequiredService<Tontines.TontineEventsInterceptor>(), sp.GetRequiredService<Deliveries.DeliveryEventsInterceptor>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<GraphDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>The DbContext options of the server; tools and tests that build a context by hand use them too.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) => options
        .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
        // The migrations are written by hand (the EF design-time tools cannot be installed here), so
        // there is no model snapshot to compare against. MigrationsMatchModelTests checks instead that
        // the migrated database equals the schema the model creates.
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
}
