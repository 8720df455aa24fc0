using System.Security.Claims;
using Graph.GraphQL.AspNetCore.Authorization;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Tests.Execution;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using AuthorizationContext = Graph.GraphQL.Authorization.AuthorizationContext;
using IAuthorizationHandler = Graph.GraphQL.Authorization.IAuthorizationHandler;

namespace Graph.GraphQL.Tests.Authorization;

/// <summary>
/// <c>AddAuthorization()</c> of Graph.GraphQL.AspNetCore: policies are ASP.NET Core's, evaluated with the field's
/// <see cref="IResolverContext"/> as the resource; the handler is a service an application can decorate.
/// </summary>
public sealed class AspNetCorePolicyTests
{
    private const string Sdl = """
        type Query {
          me: String @authorize
          vault: Int @authorize(policy: "Treasurer")
          account(owner: String!): String @authorize(policy: "OwnAccount")
          statement(id: Int!): Statement @authorize(policy: "OwnStatement", apply: AFTER_RESOLVER)
          report: String @authorize(policy: "Audited", apply: VALIDATION)
          ghost: String @authorize(policy: "Ghost")
          cashier: String @authorize(roles: ["CASHIER"], policy: "Treasurer")
        }
        type Statement { id: Int! owner: String! }
        """;

    /// <summary>The account a field asks for (its <c>owner</c> argument) is the user's own.</summary>
    private sealed class OwnAccountRequirement : IAuthorizationRequirement;

