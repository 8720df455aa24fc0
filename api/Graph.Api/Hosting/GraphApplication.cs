using Graph.Api.Billing;
using Graph.Api.Data;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.AspNetCore;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Graph.Api.Hosting;

/// <summary>How the server is put together: its services and its HTTP pipeline.</summary>
public static class GraphApplication
{
    /// <summary>Builds the application. Starting it throws <see cref="StartupConfigurationException"/> when the configuration is unfit.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section);
        builder.Services.AddGraphData();
        builder.Services.AddGraph(builder.Environment);
        builder.Services.AddGraphHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddGraphRateLimits();
        builder.Services.AddGraphCors();
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, GraphQLMediaTypes.GraphQLResponseJson];
        });

        builder.Services.AddStartupChecks();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseResponseCompression();
        // GraphQL subscriptions over WebSocket on /graphql (graphql-transport-ws, graphql-ws).
        app.UseWebSockets();
        var adminUiIndex = AdminUi.FindIndexFile(app);
        app.UseAdminUi(adminUiIndex);
        app.UseRouting();
        app.UseCors();
        // HttpContext.User is the access token's principal; /graphql refuses a token that is not valid (401).
        app.UseBearerAuthentication();
        // After authentication: the budget of a request is its user's, else its address's.
        app.UseRateLimiter();
        app.MapGraphHealthChecks();
        // Anonymous and outside the GraphQL budgets: providers authenticate by signature and must not be refused.
        app.MapPaymentCallbacks();
        app.MapInvoiceDocuments();
        // CocoaTrack: the deliveries' CSV export (bearer token) and the public trace page and QR codes (anonymous).
        app.MapDeliveryEndpoints();
        // CocoaTrack: the EUDR GeoJSON of a lot (bearer token).
        app.MapEudrExports();
        app.MapAdminUi(adminUiIndex);
        var graphql = app.Services.GetRequiredService<IOptions<GraphOptions>>().Value.GraphQL;
        app.MapGraphQL(GraphRateLimits.GraphQLPath).RequireCors(GraphCors.PolicyName).WithOptions(o =>
        {
            o.Tool.Enable = graphql.Ide.Enabled;
            o.Tool.Path = string.IsNullOrWhiteSpace(graphql.Ide.Path) ? null : graphql.Ide.Path;
            o.MaxRequestBodySize = graphql.MaxRequestBodySize;
            o.PersistedOperationCacheMaxAge = graphql.PersistedOperations.CacheMaxAge;
        }).RefuseInvalidBearerTokens();
        return app;
    }
}
