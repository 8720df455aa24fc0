using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>
/// The mutable description of a named type that sources (SDL documents, annotated classes and code-first
/// descriptors) fill in, and that schema completion turns into the immutable model.
/// Type references are syntax type nodes (<c>[Dog!]!</c>) naming other definitions.
/// </summary>
public abstract class TypeDefinition
{
    private protected TypeDefinition(string name) => Name = name;

    /// <summary>The GraphQL name.</summary>
    public string Name { get; set; }

    /// <summary>The kind of type this definition produces.</summary>
    public abstract TypeKind Kind { get; }

    public string? Description { get; set; }

    /// <summary>Applied directives, in order (SDL nodes or built in code).</summary>
    public List<DirectiveNode> Directives { get; } = [];

    /// <summary>Extra data copied (and frozen) into the built type's <c>ContextData</c>.</summary>
    public Dictionary<string, object?> ContextData { get; } = new(StringComparer.Ordinal);

    /// <summary>The CLR type bound to the GraphQL type, or null.</summary>
    public Type? RuntimeType { get; set; }

    /// <summary>The SDL definition, when there is one.</summary>
    public ITypeDefinitionNode? SyntaxNode { get; set; }

    /// <summary>The SDL extensions merged into this definition.</summary>
    public List<ITypeExtensionNode> ExtensionNodes { get; } = [];
}

/// <summary>Describes an object type.</summary>
public sealed class ObjectTypeDefinition(string name) : TypeDefinition(name)
{
    public override TypeKind Kind => TypeKind.Object;

    /// <summary>The implemented interfaces, by name.</summary>
    public List<NamedTypeNode> Interfaces { get; } = [];

    public List<OutputFieldDefinition> Fields { get; } = [];

    /// <summary>A custom check for abstract type resolution, or null for the default.</summary>
    public IsOfTypeDelegate? IsOfType { get; set; }
}

/// <summary>Describes an interface type.</summary>
public sealed class InterfaceTypeDefinition(string name) : TypeDefinition(name)
{
    public override TypeKind Kind => TypeKind.Interface;

    public List<NamedTypeNode> Interfaces { get; } = [];

    public List<OutputFieldDefinition> Fields { get; } = [];

    public ResolveAbstractTypeDelegate? ResolveType { get; set; }
}

/// <summary>Describes a union type.</summary>
public sealed class UnionTypeDefinition(string name) : TypeDefinition(name)
{
    public override TypeKind Kind => TypeKind.Union;

    /// <summary>The member types, by name.</summary>
    public List<NamedTypeNode> Types { get; } = [];

    public ResolveAbstractTypeDelegate? ResolveType { get; set; }
}

/// <summary>Describes an enum type.</summary>
public sealed class EnumTypeDefinition(string name) : TypeDefinition(name)
{
    public override TypeKind Kind => TypeKind.Enum;

    public List<EnumValueDefinition> Values { get; } = [];
}

/// <summary>Describes an input object type.</summary>
public sealed class InputObjectTypeDefinition(string name) : TypeDefinition(name)
{
    public override TypeKind Kind => TypeKind.InputObject;

    public List<InputValueDefinition> Fields { get; } = [];
}

/// <summary>Describes a scalar type: an implementation, or none (values then pass through untyped, as for SDL-only scalars).</summary>
public sealed class ScalarTypeDefinition(string name) : TypeDefinition(name)
{
    public override TypeKind Kind => TypeKind.Scalar;

    /// <summary>The implementation, or null.</summary>
    public ScalarType? Implementation { get; set; }
}

/// <summary>Describes a field of an object or interface type.</summary>
public sealed class OutputFieldDefinition(string name, ITypeNode type)
{
    public string Name { get; set; } = name;

    public string? Description { get; set; }

    /// <summary>The field type as a type reference.</summary>
    public ITypeNode Type { get; set; } = type;

    public List<InputValueDefinition> Arguments { get; } = [];

    public List<DirectiveNode> Directives { get; } = [];

    public Dictionary<string, object?> ContextData { get; } = new(StringComparer.Ordinal);

    /// <summary>The resolver, or null for the default property / dictionary resolver.</summary>
    public FieldResolverDelegate? Resolver { get; set; }

    /// <summary>A synchronous, side-effect-free form of the resolver, when there is one.</summary>
    public PureFieldResolverDelegate? PureResolver { get; set; }

    /// <summary>For subscription root fields: the source stream factory.</summary>
    public SubscribeResolverDelegate? SubscribeResolver { get; set; }

    /// <summary>The CLR member the field stands for, if any: the member it was inferred from, or the one <see cref="BindMemberAttribute"/> names.</summary>
    public System.Reflection.MemberInfo? Member { get; set; }

    /// <summary>The member the resolver is compiled from when it is not <see cref="Member"/> (<see cref="BindMemberAttribute"/>), else null.</summary>
    public System.Reflection.MemberInfo? ResolverMember { get; set; }

    public FieldDefinitionNode? SyntaxNode { get; set; }
}

/// <summary>Describes an argument or an input field.</summary>
public sealed class InputValueDefinition(string name, ITypeNode type)
{
    public string Name { get; set; } = name;

    public string? Description { get; set; }

    public ITypeNode Type { get; set; } = type;

    /// <summary>The default value literal, or null for none.</summary>
    public IValueNode? DefaultValue { get; set; }

    public List<DirectiveNode> Directives { get; } = [];

    /// <summary>The CLR type the value converts to for resolvers, when known.</summary>
    public Type? RuntimeType { get; set; }

    public InputValueDefinitionNode? SyntaxNode { get; set; }
}

/// <summary>Describes an enum value.</summary>
public sealed class EnumValueDefinition(string name)
{
    public string Name { get; set; } = name;

    public string? Description { get; set; }

    public List<DirectiveNode> Directives { get; } = [];

    /// <summary>The runtime value, or null to use the name (or the matching member of the bound CLR enum).</summary>
    public object? RuntimeValue { get; set; }

    public EnumValueDefinitionNode? SyntaxNode { get; set; }
}

/// <summary>Describes a directive definition.</summary>
public sealed class DirectiveDefinition(string name)
{
    public string Name { get; set; } = name;

    public string? Description { get; set; }

    public bool IsRepeatable { get; set; }

    public List<InputValueDefinition> Arguments { get; } = [];

    /// <summary>The locations as written (names such as <c>FIELD</c>).</summary>
    public List<NameNode> Locations { get; } = [];

    public DirectiveDefinitionNode? SyntaxNode { get; set; }
}

/// <summary>Describes the schema itself: description, root types and applied directives.</summary>
public sealed class SchemaDefinition
{
    public string? Description { get; set; }

    /// <summary>The root type names by operation; an absent entry falls back to the type named Query / Mutation / Subscription.</summary>
    public Dictionary<OperationType, NamedTypeNode> RootTypes { get; } = [];

    public List<DirectiveNode> Directives { get; } = [];

    public Dictionary<string, object?> ContextData { get; } = new(StringComparer.Ordinal);

    /// <summary>The SDL schema definition, when there is one.</summary>
    public SchemaDefinitionNode? SyntaxNode { get; set; }

    /// <summary>The SDL schema extensions merged in.</summary>
    public List<SchemaExtensionNode> ExtensionNodes { get; } = [];
}