    private sealed class OwnAccountHandler : AuthorizationHandler<OwnAccountRequirement, IResolverContext>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnAccountRequirement requirement, IResolverContext resource)
        {
            if (resource.ArgumentValue<string>("owner") == context.User.Identity?.Name)
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>The statement the resolver produced (<see cref="IResolverContext.Result"/>) is the user's.</summary>
    private sealed class OwnStatementRequirement : IAuthorizationRequirement;

    private sealed class OwnStatementHandler : AuthorizationHandler<OwnStatementRequirement, IResolverContext>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnStatementRequirement requirement, IResolverContext resource)
        {
            if (resource.Result is IReadOnlyDictionary<string, object?> statement && Equals(statement["owner"], context.User.Identity?.Name))
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>Checked before execution, with the request's <see cref="AuthorizationContext"/> as the resource.</summary>
    private sealed class AuditedRequirement : IAuthorizationRequirement;

    private sealed class AuditedHandler : AuthorizationHandler<AuditedRequirement, AuthorizationContext>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AuditedRequirement requirement, AuthorizationContext resource)
        {
            if (resource.Operation.Name == "Audit" && context.User.HasClaim("department", "audit"))
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>Refuses the users whose session was revoked, whatever the policies say; otherwise the ASP.NET Core handler decides.</summary>
    private sealed class RevokedSessionHandler(IAuthorizationHandler inner, ISet<string> revoked) : IAuthorizationHandler
    {
        public ValueTask<AuthorizeResult> AuthorizeAsync(IResolverContext context, AuthorizeDirective directive, CancellationToken cancellationToken = default) =>
            IsRevoked(context.GetUser()) ? ValueTask.FromResult(AuthorizeResult.NotAuthenticated) : inner.AuthorizeAsync(context, directive, cancellationToken);

        public ValueTask<AuthorizeResult> AuthorizeAsync(AuthorizationContext context, IReadOnlyList<AuthorizeDirective> directives, CancellationToken cancellationToken = default) =>
            IsRevoked(context.User) ? ValueTask.FromResult(AuthorizeResult.NotAuthenticated) : inner.AuthorizeAsync(context, directives, cancellationToken);

        private bool IsRevoked(ClaimsPrincipal user) => user.FindFirst("sid")?.Value is { } session && revoked.Contains(session);
    }

    private static ServiceProvider CreateServices(Action<IServiceCollection>? configure = null, Action<AuthorizationOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorizationCore(o =>
        {
            o.AddPolicy("Treasurer", p => p.RequireRole("TREASURER"));
            o.AddPolicy("OwnAccount", p => p.AddRequirements(new OwnAccountRequirement()));
            o.AddPolicy("OwnStatement", p => p.AddRequirements(new OwnStatementRequirement()));
            o.AddPolicy("Audited", p => p.AddRequirements(new AuditedRequirement()));
            options?.Invoke(o);
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, OwnAccountHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, OwnStatementHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, AuditedHandler>();
        services.AddGraphQLServer()
            .AddDocumentFromString(Sdl)
            .AddAuthorization()
            .AddResolver("Query", "me", ctx => ctx.GetUser().Identity?.Name)
            .AddResolver("Query", "vault", _ => 250000)
            .AddResolver("Query", "account", ctx => "account of " + ctx.ArgumentValue<string>("owner"))
            .AddResolver("Query", "statement", ctx => new Dictionary<string, object?> { ["id"] = ctx.ArgumentValue<int>("id"), ["owner"] = ctx.ArgumentValue<int>("id") == 1 ? "ama" : "kofi" })
            .AddResolver("Query", "report", _ => "quarterly")
            .AddResolver("Query", "ghost", _ => "boo")
            .AddResolver("Query", "cashier", _ => "till");
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static async Task<string> RunAsync(ServiceProvider services, ClaimsPrincipal? user, string query)
    {
        var executor = await services.GetRequestExecutorAsync();
        return await executor.RunAsAsync(user, query);
    }

    private static ClaimsPrincipal With(ClaimsPrincipal user, params Claim[] claims)
    {
        ((ClaimsIdentity)user.Identity!).AddClaims(claims);
        return user;
    }

    [Fact]
    public async Task In_an_aspnetcore_application_AddAuthorization_registers_the_handler_over_its_policies()
    {
        await using var services = CreateServices();

        Assert.IsType<AspNetCoreAuthorizationHandler>(services.GetRequiredService<IAuthorizationHandler>());
    }

    [Fact]
    public async Task A_policy_decides_with_the_users_claims()
    {
        await using var services = CreateServices();

        var treasurer = await RunAsync(services, Users.Authenticated("awa", "TREASURER"), "{ vault }");
        var cashier = await RunAsync(services, Users.Authenticated("kofi", "CASHIER"), "{ vault }");
        var anonymous = await RunAsync(services, null, "{ vault }");

        Assert.Equal("""{"data":{"vault":250000}}""", treasurer);
        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":3}],"path":["vault"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],"data":{"vault":null}}
            """, cashier);
        Assert.Contains("\"code\":\"AUTH_NOT_AUTHENTICATED\"", anonymous);
    }

    [Fact]
    public async Task A_requirement_handler_gets_the_fields_resolver_context_with_its_arguments()
    {
        await using var services = CreateServices();

        var own = await RunAsync(services, Users.Authenticated("ama"), "{ account(owner: \"ama\") }");
        var other = await RunAsync(services, Users.Authenticated("ama"), "{ account(owner: \"kofi\") }");

        Assert.Equal("""{"data":{"account":"account of ama"}}""", own);
        Assert.Contains("\"code\":\"AUTH_NOT_AUTHORIZED\"", other);
    }

    [Fact]
    public async Task After_the_resolver_the_requirement_handler_sees_the_value()
    {
        await using var services = CreateServices();

        var own = await RunAsync(services, Users.Authenticated("ama"), "{ statement(id: 1) { id owner } }");
        var other = await RunAsync(services, Users.Authenticated("ama"), "{ statement(id: 2) { id owner } }");

        Assert.Equal("""{"data":{"statement":{"id":1,"owner":"ama"}}}""", own);
        Assert.Equal("""{"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":3}],"path":["statement"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],"data":{"statement":null}}""", other);
    }

    [Fact]
    public async Task In_the_validation_phase_the_resource_is_the_authorization_context()
    {
        await using var services = CreateServices();
        var auditor = With(Users.Authenticated("awa"), new Claim("department", "audit"));

        var named = await RunAsync(services, auditor, "query Audit { report }");
        var anonymousOperation = await RunAsync(services, auditor, "{ report }");

        Assert.Equal("""{"data":{"report":"quarterly"}}""", named);
        Assert.Equal("""{"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":3}],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}]}""", anonymousOperation);
    }

    [Fact]
    public async Task An_unknown_policy_is_AUTH_POLICY_NOT_FOUND()
    {
        await using var services = CreateServices();

        var json = await RunAsync(services, Users.Authenticated(), "{ ghost }");

        Assert.Equal("""{"errors":[{"message":"The authorization policy \"Ghost\" does not exist.","locations":[{"line":1,"column":3}],"path":["ghost"],"extensions":{"code":"AUTH_POLICY_NOT_FOUND"}}],"data":{"ghost":null}}""", json);
    }

    [Fact]
    public async Task Without_policy_nor_roles_the_default_policy_decides()
    {
        await using var services = CreateServices(options: o => o.DefaultPolicy = new AuthorizationPolicyBuilder().RequireClaim("verified", "yes").Build());

        var verified = await RunAsync(services, With(Users.Authenticated("ama"), new Claim("verified", "yes")), "{ me }");
        var unverified = await RunAsync(services, Users.Authenticated("kofi"), "{ me }");

        Assert.Equal("""{"data":{"me":"ama"}}""", verified);
        Assert.Contains("\"code\":\"AUTH_NOT_AUTHORIZED\"", unverified);
    }

    /// <summary>A policy provider that has no default policy (ASP.NET Core's own always has one).</summary>
    private sealed class NoDefaultPolicyProvider(Microsoft.Extensions.Options.IOptions<AuthorizationOptions> options) : IAuthorizationPolicyProvider
    {
        private readonly DefaultAuthorizationPolicyProvider _policies = new(options);

        public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) => _policies.GetPolicyAsync(policyName);

        public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => Task.FromResult<AuthorizationPolicy>(null!);

        public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => _policies.GetFallbackPolicyAsync();
    }

    [Fact]
    public async Task Without_policy_nor_roles_and_without_a_default_policy_the_field_is_AUTH_NO_DEFAULT_POLICY()
    {
        await using var services = CreateServices(s => s.AddSingleton<IAuthorizationPolicyProvider, NoDefaultPolicyProvider>());

        var json = await RunAsync(services, Users.Authenticated("ama"), "{ me }");

        Assert.Equal("""{"errors":[{"message":"The server has no default authorization policy.","locations":[{"line":1,"column":3}],"path":["me"],"extensions":{"code":"AUTH_NO_DEFAULT_POLICY"}}],"data":{"me":null}}""", json);
    }

    [Fact]
    public async Task Roles_and_a_policy_on_one_directive_must_both_hold()
    {
        await using var services = CreateServices();

        var both = await RunAsync(services, Users.Authenticated("awa", "CASHIER", "TREASURER"), "{ cashier }");
        var roleOnly = await RunAsync(services, Users.Authenticated("kofi", "CASHIER"), "{ cashier }");
        var policyOnly = await RunAsync(services, Users.Authenticated("yao", "TREASURER"), "{ cashier }");

        Assert.Equal("""{"data":{"cashier":"till"}}""", both);
        Assert.Contains("AUTH_NOT_AUTHORIZED", roleOnly);
        Assert.Contains("AUTH_NOT_AUTHORIZED", policyOnly);
    }

    [Fact]
    public async Task A_decorator_registered_after_AddAuthorization_refuses_revoked_sessions_and_leaves_the_rest_to_the_policies()
    {
        var revoked = new HashSet<string> { "session-2" };
        await using var services = CreateServices(s => s.AddSingleton<IAuthorizationHandler>(sp =>
            new RevokedSessionHandler(sp.GetRequiredService<AspNetCoreAuthorizationHandler>(), revoked)));
        var current = With(Users.Authenticated("awa", "TREASURER"), new Claim("sid", "session-1"));
        var stale = With(Users.Authenticated("awa", "TREASURER"), new Claim("sid", "session-2"), new Claim("department", "audit"));

        var allowed = await RunAsync(services, current, "{ vault }");
        var refused = await RunAsync(services, stale, "{ vault }");
        var refusedBeforeExecution = await RunAsync(services, stale, "query Audit { report }");
        var stillAPolicy = await RunAsync(services, With(Users.Authenticated("kofi", "CASHIER"), new Claim("sid", "session-3")), "{ vault }");

        Assert.Equal("""{"data":{"vault":250000}}""", allowed);
        Assert.Equal("""{"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":3}],"path":["vault"],"extensions":{"code":"AUTH_NOT_AUTHENTICATED"}}],"data":{"vault":null}}""", refused);
        Assert.Contains("AUTH_NOT_AUTHENTICATED", refusedBeforeExecution);
        Assert.DoesNotContain("\"data\"", refusedBeforeExecution);
        Assert.Contains("AUTH_NOT_AUTHORIZED", stillAPolicy);
    }
}
