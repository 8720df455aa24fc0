using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Tests.Execution;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Authorization;

/// <summary>
/// <c>@authorize</c> in an SDL-first schema, with the engine's handler (authentication and roles): what a denied field
/// gives, roles any-of, repeated directives all-of, a field's directives replacing its type's, null propagation.
/// </summary>
public sealed class AuthorizeDirectiveTests
{
    private const string Sdl = """
        type Query {
          public: String
          secret: String @authorize
          admin: String @authorize(roles: ["ADMIN"])
          staff: String @authorize(roles: ["ADMIN", "CASHIER"])
          both: String @authorize(roles: "ADMIN") @authorize(roles: ["AUDITOR"])
          policy: String @authorize(policy: "Treasurers")
          account: Account
          required: Account!
        }

        type Account @authorize(roles: ["TREASURER"]) {
          balance: Int
          owner: String @authorize
          pin: Int!
        }
        """;

    private static readonly Dictionary<string, object?> Account = new() { ["balance"] = 1500, ["owner"] = "ama", ["pin"] = 1234 };

    private int _secretResolved;

    private IRequestExecutor Create() => TestServer.Create(Sdl, b => b
        .AddAuthorizationCore()
        .AddResolver("Query", "public", _ => "hello")
        .AddResolver("Query", "secret", _ =>
        {
            Interlocked.Increment(ref _secretResolved);
            return "the secret";
        })
        .AddResolver("Query", "admin", _ => "admin")
        .AddResolver("Query", "staff", _ => "staff")
        .AddResolver("Query", "both", _ => "both")
        .AddResolver("Query", "policy", _ => "policy")
        .AddResolver("Query", "account", _ => Account)
        .AddResolver("Query", "required", _ => Account));

