namespace Graph.GraphQL.Types;

/// <summary>
/// Marks a class whose members become fields of another object type: by GraphQL name (<c>[ExtendObjectType("Query")]</c>)
/// or by the CLR type that type is inferred from (<c>[ExtendObjectType(typeof(Book))]</c>, <c>[ExtendObjectType&lt;Book&gt;]</c>).
/// Resolvers receive the extended object with a <see cref="Resolvers.ParentAttribute"/> parameter (or any parameter of the
/// extended CLR type). Register the class with <c>SchemaBuilder.AddTypeExtension</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public class ExtendObjectTypeAttribute : Attribute
{
    /// <summary>Extends the type named <paramref name="name"/>.</summary>
    public ExtendObjectTypeAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>Extends the object type inferred from (or bound to) <paramref name="extendsType"/>.</summary>
    public ExtendObjectTypeAttribute(Type extendsType)
    {
        ArgumentNullException.ThrowIfNull(extendsType);
        ExtendsType = extendsType;
    }

    /// <summary>The GraphQL name of the extended type, when given by name.</summary>
    public string? Name { get; }

    /// <summary>The CLR type of the extended type, when given by type.</summary>
    public Type? ExtendsType { get; }

    /// <summary>Members of the extended CLR type (by CLR member name or GraphQL field name) to remove from the extended type.</summary>
    public string[] IgnoreProperties { get; set; } = [];
}

/// <summary>Extends the object type inferred from (or bound to) <typeparamref name="T"/>; see <see cref="ExtendObjectTypeAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ExtendObjectTypeAttribute<T>() : ExtendObjectTypeAttribute(typeof(T));

/// <summary>Marks a (typically static) class whose members become fields of the <c>Query</c> type.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class QueryTypeAttribute : Attribute;

/// <summary>Marks a (typically static) class whose members become fields of the <c>Mutation</c> type.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MutationTypeAttribute : Attribute;

/// <summary>Marks a (typically static) class whose members become fields of the <c>Subscription</c> type.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SubscriptionTypeAttribute : Attribute;

/// <summary>
/// Makes the annotated CLR interface or abstract class a GraphQL interface. Object types whose CLR type implements or
/// derives from it implement the GraphQL interface. Without a name, the CLR name is used (a leading <c>I</c> before an
/// upper-case letter is dropped: <c>INode</c> gives <c>Node</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Class)]
public sealed class InterfaceTypeAttribute(string? name = null) : Attribute
{
    /// <summary>The GraphQL name, or null to infer it.</summary>
    public string? Name { get; } = name;
}

/// <summary>
/// Makes the annotated CLR (marker) interface or abstract class a GraphQL union whose members are the object types of the
/// schema whose CLR type implements or derives from it.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Class)]
public sealed class UnionTypeAttribute(string? name = null) : Attribute
{
    /// <summary>The GraphQL name, or null to infer it.</summary>
    public string? Name { get; } = name;
}
