using System.Security.Claims;
using System.Text;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Pipeline;
using Graph.GraphQL.Language;
using RequestDelegate = Graph.GraphQL.Execution.Pipeline.RequestDelegate;

namespace Graph.Api.Audit;

/// <summary>
/// A step of the GraphQL request pipeline that makes the caller of a mutation the <see cref="AuditScope"/> actor while the
/// mutation executes: the user from the request state (<c>ClaimsPrincipal</c>), and the address, User-Agent and request
/// id from the transport's <c>HttpContext</c> (the request state's, else the current HTTP request's). Queries and
/// subscriptions change nothing and pass straight through.
/// </summary>
public static class AuditRequestMiddleware
{
    /// <summary>The request-state key of the user (a <see cref="ClaimsPrincipal"/>).</summary>
    public const string ClaimsPrincipalKey = "ClaimsPrincipal";

    /// <summary>The request-state key of the transport's <see cref="HttpContext"/>.</summary>
    public const string HttpContextKey = "HttpContext";

    /// <summary>The key of this step in the pipeline.</summary>
    public const string Key = "Audit";

    private const int MaxNameLength = 200;
    private const int MaxUserAgentLength = 512;
    private const int MaxOperationLength = 300;
    private const int MaxRequestIdLength = 128;

    /// <summary>Creates the step (see <see cref="RequestMiddleware"/>).</summary>
    public static RequestDelegate Create(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next)
    {
        var accessor = factoryContext.Services.GetService<IHttpContextAccessor>();
        return context => context.Operation is { Type: OperationType.Mutation } operation
            ? ExecuteAsAsync(context, operation, accessor, next)
            : next(context);
    }

    private static async ValueTask ExecuteAsAsync(RequestContext context, Operation operation, IHttpContextAccessor? accessor, RequestDelegate next)
    {
        using (AuditScope.Begin(ActorOf(context, operation, accessor)))
        {
            await next(context).ConfigureAwait(false);
        }
    }

    /// <summary>The actor of a mutation request.</summary>
    internal static AuditActor ActorOf(RequestContext context, Operation operation, IHttpContextAccessor? accessor)
    {
        var state = context.ContextData;
        var http = state.TryGetValue(HttpContextKey, out var value) && value is HttpContext given ? given : accessor?.HttpContext;
        var user = state.TryGetValue(ClaimsPrincipalKey, out var principal) && principal is ClaimsPrincipal p ? p : http?.User;

        Guid? userId = null;
        string? name = AuditEntry.AnonymousActor;
        if (user?.Identity is { IsAuthenticated: true })
        {
            userId = Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : null;
            name = user.FindFirst("name")?.Value ?? user.Identity.Name;
        }

        string? userAgent = null;
        if (http?.Request.Headers.UserAgent is { Count: > 0 } agent)
        {
            userAgent = agent.ToString();
        }
        return new AuditActor(
            userId,
            Truncate(name, MaxNameLength),
            http?.Connection.RemoteIpAddress?.ToString(),
            Truncate(userAgent, MaxUserAgentLength),
            Truncate(Describe(operation), MaxOperationLength),
            Truncate(http?.TraceIdentifier, MaxRequestIdLength));
    }

    /// <summary>"addBook", or "PublishBook: addBook" for a named operation; several root fields are listed in order.</summary>
    internal static string Describe(Operation operation)
    {
        var fields = new List<string>();
        CollectRootFields(operation.Definition.SelectionSet, operation.Document, fields, new HashSet<string>(StringComparer.Ordinal));
        var text = new StringBuilder();
        if (operation.Name is { } name)
        {
            text.Append(name).Append(": ");
        }
        text.AppendJoin(", ", fields);
        return text.ToString();
    }

    private static void CollectRootFields(SelectionSetNode selectionSet, DocumentNode document, List<string> fields, HashSet<string> visitedFragments)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field when !field.Name.Value.StartsWith("__", StringComparison.Ordinal):
                    if (!fields.Contains(field.Name.Value))
                    {
                        fields.Add(field.Name.Value);
                    }
                    break;
                case InlineFragmentNode inline:
                    CollectRootFields(inline.SelectionSet, document, fields, visitedFragments);
                    break;
                case FragmentSpreadNode spread when visitedFragments.Add(spread.Name.Value):
                    var fragment = document.Definitions.OfType<FragmentDefinitionNode>().FirstOrDefault(f => f.Name.Value == spread.Name.Value);
                    if (fragment is not null)
                    {
                        CollectRootFields(fragment.SelectionSet, document, fields, visitedFragments);
                    }
                    break;
            }
        }
    }

    private static string? Truncate(string? text, int length) => text is not null && text.Length > length ? text[..length] : text;
}
