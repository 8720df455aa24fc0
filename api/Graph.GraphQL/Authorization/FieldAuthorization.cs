using Graph.GraphQL.Execution.Processing;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Authorization;

/// <summary>
/// The <c>@authorize</c> directives in force on one object field (its own, else its type's; none with
/// <see cref="AllowAnonymousAttribute"/>), split by when they are checked. Only fields with directives have one.
/// </summary>
internal sealed class FieldAuthorization
{
    public FieldAuthorization(AuthorizeDirective[] directives, bool isSubscriptionRoot)
    {
        All = directives;
        Before = [.. directives.Where(static d => d.Apply == ApplyPolicy.BeforeResolver)];
        After = [.. directives.Where(static d => d.Apply == ApplyPolicy.AfterResolver)];
        Validation = [.. directives.Where(static d => d.Apply == ApplyPolicy.Validation)];
        IsSubscriptionRoot = isSubscriptionRoot;
    }

    /// <summary>Every directive in force, in order.</summary>
    public AuthorizeDirective[] All { get; }

    /// <summary>The directives checked before the resolver.</summary>
    public AuthorizeDirective[] Before { get; }

    /// <summary>The directives checked after the resolver, with its value.</summary>
    public AuthorizeDirective[] After { get; }

    /// <summary>The directives checked before execution.</summary>
    public AuthorizeDirective[] Validation { get; }

    /// <summary>Whether the field is a root field of the subscription type: a denial for one event ends the stream.</summary>
    public bool IsSubscriptionRoot { get; }

    /// <summary>Whether the field's resolver has to be wrapped (validation-phase directives are checked elsewhere).</summary>
    public bool ChecksAtExecution => Before.Length > 0 || After.Length > 0;
}

/// <summary>
/// What a protected field runs instead of its resolver: the before-resolver checks, the resolver, then the after-resolver
/// checks with its value. A denial is the field's value as a <see cref="GraphQLError"/>, which the executor reports at the
/// field's locations and path and then nulls as for any field error (up to the nearest nullable parent). Unprotected
/// fields keep their resolvers as they are.
/// </summary>
internal sealed class AuthorizingResolver(FieldResolverDelegate resolver, SubscribeResolverDelegate? subscribe, string fieldName, FieldAuthorization authorization)
{
    public ValueTask<object?> ResolveAsync(IResolverContext context)
    {
        var before = authorization.Before;
        if (before.Length > 0)
        {
            var handler = HandlerOf(context);
            for (var i = 0; i < before.Length; i++)
            {
                var check = handler.AuthorizeAsync(context, before[i], context.RequestAborted);
                if (!check.IsCompletedSuccessfully)
                {
                    return ContinueBeforeAsync(context, handler, check, i);
                }
                if (check.Result != AuthorizeResult.Allowed)
                {
                    return new ValueTask<object?>(Deny(context, check.Result, before[i]));
                }
            }
        }
        return authorization.After.Length == 0 ? resolver(context) : ResolveThenAuthorizeAsync(context);
    }

    private async ValueTask<object?> ContinueBeforeAsync(IResolverContext context, IAuthorizationHandler handler, ValueTask<AuthorizeResult> pending, int index)
    {
        var before = authorization.Before;
        var result = await pending.ConfigureAwait(false);
        while (true)
        {
            if (result != AuthorizeResult.Allowed)
            {
                return Deny(context, result, before[index]);
            }
            if (++index == before.Length)
            {
                break;
            }
            result = await handler.AuthorizeAsync(context, before[index], context.RequestAborted).ConfigureAwait(false);
        }
        return authorization.After.Length == 0
            ? await resolver(context).ConfigureAwait(false)
            : await ResolveThenAuthorizeAsync(context).ConfigureAwait(false);
    }

    private async ValueTask<object?> ResolveThenAuthorizeAsync(IResolverContext context)
    {
        var value = await resolver(context).ConfigureAwait(false);
        if (value is GraphQLError or Exception)
        {
            // The resolver failed: there is no value to protect, and its error says more.
            return value;
        }
        if (context is ResolverContext executing)
        {
            executing.Result = value;
        }
        var handler = HandlerOf(context);
        foreach (var directive in authorization.After)
        {
            var result = await handler.AuthorizeAsync(context, directive, context.RequestAborted).ConfigureAwait(false);
            if (result != AuthorizeResult.Allowed)
            {
                return Deny(context, result, directive);
            }
        }
        return value;
    }

    /// <summary>
    /// The subscribe resolver of a protected subscription root field: the before-resolver checks run when subscribing
    /// (a denial is a request error and nothing is subscribed), and again for every event through <see cref="ResolveAsync"/>.
    /// </summary>
    public async ValueTask<IAsyncEnumerable<object?>> SubscribeAsync(IResolverContext context)
    {
        var handler = HandlerOf(context);
        foreach (var directive in authorization.Before)
        {
            var result = await handler.AuthorizeAsync(context, directive, context.RequestAborted).ConfigureAwait(false);
            if (result != AuthorizeResult.Allowed)
            {
                throw new GraphQLException(AuthorizationErrors.Create(result, [directive]));
            }
        }
        if (subscribe is not null)
        {
            return await subscribe(context).ConfigureAwait(false);
        }
        // No subscribe resolver: the stream is the root value's member, as the executor reads it for unprotected fields.
        var stream = context.Parent() is { } root ? DefaultFieldResolver.Resolve(root, fieldName) : null;
        return stream as IAsyncEnumerable<object?>
            ?? throw new GraphQLException($"Subscription field must return Async Iterable. Received: {ValueFormatter.Inspect(stream)}.");
    }

    private object Deny(IResolverContext context, AuthorizeResult result, AuthorizeDirective directive)
    {
        if (authorization.IsSubscriptionRoot && context is ResolverContext executing)
        {
            executing.EndSubscription();
        }
        return AuthorizationErrors.Create(result, [directive]);
    }

    /// <summary>The request's handler (through the operation's service cache), else the engine's default.</summary>
    internal static IAuthorizationHandler HandlerOf(IResolverContext context) =>
        (context is ResolverContext executing ? executing.CachedService<IAuthorizationHandler>() : context.Services.GetService(typeof(IAuthorizationHandler)))
            as IAuthorizationHandler ?? DefaultAuthorizationHandler.Instance;
}
