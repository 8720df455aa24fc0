using Graph.Api.Audit;
using Graph.Api.Billing;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Payments;
using Graph.Api.Reading;
using Graph.Api.Tontines;
using Microsoft.Extensions.Options;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Types;
using Npgsql;

namespace Graph.Api.Hosting;

/// <summary>The one graph: each domain folder adds its part.</summary>
public static class GraphSchema
{
    public static IRequestExecutorBuilder AddGraph(this IServiceCollection services, IHostEnvironment environment)
    {
        var graph = services
            .AddGraphQLServer()
            .AddQueryType()
            .AddMutationType()
            .AddSubscriptionType()
            .AddType<IError>()
            // @authorize on types and fields, decided by ASP.NET Core's policies for the request's user.
            .AddAuthorization()
            // Resolvers run in parallel: each one that takes the DbContext gets its own from the pool.
            .RegisterDbContextFactory<GraphDbContext>()
            .AddGlobalObjectIdentification()
            .AddProjections()
            .AddFiltering()
            .AddSorting()
            .AddCatalog()
            .AddAudit()
            .AddIdentity()
            .AddTontines()
            .AddNotifications()
            .AddPayments()
            .AddReading()
            .AddRoyalties()
            .AddBilling()
            .AddDeliveries()
            // Events reach the subscribers of every instance through the database the instances share.
            .AddPostgresSubscriptions(o => o.DataSourceFactory = sp => sp.GetRequiredService<NpgsqlDataSource>())
            .ModifyRequestOptions(o => o.IncludeExceptionDetails = environment.IsDevelopment())
            // Values the database refuses (a NUL in text, a number out of range) are the client's to fix.
            .AddErrorFilter(new DatabaseErrorFilter())
            .AddOperationDocumentStorage<TrustedOperations>()
            .AddAutomaticPersistedOperations();
        // The limits come from "Graph:GraphQL", read when the executor is built (after every configuration source).
        services.AddOptions<RequestExecutorSetup>(graph.Name).Configure<IOptions<GraphOptions>>((setup, graphOptions) =>
            setup.RequestOptionsActions.Add(o => ApplyLimits(o, graphOptions.Value.GraphQL)));
        return graph;
    }

    private static void ApplyLimits(RequestExecutorOptions options, GraphOptions.GraphQLOptions graphql)
    {
        options.DisableIntrospection = !graphql.Introspection;
        options.MaxExecutionDepth = graphql.MaxExecutionDepth;
        options.Cost.MaxFieldCost = graphql.MaxFieldCost;
        options.Cost.MaxTypeCost = graphql.MaxTypeCost;
        options.ExecutionTimeout = graphql.ExecutionTimeout;
        options.PersistedOperations.OnlyAllowPersistedDocuments = graphql.PersistedOperations.OnlyPersisted;
        options.PersistedOperations.AllowAutomaticRegistration = graphql.PersistedOperations.AutomaticRegistration && !graphql.PersistedOperations.OnlyPersisted;
    }

    /// <summary>The schema as SDL, as the server prints it (and as schema/schema.graphql holds it).</summary>
    public static async Task<string> PrintAsync(IServiceProvider services)
    {
        var executor = await services.GetRequestExecutorAsync();
        return SchemaPrinter.Print(executor.Schema);
    }
}
