using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Graph.Api.Audit;

/// <summary>The audit log: its services, the step that names the actor of each mutation, and its part of the graph.</summary>
public static class AuditGraph
{
    /// <summary>
    /// The services SaveChanges needs to write the log (<see cref="AuditInterceptor"/>, <see cref="IAuditLog"/>); the
    /// interceptor is attached to the contexts where they are configured (see <c>DataServices</c>).
    /// </summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.TryAddSingleton<AuditPublisher>();
        services.TryAddSingleton<AuditInterceptor>();
        services.TryAddSingleton<IAuditLog, AuditLog>();
        return services;
    }

    /// <summary>auditLog, auditEntryAdded, the AuditEntry node, and the request step that sets the actor of mutations.</summary>
    public static IRequestExecutorBuilder AddAudit(this IRequestExecutorBuilder graph)
    {
        graph.Services.AddAuditLog();
        return graph
            .UseRequest(AuditRequestMiddleware.Create, key: AuditRequestMiddleware.Key)
            .AddTypeExtension<AuditQueries>()
            .AddTypeExtension<AuditEntryFields>()
            .AddTypeExtension<AuditSubscriptions>()
            .AddDataLoader<AuditEntryByIdDataLoader>();
    }
}
