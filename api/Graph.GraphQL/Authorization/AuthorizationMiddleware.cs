using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Pipeline;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Authorization;

/// <summary>
/// The request step that checks the <c>@authorize(apply: VALIDATION)</c> directives of every field the operation selects,
/// before anything executes: one denial ends the request with the errors of all denied fields and no data. A schema
/// without such directives gets no step at all.
/// </summary>
internal static class AuthorizationMiddleware
{
    public static RequestDelegate Create(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next)
    {
        if (factoryContext.Schema is not Schema { HasValidationAuthorization: true })
        {
            return next;
        }
        return context =>
        {
            var checks = context.Operation!.Authorization.ValidationChecks;
            return checks.Length == 0 ? next(context) : AuthorizeAsync(context, checks, next);
        };
    }

    private static async ValueTask AuthorizeAsync(RequestContext context, OperationAuthorization.ValidationCheck[] checks, RequestDelegate next)
    {
        var services = context.Services;
        var handler = services.GetService(typeof(IAuthorizationHandler)) as IAuthorizationHandler ?? DefaultAuthorizationHandler.Instance;
        var authorization = new AuthorizationContext(
            context.Schema, context.Operation!, AuthorizationContextData.GetUser(context.ContextData), context.ContextData, services);
        // Fields of one type share their directives: each set is decided once per request.
        var decided = new Dictionary<AuthorizeDirective[], AuthorizeResult>(ReferenceEqualityComparer.Instance);
        List<GraphQLError>? errors = null;
        foreach (var check in checks)
        {
            if (!decided.TryGetValue(check.Directives, out var result))
            {
                result = await handler.AuthorizeAsync(authorization, check.Directives, context.RequestAborted).ConfigureAwait(false);
                decided[check.Directives] = result;
            }
            if (result != AuthorizeResult.Allowed)
            {
                var error = AuthorizationErrors.Create(result, check.Directives);
                (errors ??= []).Add(check.Node.Location is { } location ? error.WithLocations([location.ToErrorLocation()]) : error);
            }
        }
        if (errors is not null)
        {
            context.Result = OperationResult.FromErrors(errors);
            return;
        }
        await next(context).ConfigureAwait(false);
    }
}
