using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Authorization;

/// <summary>
/// Protects an object type (each of its fields, checked for each field selected), a field, or, on an extension class
/// (<see cref="ExtendObjectTypeAttribute"/>, <see cref="QueryTypeAttribute"/>, ...), the fields that class contributes:
/// <c>@authorize</c>. Without arguments the user must be authenticated; with <see cref="Roles"/>, in one of them; with
/// <see cref="Policy"/>, satisfy it. Repeated, every one must pass. On a field it replaces the directives of its type.
/// Needs <c>AddAuthorization()</c> on the GraphQL server builder.
/// </summary>
/// <remarks>Not <c>Microsoft.AspNetCore.Authorization.AuthorizeAttribute</c>, which the schema ignores.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Property, AllowMultiple = true)]
public sealed class AuthorizeAttribute : DescriptorAttribute
{
    /// <summary>Requires an authenticated user (and what <see cref="Roles"/>, <see cref="Policy"/> and <see cref="Apply"/> add).</summary>
    public AuthorizeAttribute()
    {
    }

    /// <summary>Requires the user to satisfy the policy <paramref name="policy"/>.</summary>
    public AuthorizeAttribute(string policy)
    {
        Policy = policy;
    }

    /// <summary>The name of the policy to satisfy, or null.</summary>
    public string? Policy { get; set; }

    /// <summary>Roles of which the user must have at least one, or null.</summary>
    public string[]? Roles { get; set; }

    /// <summary>When the directive is checked (before the resolver unless set).</summary>
    public ApplyPolicy Apply { get; set; } = ApplyPolicy.BeforeResolver;

    /// <summary>The directive this attribute stands for.</summary>
    public AuthorizeDirective ToDirective() => new(Policy, Roles, Apply);

    protected internal override void TryConfigure(IDescriptorContext context, IDescriptor descriptor, ICustomAttributeProvider element)
    {
        AuthorizeDirective directive;
        try
        {
            directive = ToDirective();
        }
        catch (ArgumentException ex)
        {
            context.ReportError($"The [Authorize] on {Describe(element)} is invalid: {ex.Message}");
            return;
        }
        switch (descriptor)
        {
            case IObjectTypeDescriptor type:
                type.Authorize(directive);
                break;
            case IObjectFieldDescriptor field:
                field.Authorize(directive);
                break;
            default:
                context.ReportError($"[Authorize] on {Describe(element)}: only object types, their fields and extension classes can be protected.");
                break;
        }
    }

    /// <summary>
    /// Applies the <see cref="AuthorizeAttribute"/>s of an extension class to the fields it contributes, except those that
    /// have directives of their own or allow anonymous access.
    /// </summary>
    internal static void ApplyToExtensionFields(DescriptorContext context, Type extensionType, IEnumerable<OutputFieldDefinition> fields)
    {
        var attributes = extensionType.GetCustomAttributes<AuthorizeAttribute>(inherit: true).ToArray();
        if (attributes.Length == 0)
        {
            return;
        }
        var nodes = new List<DirectiveNode>(attributes.Length);
        foreach (var attribute in attributes)
        {
            try
            {
                nodes.Add(attribute.ToDirective().ToSyntaxNode());
            }
            catch (ArgumentException ex)
            {
                context.ReportError($"The [Authorize] on {Describe(extensionType)} is invalid: {ex.Message}");
                return;
            }
        }
        foreach (var field in fields)
        {
            if (field.ContextData.ContainsKey(AllowAnonymousAttribute.ContextDataKey)
                || field.Directives.Exists(static d => d.Name.Value == AuthorizeDirectiveType.Name))
            {
                continue;
            }
            field.Directives.AddRange(nodes);
        }
    }

    private static string Describe(ICustomAttributeProvider element) => element switch
    {
        Type type => type.FullName ?? type.Name,
        MemberInfo member => $"{member.DeclaringType?.Name}.{member.Name}",
        _ => element.ToString() ?? "an element",
    };
}

/// <summary>
/// Lets anyone, authenticated or not, have the field: the <c>@authorize</c> directives of its type (or of its extension
/// class) and of the field itself no longer apply to it. Use it sparingly, for fields such as a sign-in mutation.
/// </summary>
/// <remarks>Not <c>Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute</c>, which the schema ignores.</remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
public sealed class AllowAnonymousAttribute : ObjectFieldDescriptorAttribute
{
    /// <summary>The key, in a field's context data, of the mark this attribute leaves.</summary>
    public const string ContextDataKey = "Graph.GraphQL.Authorization.AllowAnonymous";

    protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member) =>
        descriptor.AllowAnonymous();
}