    [Fact]
    public async Task A_field_denied_to_an_anonymous_request_is_null_with_the_error_of_graphql_js_shape_and_its_resolver_never_runs()
    {
        var json = await Create().RunAsAsync(null, "{ public\n  secret }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":2,"column":3}],"path":["secret"],"extensions":{"code":"AUTH_NOT_AUTHENTICATED"}}],
             "data":{"public":"hello","secret":null}}
            """, json);
        Assert.Equal(0, _secretResolved);
    }

    [Fact]
    public async Task An_anonymous_principal_is_not_authenticated_either()
    {
        var json = await Create().RunAsAsync(Users.Anonymous(), "{ secret }");

        Assert.Contains("\"code\":\"AUTH_NOT_AUTHENTICATED\"", json);
        Assert.Contains("\"data\":{\"secret\":null}", json);
    }

    [Fact]
    public async Task Without_arguments_an_authenticated_user_is_enough()
    {
        var json = await Create().RunAsAsync(Users.Authenticated(), "{ secret }");

        Assert.Equal("""{"data":{"secret":"the secret"}}""", json);
        Assert.Equal(1, _secretResolved);
    }

    [Fact]
    public async Task An_authenticated_user_without_the_role_gets_AUTH_NOT_AUTHORIZED_with_the_fields_path_and_alias()
    {
        var json = await Create().RunAsAsync(Users.Authenticated("kofi", "CASHIER"), "{ boss: admin staff }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":3}],"path":["boss"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":{"boss":null,"staff":"staff"}}
            """, json);
    }

    [Theory]
    [InlineData("ADMIN")]
    [InlineData("CASHIER")]
    public async Task One_of_the_roles_suffices(string role)
    {
        var json = await Create().RunAsAsync(Users.Authenticated("kofi", role), "{ staff }");

        Assert.Equal("""{"data":{"staff":"staff"}}""", json);
    }

    [Theory]
    [InlineData(new[] { "ADMIN" }, false)]
    [InlineData(new[] { "AUDITOR" }, false)]
    [InlineData(new[] { "ADMIN", "AUDITOR" }, true)]
    public async Task Repeated_directives_must_all_pass(string[] roles, bool allowed)
    {
        var json = await Create().RunAsAsync(Users.Authenticated("kofi", roles), "{ both }");

        Assert.Equal(allowed ? """{"data":{"both":"both"}}""" : """{"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":3}],"path":["both"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],"data":{"both":null}}""", json);
    }

    [Fact]
    public async Task A_types_directive_protects_each_selected_field_and_a_fields_own_directive_replaces_it()
    {
        var json = await Create().RunAsAsync(Users.Authenticated("kofi", "CASHIER"), "{ account { owner balance } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":19}],"path":["account","balance"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":{"account":{"owner":"ama","balance":null}}}
            """, json);
    }

    [Fact]
    public async Task The_types_role_opens_its_fields()
    {
        var json = await Create().RunAsAsync(Users.Authenticated("awa", "TREASURER"), "{ account { balance pin owner } }");

        Assert.Equal("""{"data":{"account":{"balance":1500,"pin":1234,"owner":"ama"}}}""", json);
    }

    [Fact]
    public async Task A_denied_non_null_field_nulls_its_nullable_parent()
    {
        var json = await Create().RunAsAsync(Users.Authenticated("kofi"), "{ public account { owner pin } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":26}],"path":["account","pin"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":{"public":"hello","account":null}}
            """, json);
    }

    [Fact]
    public async Task A_denied_non_null_field_under_non_null_parents_nulls_the_data()
    {
        var json = await Create().RunAsAsync(Users.Authenticated("kofi"), "{ public required { pin } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":21}],"path":["required","pin"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":null}
            """, json);
    }

    [Fact]
    public async Task The_engines_handler_knows_no_policy()
    {
        var json = await Create().RunAsAsync(Users.Authenticated(), "{ policy }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The authorization policy \"Treasurers\" does not exist.","locations":[{"line":1,"column":3}],"path":["policy"],"extensions":{"code":"AUTH_POLICY_NOT_FOUND"}}],
             "data":{"policy":null}}
            """, json);
    }

    [Fact]
    public async Task Introspection_and_typename_are_never_authorized_even_on_a_protected_root_type()
    {
        var executor = TestServer.Create("""
            type Query @authorize { hello: String }
            """, b => b.AddAuthorizationCore().AddResolver("Query", "hello", _ => "hi"));

        var json = await executor.RunAsAsync(null, "{ __typename __schema { queryType { name } } __type(name: \"Query\") { name } hello }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":77}],"path":["hello"],"extensions":{"code":"AUTH_NOT_AUTHENTICATED"}}],
             "data":{"__typename":"Query","__schema":{"queryType":{"name":"Query"}},"__type":{"name":"Query"},"hello":null}}
            """, json);
    }

    [Fact]
    public void Only_protected_fields_get_their_resolvers_wrapped()
    {
        var executor = Create();
        var query = executor.Schema.GetType<ObjectType>("Query");
        var account = executor.Schema.GetType<ObjectType>("Account");

        Assert.Null(query.Fields["public"].Authorization);
        Assert.NotNull(query.Fields["secret"].Authorization);
        Assert.Null(query.Fields["secret"].PureResolver);
        // The type's directive is in force on its fields; a field's own replaces it.
        Assert.Equal(["TREASURER"], account.Fields["balance"].Authorization!.All.Single().Roles);
        Assert.Null(account.Fields["owner"].Authorization!.All.Single().Roles);
    }

    [Fact]
    public void The_printed_schema_declares_the_directive_and_its_enum()
    {
        var executor = TestServer.Create("type Query { hello: String @authorize(roles: [\"ADMIN\"]) }", b => b.AddAuthorizationCore());

        Assert.Equal(""""
            """
            Restricts an object type (each of its fields) or a field to the users the server's authorization handler lets through: authenticated, in one of the roles, satisfying the policy. Repeated, all must pass.
            """
            directive @authorize(
              """The name of the authorization policy the user must satisfy."""
              policy: String

              """Roles of which the user must have at least one."""
              roles: [String!]

              """When the directive is checked."""
              apply: ApplyPolicy! = BEFORE_RESOLVER
            ) repeatable on OBJECT | FIELD_DEFINITION

            type Query {
              hello: String
            }

            """When an @authorize directive is checked."""
            enum ApplyPolicy {
              """Before the field's resolver runs: a denied field is never resolved."""
              BEFORE_RESOLVER

              """
              After the field's resolver ran, with its value at hand: a denied value is discarded.
              """
              AFTER_RESOLVER

              """Before the operation executes: a denial fails the whole request."""
              VALIDATION
            }
            """", SchemaPrinter.Print(executor.Schema));
    }

    [Fact]
    public async Task A_schema_that_declares_the_directive_itself_as_the_printed_schema_does_is_enforced_the_same()
    {
        var executor = TestServer.Create("""
            directive @authorize(policy: String, roles: [String!], apply: ApplyPolicy! = BEFORE_RESOLVER) repeatable on OBJECT | FIELD_DEFINITION
            enum ApplyPolicy { BEFORE_RESOLVER AFTER_RESOLVER VALIDATION }
            type Query { hello: String @authorize(roles: ["ADMIN"]) }
            """, b => b.AddAuthorizationCore().AddResolver("Query", "hello", _ => "hi"));

        Assert.Contains("AUTH_NOT_AUTHORIZED", await executor.RunAsAsync(Users.Authenticated(), "{ hello }"));
        Assert.Equal("""{"data":{"hello":"hi"}}""", await executor.RunAsAsync(Users.Authenticated("awa", "ADMIN"), "{ hello }"));
    }

    [Fact]
    public void Authorize_on_an_interface_field_is_a_schema_error()
    {
        var error = Assert.Throws<SchemaException>(() => TestServer.Create("""
            interface Named { name: String @authorize }
            type Query implements Named { name: String }
            """, b => b.AddAuthorizationCore()));

        Assert.Contains("@authorize on the interface field Named.name protects nothing", error.Message);
    }

    [Fact]
    public void Authorize_without_AddAuthorization_is_a_schema_error_that_says_what_to_call()
    {
        var services = new ServiceCollection();
        services.AddGraphQLServer().AddQueryType(d => d.Field("hello").Authorize().Resolve("hi"));

        var error = Assert.Throws<SchemaException>(() => services.BuildServiceProvider().GetRequestExecutorAsync().AsTask().GetAwaiter().GetResult());

        Assert.Contains("The field Query.hello applies @authorize, which needs AddAuthorization() on the GraphQL server builder.", error.Message);
    }

    [Fact]
    public void An_authorize_directive_with_an_empty_policy_is_a_schema_error()
    {
        var error = Assert.Throws<SchemaException>(() => TestServer.Create("type Query { hello: String @authorize(policy: \"\") }", b => b.AddAuthorizationCore()));

        Assert.Contains("The @authorize of Query.hello is invalid", error.Message);
    }
}
