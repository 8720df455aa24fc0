using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>A GraphQL type: a named type or a list / non-null wrapper around one.</summary>
public interface IType
{
    /// <summary>The kind of the type.</summary>
    TypeKind Kind { get; }
}

/// <summary>A type that may appear as the type of an argument, input field or variable.</summary>
public interface IInputType : IType;

/// <summary>A type that may appear as the type of an output field.</summary>
public interface IOutputType : IType;

/// <summary>A list or non-null wrapper around another type.</summary>
public interface IWrapperType : IType
{
    /// <summary>The wrapped type.</summary>
    IType OfType { get; }
}

/// <summary>Something of the type system with a name.</summary>
public interface INamedMember
{
    /// <summary>The name, unique within its parent.</summary>
    string Name { get; }
}

/// <summary>Something of the type system that may carry applied directives.</summary>
public interface IHasAppliedDirectives
{
    /// <summary>The directives applied to this member in the schema, in source order.</summary>
    IReadOnlyList<AppliedDirective> Directives { get; }
}

/// <summary>A named type: scalar, object, interface, union, enum or input object.</summary>
public interface INamedType : IType, INamedMember, IHasAppliedDirectives
{
    /// <summary>The description, or null.</summary>
    string? Description { get; }

    /// <summary>The definition this type was built from, when it came from SDL.</summary>
    ITypeDefinitionNode? SyntaxNode { get; }

    /// <summary>Extra data for middleware and tooling, frozen once the schema is built.</summary>
    IReadOnlyDictionary<string, object?> ContextData { get; }
}

/// <summary>A scalar or an enum: a type whose values are leaves of a response.</summary>
public interface ILeafType : INamedType, IInputType, IOutputType
{
    /// <summary>Whether <paramref name="literal"/> is a literal this type can coerce (variables excluded).</summary>
    bool IsInstanceOfType(IValueNode literal);

    /// <summary>Coerces a literal into its runtime value. Throws <see cref="InputCoercionException"/> when it does not fit.</summary>
    object? ParseLiteral(IValueNode literal);

    /// <summary>Coerces an external (variable) value into its runtime value. Throws <see cref="InputCoercionException"/> when it does not fit.</summary>
    object? ParseValue(object? externalValue);

    /// <summary>Turns a runtime value into a literal (for default values and printing). Throws <see cref="SerializationException"/> when it does not fit.</summary>
    IValueNode ValueToLiteral(object? runtimeValue);

    /// <summary>Coerces a resolved runtime value into a JSON-ready result. Throws <see cref="SerializationException"/> when it does not fit.</summary>
    object? Serialize(object? runtimeValue);
}

/// <summary>An object or interface type: a named type with fields and implemented interfaces.</summary>
public interface IComplexOutputType : INamedType, IOutputType
{
    /// <summary>The fields, in definition order.</summary>
    IFieldCollection<IOutputField> Fields { get; }

    /// <summary>The interfaces this type implements, in definition order.</summary>
    IReadOnlyList<InterfaceType> Interfaces { get; }

    /// <summary>Whether this type declares that it implements <paramref name="interfaceName"/>.</summary>
    bool Implements(string interfaceName);
}

/// <summary>An interface or union: a type resolved to an object type at run time.</summary>
public interface IAbstractType : INamedType, IOutputType
{
    /// <summary>Picks the object type of a resolved value, or null when it cannot tell (the default strategy then applies).</summary>
    ResolveAbstractTypeDelegate? ResolveType { get; }
}

/// <summary>A field of an object or interface type.</summary>
public interface IOutputField : INamedMember, IHasAppliedDirectives
{
    string? Description { get; }

    /// <summary>The field's type.</summary>
    IOutputType Type { get; }

    /// <summary>The arguments, in definition order.</summary>
    IFieldCollection<Argument> Arguments { get; }

    /// <summary>The type that declares this field.</summary>
    IComplexOutputType DeclaringType { get; }

    bool IsDeprecated { get; }

    /// <summary>The reason given by <c>@deprecated</c>, or null when not deprecated.</summary>
    string? DeprecationReason { get; }

    /// <summary>The schema coordinate: <c>Type.field</c>.</summary>
    string Coordinate { get; }

    /// <summary>Extra data for middleware (paging, authorization, ...), frozen once the schema is built.</summary>
    IReadOnlyDictionary<string, object?> ContextData { get; }

    /// <summary>The definition this field was built from, when it came from SDL.</summary>
    FieldDefinitionNode? SyntaxNode { get; }
}

/// <summary>A read-only, ordered collection of named members with lookup by name.</summary>
public interface IFieldCollection<out T> : IReadOnlyList<T>
    where T : INamedMember
{
    /// <summary>The member named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    T this[string name] { get; }

    /// <summary>Whether a member named <paramref name="name"/> exists.</summary>
    bool ContainsName(string name);

    /// <summary>The member named <paramref name="name"/>, or null.</summary>
    T? Find(string name);
}
