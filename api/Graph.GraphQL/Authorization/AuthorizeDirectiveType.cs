using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Authorization;

/// <summary>
/// The <c>@authorize</c> directive and the <c>ApplyPolicy</c> enum that <c>AddAuthorization()</c> adds to a schema, and how
/// an applied <c>@authorize</c> reads as an <see cref="AuthorizeDirective"/>.
/// </summary>
public static class AuthorizeDirectiveType
{
    /// <summary>The directive's name, <c>authorize</c>.</summary>
    public const string Name = "authorize";

    /// <summary>The name of the enum of the <c>apply</c> argument, <c>ApplyPolicy</c>.</summary>
    public const string ApplyPolicyTypeName = "ApplyPolicy";

    /// <summary>The argument naming the policy.</summary>
    public const string PolicyArgument = "policy";

    /// <summary>The argument listing the roles.</summary>
    public const string RolesArgument = "roles";

    /// <summary>The argument telling when the directive is checked.</summary>
    public const string ApplyArgument = "apply";

    /// <summary>The definitions added to a schema by <c>AddAuthorization()</c> (each unless the schema declares it).</summary>
    public const string Sdl = """
        "Restricts an object type (each of its fields) or a field to the users the server's authorization handler lets through: authenticated, in one of the roles, satisfying the policy. Repeated, all must pass."
        directive @authorize(
          "The name of the authorization policy the user must satisfy."
          policy: String
          "Roles of which the user must have at least one."
          roles: [String!]
          "When the directive is checked."
          apply: ApplyPolicy! = BEFORE_RESOLVER
        ) repeatable on OBJECT | FIELD_DEFINITION

        "When an @authorize directive is checked."
        enum ApplyPolicy {
          "Before the field's resolver runs: a denied field is never resolved."
          BEFORE_RESOLVER
          "After the field's resolver ran, with its value at hand: a denied value is discarded."
          AFTER_RESOLVER
          "Before the operation executes: a denial fails the whole request."
          VALIDATION
        }
        """;

    /// <summary>The GraphQL name of an <see cref="ApplyPolicy"/> value (<c>AFTER_RESOLVER</c>).</summary>
    public static string ApplyPolicyValue(ApplyPolicy apply) => apply switch
    {
        ApplyPolicy.BeforeResolver => "BEFORE_RESOLVER",
        ApplyPolicy.AfterResolver => "AFTER_RESOLVER",
        ApplyPolicy.Validation => "VALIDATION",
        _ => throw new ArgumentOutOfRangeException(nameof(apply), apply, "Unknown ApplyPolicy value."),
    };

    /// <summary>Reads an applied <c>@authorize</c> (from SDL, an attribute or a descriptor).</summary>
    /// <exception cref="ArgumentException">An argument has a value <c>@authorize</c> does not take; the message says which.</exception>
    public static AuthorizeDirective Parse(AppliedDirective directive)
    {
        ArgumentNullException.ThrowIfNull(directive);
        return Parse(directive.GetArgumentLiteral);
    }

    /// <summary>Reads <c>@authorize</c> from its argument literals (null for an argument not given).</summary>
    internal static AuthorizeDirective Parse(Func<string, IValueNode?> argument)
    {
        string? policy = argument(PolicyArgument) switch
        {
            null or NullValueNode => null,
            StringValueNode { Value.Length: > 0 } value when !string.IsNullOrWhiteSpace(value.Value) => value.Value,
            var other => throw new ArgumentException($"The policy of @authorize must be a non-empty string, not {other.Print()}."),
        };
        List<string>? roles = null;
        switch (argument(RolesArgument))
        {
            case null or NullValueNode:
                break;
            case StringValueNode single:
                roles = [Role(single)];
                break;
            case ListValueNode list:
                roles = new List<string>(list.Items.Count);
                foreach (var item in list.Items)
                {
                    roles.Add(Role(item));
                }
                break;
            case var other:
                throw new ArgumentException($"The roles of @authorize must be a list of strings, not {other.Print()}.");
        }
        var apply = argument(ApplyArgument) switch
        {
            null => ApplyPolicy.BeforeResolver,
            EnumValueNode { Value: "BEFORE_RESOLVER" } => ApplyPolicy.BeforeResolver,
            EnumValueNode { Value: "AFTER_RESOLVER" } => ApplyPolicy.AfterResolver,
            EnumValueNode { Value: "VALIDATION" } => ApplyPolicy.Validation,
            var other => throw new ArgumentException($"The apply argument of @authorize must be BEFORE_RESOLVER, AFTER_RESOLVER or VALIDATION, not {other.Print()}."),
        };
        return new AuthorizeDirective(policy, roles, apply);

        static string Role(IValueNode node) => node is StringValueNode { Value: var role } && !string.IsNullOrWhiteSpace(role)
            ? role
            : throw new ArgumentException($"A role of @authorize must be a non-empty string, not {node.Print()}.");
    }
}
