using Graph.GraphQL.Language;

namespace Graph.GraphQL.Authorization;

/// <summary>
/// One <c>@authorize</c> applied to an object type or a field: a policy, roles (any one of them suffices) and when it is
/// checked. Without policy and roles it only asks for an authenticated user. What authorization handlers receive.
/// </summary>
public sealed class AuthorizeDirective
{
    /// <summary>Creates the directive.</summary>
    /// <param name="policy">The name of the policy to satisfy, or null.</param>
    /// <param name="roles">Roles of which the user must have one, or null (or empty) for none.</param>
    /// <param name="apply">When the directive is checked.</param>
    /// <exception cref="ArgumentException">The policy name or a role is empty.</exception>
    public AuthorizeDirective(string? policy = null, IReadOnlyList<string>? roles = null, ApplyPolicy apply = ApplyPolicy.BeforeResolver)
    {
        if (policy is not null && string.IsNullOrWhiteSpace(policy))
        {
            throw new ArgumentException("An authorization policy name cannot be empty.", nameof(policy));
        }
        if (roles is not null)
        {
            foreach (var role in roles)
            {
                if (string.IsNullOrWhiteSpace(role))
                {
                    throw new ArgumentException("An authorization role cannot be null or empty.", nameof(roles));
                }
            }
        }
        if (!Enum.IsDefined(apply))
        {
            throw new ArgumentOutOfRangeException(nameof(apply), apply, "Unknown ApplyPolicy value.");
        }
        Policy = policy;
        Roles = roles is { Count: > 0 } ? [.. roles] : null;
        Apply = apply;
    }

    /// <summary>The name of the policy to satisfy, or null.</summary>
    public string? Policy { get; }

    /// <summary>Roles of which the user must have at least one, or null.</summary>
    public IReadOnlyList<string>? Roles { get; }

    /// <summary>When the directive is checked.</summary>
    public ApplyPolicy Apply { get; }

    /// <summary>The directive as SDL applies it (<c>@authorize(policy: "P", roles: ["A"], apply: AFTER_RESOLVER)</c>).</summary>
    public DirectiveNode ToSyntaxNode()
    {
        var arguments = new List<ArgumentNode>(3);
        if (Policy is not null)
        {
            arguments.Add(new ArgumentNode(AuthorizeDirectiveType.PolicyArgument, new StringValueNode(Policy)));
        }
        if (Roles is not null)
        {
            arguments.Add(new ArgumentNode(AuthorizeDirectiveType.RolesArgument,
                new ListValueNode([.. Roles.Select(static role => (IValueNode)new StringValueNode(role))])));
        }
        if (Apply != ApplyPolicy.BeforeResolver)
        {
            arguments.Add(new ArgumentNode(AuthorizeDirectiveType.ApplyArgument, new EnumValueNode(AuthorizeDirectiveType.ApplyPolicyValue(Apply))));
        }
        return new DirectiveNode(AuthorizeDirectiveType.Name, [.. arguments]);
    }

    public override string ToString() => ToSyntaxNode().Print();
}
