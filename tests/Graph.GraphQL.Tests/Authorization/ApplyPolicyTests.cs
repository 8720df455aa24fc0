using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Tests.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Authorization;

/// <summary>
/// <c>apply: AFTER_RESOLVER</c> (the handler sees the resolved value, for rules about the row) and <c>apply: VALIDATION</c>
/// (checked before anything executes; a denial fails the request).
/// </summary>
public sealed class ApplyPolicyTests
{
    public sealed record Statement(int Id, string Owner, int Amount);

    /// <summary>The policy "OwnStatement": the statement the resolver produced belongs to the user; the rest as the engine decides.</summary>
    private sealed class OwnStatementHandler : IAuthorizationHandler
    {
        public List<object?> SeenResults { get; } = [];

        public ValueTask<AuthorizeResult> AuthorizeAsync(IResolverContext context, AuthorizeDirective directive, CancellationToken cancellationToken = default)
        {
            if (directive.Policy != "OwnStatement")
            {
                return DefaultAuthorizationHandler.Instance.AuthorizeAsync(context, directive, cancellationToken);
            }
            lock (SeenResults)
            {
                SeenResults.Add(context.Result);
            }
            return ValueTask.FromResult(context.Result is Statement statement && statement.Owner == context.GetUser().Identity?.Name
                ? AuthorizeResult.Allowed
                : AuthorizeResult.NotAllowed);
        }

        public ValueTask<AuthorizeResult> AuthorizeAsync(AuthorizationContext context, IReadOnlyList<AuthorizeDirective> directives, CancellationToken cancellationToken = default) =>
            DefaultAuthorizationHandler.Instance.AuthorizeAsync(context, directives, cancellationToken);
    }

    private const string Sdl = """
        type Query {
          hello: String
          statement(id: Int!): Statement @authorize(policy: "OwnStatement", apply: AFTER_RESOLVER)
          report: Report @authorize(roles: ["AUDITOR"], apply: VALIDATION)
          node: Node
        }
        interface Node { id: Int }
        type Statement { id: Int! owner: String! amount: Int! }
        type Report implements Node @authorize(roles: ["AUDITOR"], apply: VALIDATION) { id: Int total: Int }
        """;

    private static readonly Statement[] Statements = [new(1, "ama", 15000), new(2, "kofi", 2500)];

    private readonly OwnStatementHandler _handler = new();
    private int _resolved;

    private IRequestExecutor Create() => TestServer.Create(Sdl, b =>
    {
        b.AddAuthorizationCore()
            .AddResolver("Query", "hello", _ =>
            {
                Interlocked.Increment(ref _resolved);
                return "hi";
            })
            .AddResolver("Query", "statement", async ctx =>
            {
                await Task.Yield();
                Interlocked.Increment(ref _resolved);
                return Statements.SingleOrDefault(s => s.Id == ctx.ArgumentValue<int>("id"));
            })
            .AddPureResolver("Query", "report", _ => new Dictionary<string, object?> { ["id"] = 9, ["total"] = 17500 })
            .AddResolver("Query", "node", _ => new Dictionary<string, object?> { ["__typename"] = "Report", ["id"] = 9, ["total"] = 17500 });
        b.Services.AddSingleton<IAuthorizationHandler>(_handler);
    });

    [Fact]
    public async Task After_the_resolver_the_handler_sees_the_value_and_the_owner_gets_it()
    {
        var json = await Create().RunAsAsync(Users.Authenticated("ama"), "{ statement(id: 1) { id amount } }");

        Assert.Equal("""{"data":{"statement":{"id":1,"amount":15000}}}""", json);
        Assert.Equal([Statements[0]], _handler.SeenResults);
    }

    [Fact]
    public async Task After_the_resolver_a_row_of_someone_else_is_discarded_with_the_error()
    {
        var json = await Create().RunAsAsync(Users.Authenticated("ama"), "{ hello statement(id: 2) { id amount } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":9}],"path":["statement"],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}],
             "data":{"hello":"hi","statement":null}}
            """, json);
        // Both resolvers ran (hello and statement), then the check saw the row the second produced.
        Assert.Equal(2, _resolved);
        Assert.Equal([Statements[1]], _handler.SeenResults);
    }

    [Fact]
    public async Task A_validation_phase_denial_fails_the_whole_request_before_anything_runs_with_an_error_per_denied_field()
    {
        var json = await Create().RunAsAsync(Users.Authenticated("kofi", "CASHIER"), "{ hello\n  report { total } }");

        JsonAssert.Equal("""
            {"errors":[
               {"message":"The current user is not authorized to access this resource.","locations":[{"line":2,"column":3}],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}},
               {"message":"The current user is not authorized to access this resource.","locations":[{"line":2,"column":12}],"extensions":{"code":"AUTH_NOT_AUTHORIZED"}}]}
            """, json);
        Assert.Equal(0, _resolved);
    }

    [Fact]
    public async Task The_validation_phase_sees_fields_behind_fragments_and_abstract_types()
    {
        var executor = Create();

        var anonymous = await executor.RunAsAsync(null, "{ ...F } fragment F on Query { node { ... on Report { total } } }");
        var auditor = await executor.RunAsAsync(Users.Authenticated("awa", "AUDITOR"), "{ ...F } fragment F on Query { node { id ... on Report { total } } report { total } }");

        JsonAssert.Equal("""
            {"errors":[{"message":"The current user is not authorized to access this resource.","locations":[{"line":1,"column":55}],"extensions":{"code":"AUTH_NOT_AUTHENTICATED"}}]}
            """, anonymous);
        Assert.Equal("""{"data":{"node":{"id":9,"total":17500},"report":{"total":17500}}}""", auditor);
    }

    [Fact]
    public void Fields_checked_only_before_execution_keep_their_resolvers()
    {
        var executor = Create();

        var report = executor.Schema.QueryType.Fields["report"];

        Assert.False(report.Authorization!.ChecksAtExecution);
        Assert.NotNull(report.PureResolver);
    }
}
