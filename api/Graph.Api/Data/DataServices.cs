using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Graph.Api.Data;

public static class DataServices
{
    /// <summary>One Npgsql data source for the process (EF Core and, later, LISTEN/NOTIFY share it) and a pooled DbContext.</summary>
    public static IServiceCollection AddGraphData(this IServiceCollection services, string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = "graph" }.Build();
        services.AddSingleton(dataSource);
        services.AddDbContextPool<GraphDbContext>(options => options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            // The migrations are written by hand (the EF design-time tools cannot be installed here), so
            // there is no model snapshot to compare against. MigrationsMatchModelTests checks instead that
            // the migrated database equals the schema the model creates.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        return services;
    }
}