/// <summary>Protects types and fields in code (<c>descriptor.Authorize("Policy")</c>), as <see cref="AuthorizeAttribute"/> does.</summary>
public static class AuthorizationDescriptorExtensions
{
    /// <summary>Applies <c>@authorize</c> to every field of the type: an authenticated user.</summary>
    public static IObjectTypeDescriptor Authorize(this IObjectTypeDescriptor descriptor, ApplyPolicy apply = ApplyPolicy.BeforeResolver) =>
        descriptor.Authorize(new AuthorizeDirective(apply: apply));

    /// <summary>Applies <c>@authorize(policy:)</c> to every field of the type.</summary>
    public static IObjectTypeDescriptor Authorize(this IObjectTypeDescriptor descriptor, string policy, ApplyPolicy apply = ApplyPolicy.BeforeResolver) =>
        descriptor.Authorize(new AuthorizeDirective(policy, null, apply));

    /// <summary>Applies <c>@authorize(roles:)</c> to every field of the type: the user must be in one of <paramref name="roles"/>.</summary>
    public static IObjectTypeDescriptor Authorize(this IObjectTypeDescriptor descriptor, IReadOnlyList<string> roles, ApplyPolicy apply = ApplyPolicy.BeforeResolver) =>
        descriptor.Authorize(new AuthorizeDirective(null, roles, apply));

    /// <summary>Applies <paramref name="directive"/> to every field of the type.</summary>
    public static IObjectTypeDescriptor Authorize(this IObjectTypeDescriptor descriptor, AuthorizeDirective directive)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(directive);
        descriptor.Directive(AuthorizeDirectiveType.Name, [.. directive.ToSyntaxNode().Arguments]);
        return descriptor;
    }

    /// <inheritdoc cref="Authorize(IObjectTypeDescriptor, ApplyPolicy)"/>
    public static IObjectTypeDescriptor<T> Authorize<T>(this IObjectTypeDescriptor<T> descriptor, ApplyPolicy apply = ApplyPolicy.BeforeResolver) =>
        descriptor.Authorize<T>(new AuthorizeDirective(apply: apply));

    /// <inheritdoc cref="Authorize(IObjectTypeDescriptor, string, ApplyPolicy)"/>
    public static IObjectTypeDescriptor<T> Authorize<T>(this IObjectTypeDescriptor<T> descriptor, string policy, ApplyPolicy apply = ApplyPolicy.BeforeResolver) =>
        descriptor.Authorize<T>(new AuthorizeDirective(policy, null, apply));

    /// <inheritdoc cref="Authorize(IObjectTypeDescriptor, IReadOnlyList{string}, ApplyPolicy)"/>
    public static IObjectTypeDescriptor<T> Authorize<T>(this IObjectTypeDescriptor<T> descriptor, IReadOnlyList<string> roles, ApplyPolicy apply = ApplyPolicy.BeforeResolver) =>
        descriptor.Authorize<T>(new AuthorizeDirective(null, roles, apply));

    /// <inheritdoc cref="Authorize(IObjectTypeDescriptor, AuthorizeDirective)"/>
    public static IObjectTypeDescriptor<T> Authorize<T>(this IObjectTypeDescriptor<T> descriptor, AuthorizeDirective directive)
    {
        ((IObjectTypeDescriptor)descriptor).Authorize(directive);
        return descriptor;
    }

    /// <summary>Applies <c>@authorize</c> to the field (replacing its type's): an authenticated user.</summary>
    public static IObjectFieldDescriptor Authorize(this IObjectFieldDescriptor descriptor, ApplyPolicy apply = ApplyPolicy.BeforeResolver) =>
        descriptor.Authorize(new AuthorizeDirective(apply: apply));

    /// <summary>Applies <c>@authorize(policy:)</c> to the field.</summary>
    public static IObjectFieldDescriptor Authorize(this IObjectFieldDescriptor descriptor, string policy, ApplyPolicy apply = ApplyPolicy.BeforeResolver) =>
        descriptor.Authorize(new AuthorizeDirective(policy, null, apply));

    /// <summary>Applies <c>@authorize(roles:)</c> to the field: the user must be in one of <paramref name="roles"/>.</summary>
    public static IObjectFieldDescriptor Authorize(this IObjectFieldDescriptor descriptor, IReadOnlyList<string> roles, ApplyPolicy apply = ApplyPolicy.BeforeResolver) =>
        descriptor.Authorize(new AuthorizeDirective(null, roles, apply));

    /// <summary>Applies <paramref name="directive"/> to the field.</summary>
    public static IObjectFieldDescriptor Authorize(this IObjectFieldDescriptor descriptor, AuthorizeDirective directive)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(directive);
        descriptor.Directive(AuthorizeDirectiveType.Name, [.. directive.ToSyntaxNode().Arguments]);
        return descriptor;
    }

    /// <summary>Lets anyone have the field (see <see cref="AllowAnonymousAttribute"/>).</summary>
    public static IObjectFieldDescriptor AllowAnonymous(this IObjectFieldDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        descriptor.ContextData(AllowAnonymousAttribute.ContextDataKey, true);
        return descriptor;
    }
}
