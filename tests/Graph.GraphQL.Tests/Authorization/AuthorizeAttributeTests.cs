using System.Security.Claims;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Tests.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Authorization;

/// <summary>
/// <see cref="AuthorizeAttribute"/> and <see cref="AllowAnonymousAttribute"/> on annotated classes, extension classes and
/// members, and the same through code-first descriptors.
/// </summary>
public sealed class AuthorizeAttributeTests
{
    /// <summary>Compares JSON, with <c>DENIED</c> in <paramref name="expected"/> standing for the denial's message.</summary>
    private static void AssertJson(string expected, string actual) =>
        JsonAssert.Equal(expected.Replace("DENIED", AuthorizationErrors.NotAuthorizedMessage, StringComparison.Ordinal), actual);

    public sealed class Query
    {
        public string? Hello => "hi";

        [Authorize(Roles = ["ADMIN"])]
        public string? Admin => "admin";

        public Wallet? Wallet() => new();
    }

    /// <summary>Each field needs a treasurer, unless it says otherwise.</summary>
    [Authorize(Roles = ["TREASURER"])]
    public sealed class Wallet
    {
        public int? Balance => 1500;

        [AllowAnonymous]
        public string? Currency => "XOF";

        [Authorize]
        public string? Owner => "ama";

        // Both: anonymous access wins, and the field's own directive is dropped.
        [Authorize(Roles = ["NOBODY"])]
        [AllowAnonymous]
        public string? Country => "CI";
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    [Authorize(Roles = ["ADMIN"])]
    public sealed class AdminQueries
    {
        public int? UserCount => 3;

        [AllowAnonymous]
        public string? Motd => "Akwaba";

        [Authorize(Roles = ["AUDITOR"])]
        public string? AuditLog => "audit";
    }

    [ExtendObjectType(OperationTypeNames.Mutation)]
    public sealed class WalletMutations
    {
        public static int Withdrawals;

        [Authorize(Policy = "Withdraw")]
        [Authorize(Roles = ["TREASURER"])]
        public int Withdraw(int amount) => Interlocked.Add(ref Withdrawals, amount);
    }

    private static IRequestExecutor Create() =>
        Build(b => b.AddQueryType<Query>().AddTypeExtension<AdminQueries>().AddMutationType().AddTypeExtension<WalletMutations>());

