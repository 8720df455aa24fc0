using Graph.GraphQL.Authorization;
using Graph.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Graph.GraphQL.AspNetCore;

/// <summary>
/// The seam of the HTTP transports (POST, GET and Server-Sent Events; HotChocolate's <c>IHttpRequestInterceptor</c>):
/// called for each GraphQL request read from HTTP, with its request still being built, to add request state, change
/// the user or refuse the request. Register one per schema with <c>AddHttpRequestInterceptor&lt;T&gt;()</c>, deriving
/// from <see cref="DefaultHttpRequestInterceptor"/> (whose <see cref="DefaultHttpRequestInterceptor.OnCreateAsync"/>
/// puts the user and the <see cref="HttpContext"/> in the request state: call it). One instance serves every request.
/// </summary>
/// <remarks>
/// A <see cref="GraphQLException"/> thrown by <see cref="OnCreateAsync"/> refuses the request with its errors (as
/// request errors); another exception fails it as an unexpected error.
/// </remarks>
public interface IHttpRequestInterceptor
{
    /// <summary>Called before the request executes; <paramref name="requestBuilder"/> builds it.</summary>
    ValueTask OnCreateAsync(HttpContext context, IRequestExecutor requestExecutor, OperationRequestBuilder requestBuilder, CancellationToken cancellationToken);
}

/// <summary>
/// Puts the request's user (<c>HttpContext.User</c>, under <see cref="AuthorizationContextData.User"/>) and the
/// <see cref="HttpContext"/> (under <see cref="AspNetCoreContextData.HttpContext"/>) in the request state.
/// </summary>
public class DefaultHttpRequestInterceptor : IHttpRequestInterceptor
{
    /// <summary>The instance used when no interceptor is registered.</summary>
    public static DefaultHttpRequestInterceptor Instance { get; } = new();

    /// <inheritdoc />
    public virtual ValueTask OnCreateAsync(HttpContext context, IRequestExecutor requestExecutor, OperationRequestBuilder requestBuilder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requestBuilder);
        requestBuilder.SetGlobalState(AuthorizationContextData.User, context.User);
        requestBuilder.SetGlobalState(AspNetCoreContextData.HttpContext, context);
        return ValueTask.CompletedTask;
    }
}
