namespace Graph.GraphQL.Authorization;

/// <summary>The errors a denied <c>@authorize</c> gives, with their <c>extensions.code</c>.</summary>
public static class AuthorizationErrors
{
    /// <summary>The message of a denial for want of authentication or permission (the same, so as to tell nothing more).</summary>
    public const string NotAuthorizedMessage = "The current user is not authorized to access this resource.";

    /// <summary>The <c>extensions.code</c> of a result other than <see cref="AuthorizeResult.Allowed"/>.</summary>
    public static string CodeOf(AuthorizeResult result) => result switch
    {
        AuthorizeResult.NotAuthenticated => ErrorCodes.AuthNotAuthenticated,
        AuthorizeResult.NotAllowed => ErrorCodes.AuthNotAuthorized,
        AuthorizeResult.PolicyNotFound => ErrorCodes.AuthPolicyNotFound,
        AuthorizeResult.NoDefaultPolicy => ErrorCodes.AuthNoDefaultPolicy,
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Only a denial has an error code."),
    };

    /// <summary>
    /// The error of <paramref name="result"/> (not <see cref="AuthorizeResult.Allowed"/>) for a field protected by
    /// <paramref name="directives"/> (the one that denied, or all the field's when not known), without location or path.
    /// </summary>
    public static GraphQLError Create(AuthorizeResult result, IReadOnlyList<AuthorizeDirective> directives)
    {
        ArgumentNullException.ThrowIfNull(directives);
        var message = result switch
        {
            AuthorizeResult.PolicyNotFound => PolicyNotFoundMessage(directives),
            AuthorizeResult.NoDefaultPolicy => "The server has no default authorization policy.",
            _ => NotAuthorizedMessage,
        };
        return new GraphQLError(message).WithCode(CodeOf(result));
    }

    private static string PolicyNotFoundMessage(IReadOnlyList<AuthorizeDirective> directives)
    {
        string? policy = null;
        foreach (var directive in directives)
        {
            if (directive.Policy is not null)
            {
                if (policy is not null && policy != directive.Policy)
                {
                    return "An authorization policy of this field does not exist.";
                }
                policy = directive.Policy;
            }
        }
        return policy is null ? "The authorization policy does not exist." : $"The authorization policy \"{policy}\" does not exist.";
    }
}