    private static IRequestExecutor Build(Action<IRequestExecutorBuilder> configure)
    {
        var services = new ServiceCollection();
        var builder = services.AddGraphQLServer().AddAuthorizationCore().ModifyRequestOptions(o => o.IncludeExceptionDetails = false);
        configure(builder);
        return services.BuildServiceProvider().GetRequestExecutorAsync().AsTask().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task An_attribute_on_a_property_protects_that_field_only()
    {
        var json = await Create().RunAsAsync(Users.Authenticated(), "{ hello admin }");

        AssertJson("""
            {"errors":[{"message":"DENIED","locations":[{"line":1,"column":9}],"path":["admin"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":{"hello":"hi","admin":null}}
            """, json);
    }

    [Fact]
    public async Task An_attribute_on_a_class_protects_each_field_of_its_type_and_field_attributes_replace_or_lift_it()
    {
        var json = await Create().RunAsAsync(Users.Authenticated("kofi", "CASHIER"), "{ wallet { balance currency owner country } }");

        AssertJson("""
            {"errors":[{"message":"DENIED","locations":[{"line":1,"column":12}],"path":["wallet","balance"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":{"wallet":{"balance":null,"currency":"XOF","owner":"ama","country":"CI"}}}
            """, json);
    }

    [Fact]
    public async Task Allow_anonymous_lets_a_request_without_user_have_the_field()
    {
        var json = await Create().RunAsAsync(null, "{ wallet { currency country } motd }");

        Assert.Equal("""{"data":{"wallet":{"currency":"XOF","country":"CI"},"motd":"Akwaba"}}""", json);
    }

    [Fact]
    public async Task An_attribute_on_an_extension_class_protects_the_fields_it_contributes_not_the_extended_type()
    {
        var executor = Create();

        var cashier = await executor.RunAsAsync(Users.Authenticated("kofi", "CASHIER"), "{ hello userCount motd auditLog }");
        var admin = await executor.RunAsAsync(Users.Authenticated("awa", "ADMIN"), "{ hello userCount motd auditLog }");

        AssertJson("""
            {"errors":[
               {"message":"DENIED","locations":[{"line":1,"column":9}],"path":["userCount"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}},
               {"message":"DENIED","locations":[{"line":1,"column":24}],"path":["auditLog"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":{"hello":"hi","userCount":null,"motd":"Akwaba","auditLog":null}}
            """, cashier);
        // The field's own [Authorize] replaces the class's: an admin is no auditor.
        AssertJson("""
            {"errors":[{"message":"DENIED","locations":[{"line":1,"column":24}],"path":["auditLog"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":{"hello":"hi","userCount":3,"motd":"Akwaba","auditLog":null}}
            """, admin);
        Assert.Null(executor.Schema.QueryType.Fields["hello"].Authorization);
        Assert.Null(executor.Schema.QueryType.Fields["motd"].Authorization);
    }

    [Fact]
    public async Task A_denied_mutation_is_not_executed()
    {
        var executor = Create();
        var before = Volatile.Read(ref WalletMutations.Withdrawals);

        var json = await executor.RunAsAsync(Users.Authenticated("awa", "TREASURER"), "mutation { withdraw(amount: 500) }");

        AssertJson("""
            {"errors":[{"message":"The authorization policy \"Withdraw\" does not exist.","locations":[{"line":1,"column":12}],"path":["withdraw"],"extensions":{"code":"AUTH_POLICY_NOT_FOUND"}}],
             "data":null}
            """, json);
        Assert.Equal(before, Volatile.Read(ref WalletMutations.Withdrawals));
    }

    public sealed class Vault
    {
        public int? Gold => 12;

        public int? Silver => 40;

        public string Name => "Bank of the tontine";
    }

    public sealed class VaultType : ObjectType<Vault>
    {
        protected override void Configure(IObjectTypeDescriptor<Vault> descriptor)
        {
            descriptor.Authorize(["TREASURER"]).Authorize("Audited", ApplyPolicy.AfterResolver);
            descriptor.Field(v => v.Silver).Authorize();
            descriptor.Field(v => v.Name).AllowAnonymous();
        }
    }

    [Fact]
    public async Task Descriptors_protect_types_and_fields_as_the_attributes_do()
    {
        var executor = Build(b => b.AddQueryType(d => d.Field("vault").Type<VaultType>().Resolve(new Vault())).AddType<VaultType>());
        var vault = executor.Schema.GetType<ObjectType>("Vault");

        var json = await executor.RunAsAsync(Users.Authenticated("kofi"), "{ vault { gold silver name } }");

        AssertJson("""
            {"errors":[{"message":"DENIED","locations":[{"line":1,"column":11}],"path":["vault","gold"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":{"vault":{"gold":null,"silver":40,"name":"Bank of the tontine"}}}
            """, json);
        Assert.Collection(vault.Fields["gold"].Authorization!.All,
            d => Assert.Equal(["TREASURER"], d.Roles),
            d => Assert.Equal(("Audited", ApplyPolicy.AfterResolver), (d.Policy, d.Apply)));
    }

    public sealed class Caller
    {
        public string Name(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

        public bool SignedIn(ClaimsPrincipal user) => user.IsAuthenticated();

        [Authorize]
        public string Roles(ClaimsPrincipal user, string separator = ",") =>
            string.Join(separator, user.FindAll("role").Select(c => c.Value));

        public string? Tenant([GlobalState("tenant")] string tenantId) => tenantId;

        public int Visits([GlobalState] int? visits) => visits ?? 0;

        public string Channel([GlobalState] string channel = "web") => channel;
    }

    [Fact]
    public async Task A_ClaimsPrincipal_parameter_gets_the_requests_user_and_is_no_argument()
    {
        var executor = Build(b => b.AddQueryType<Caller>());

        var signedIn = await executor.RunAsAsync(Users.Authenticated("ama", "ADMIN", "TREASURER"), "{ name signedIn roles(separator: \"|\") }");
        var anonymous = await executor.RunAsAsync(null, "{ name signedIn }");

        Assert.Equal("""{"data":{"name":"ama","signedIn":true,"roles":"ADMIN|TREASURER"}}""", signedIn);
        Assert.Equal("""{"data":{"name":"anonymous","signedIn":false}}""", anonymous);
        var fields = executor.Schema.QueryType.Fields;
        Assert.Empty(fields["name"].Arguments);
        Assert.Equal(["separator"], fields["roles"].Arguments.Select(a => a.Name));
    }

    [Fact]
    public async Task A_GlobalState_parameter_gets_the_request_state_entry_by_key_or_by_its_name()
    {
        var executor = Build(b => b.AddQueryType<Caller>());
        var request = OperationRequestBuilder.New().SetDocument("{ tenant visits channel }")
            .SetGlobalState("tenant", "kobiri")
            .SetGlobalState("visits", 4)
            .SetGlobalState("channel", "ussd")
            .Build();

        await using var result = await executor.ExecuteAsync(request);

        Assert.Equal("""{"data":{"tenant":"kobiri","visits":4,"channel":"ussd"}}""", result.ExpectOperationResult().ToJson());
        Assert.Empty(executor.Schema.QueryType.Fields["tenant"].Arguments);
    }

    [Fact]
    public async Task A_missing_entry_gives_the_default_or_null_and_fails_a_parameter_that_takes_neither()
    {
        var executor = Build(b => b.AddQueryType<Caller>().ModifyRequestOptions(o => o.IncludeExceptionDetails = true));

        var json = await executor.RunAsAsync(null, "{ visits channel tenant }");

        Assert.Contains("\"data\":{\"visits\":0,\"channel\":\"web\",\"tenant\":null}", json);
        Assert.Contains("The request state has no entry \\u0022tenant\\u0022 for the parameter tenantId of Query.tenant.", json.Replace("\\\"", "\\u0022"));
    }
}
