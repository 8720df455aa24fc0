using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>The description of the annotated type, field, argument, input field or enum value (wins over XML documentation).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Enum
    | AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class GraphQLDescriptionAttribute(string description) : Attribute
{
    /// <summary>The description (Markdown).</summary>
    public string Description { get; } = description;
}

/// <summary>Keeps the annotated member (field, input field, argument-less member or enum value) out of the schema.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Field)]
public sealed class GraphQLIgnoreAttribute : Attribute;

/// <summary>
/// Deprecates the annotated field, argument, input field or enum value (<c>@deprecated(reason:)</c>).
/// <see cref="ObsoleteAttribute"/> has the same effect, with its message as reason.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class GraphQLDeprecatedAttribute(string? reason = null) : Attribute
{
    /// <summary>The reason, or null for the spec's default reason ("No longer supported").</summary>
    public string? Reason { get; } = reason;
}

/// <summary>
/// Sets the GraphQL type of the annotated member, parameter or property instead of inferring it from the CLR type: either a
/// schema type class (<c>typeof(NonNullType&lt;IdType&gt;)</c>, <c>typeof(BookType)</c>, a CLR type) or an SDL type
/// reference (<c>"[String!]"</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class GraphQLTypeAttribute : Attribute
{
    /// <summary>Uses the schema type (or CLR type) <paramref name="type"/>.</summary>
    public GraphQLTypeAttribute(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
    }

    /// <summary>Uses the SDL type reference <paramref name="typeSyntax"/>, e.g. <c>"[String!]!"</c>.</summary>
    public GraphQLTypeAttribute(string typeSyntax)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeSyntax);
        TypeSyntax = typeSyntax;
    }

    /// <summary>The schema or CLR type, when given as a type.</summary>
    public Type? Type { get; }

    /// <summary>The SDL type reference, when given as text.</summary>
    public string? TypeSyntax { get; }

    /// <summary>The SDL type reference parsed, or null when given as a type.</summary>
    internal ITypeNode? ParseSyntax() => TypeSyntax is null ? null : Parser.ParseType(TypeSyntax);
}

/// <summary>
/// Makes the inferred type of the annotated member, parameter or property non-null (useful in nullable-oblivious code or to
/// override a nullable annotation). With <see cref="ElementsNonNull"/> the items of a list become non-null too.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class GraphQLNonNullTypeAttribute : Attribute
{
    /// <summary>Whether the items of a list type become non-null as well.</summary>
    public bool ElementsNonNull { get; init; }
}

/// <summary>
/// Maps the annotated member, parameter or property to the <c>ID</c> scalar (list and non-null wrappers are kept). With
/// global object identification (<c>AddGlobalObjectIdentification()</c>) the value is a node's key behind an opaque global
/// ID: output values are formatted as IDs of <see cref="TypeName"/> (by default the type declaring the field), and
/// arguments and input fields accept global IDs, checked to be of <see cref="TypeName"/> when it is set, and hand the
/// resolver the key.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Field)]
public class IDAttribute : Attribute
{
    /// <summary>An ID of the declaring type (output) or of any node type (input).</summary>
    public IDAttribute()
    {
    }

    /// <summary>An ID of the node type named <paramref name="typeName"/> (<c>[ID(nameof(Author))]</c>).</summary>
    public IDAttribute(string? typeName) => TypeName = typeName;

    /// <summary>The GraphQL name of the node type the ID belongs to, or null.</summary>
    public string? TypeName { get; protected init; }

    /// <summary>The CLR type whose GraphQL type the ID belongs to (set by <see cref="IDAttribute{T}"/>), or null.</summary>
    public Type? ClrType { get; protected init; }
}

/// <summary>An <see cref="IDAttribute"/> for IDs of the node type inferred from <typeparamref name="T"/> (<c>[ID&lt;Author&gt;]</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class IDAttribute<T> : IDAttribute
{
    /// <summary>Creates the attribute.</summary>
    public IDAttribute()
    {
        ClrType = typeof(T);
        TypeName = Configuration.NamingConventions.GetTypeName(typeof(T), TypeKind.Object);
    }
}

/// <summary>Makes the annotated input class a OneOf input object (<c>@oneOf</c>): exactly one field must be given.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class OneOfAttribute : Attribute;

/// <summary>
/// Binds a resolver of a type extension to a member of the extended type, as HotChocolate's <c>[BindMember]</c>: the
/// field keeps the resolver's name, type and arguments, but stands for <see cref="Member"/> (its
/// <see cref="ObjectField.Member"/>; the resolver is its <see cref="ObjectField.ResolverMember"/>) and replaces a field
/// the type has for that member. Projections then load the member (a navigation joined into the same SQL statement),
/// so the resolver can return it when it was loaded and fetch it otherwise:
/// <code>
/// [BindMember(nameof(Book.Author))]
/// public async Task&lt;Author&gt; GetAuthorAsync([Parent] Book book, AuthorByIdDataLoader authors) =&gt;
///     book.Author ?? await authors.LoadAsync(book.AuthorId);
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
public sealed class BindMemberAttribute(string member) : Attribute
{
    /// <summary>The name of the public instance property or field of the extended type's CLR type.</summary>
    public string Member { get; } = member;
}
