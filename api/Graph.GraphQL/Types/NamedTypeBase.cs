using System.Collections.Frozen;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>The shared state of named types: name, description, applied directives, context data.</summary>
public abstract class NamedTypeBase : INamedType
{
    private protected NamedTypeBase(string name, string? description, ITypeDefinitionNode? syntaxNode)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Description = description;
        SyntaxNode = syntaxNode;
    }

    public abstract TypeKind Kind { get; }

    public string Name { get; }

    public string? Description { get; internal set; }

    public ITypeDefinitionNode? SyntaxNode { get; internal set; }

    public IReadOnlyList<AppliedDirective> Directives { get; internal set; } = [];

    public IReadOnlyDictionary<string, object?> ContextData { get; internal set; } = FrozenDictionary<string, object?>.Empty;

    /// <summary>The extensions (<c>extend type ...</c>) merged into this type, in source order.</summary>
    public IReadOnlyList<ITypeExtensionNode> ExtensionNodes { get; internal set; } = [];

    public override string ToString() => Name;
}

/// <summary>Picks the object type of a value resolved for an abstract type; null lets the default strategy decide.</summary>
public delegate ObjectType? ResolveAbstractTypeDelegate(Resolvers.IResolverContext context, object resolverResult);

/// <summary>Tells whether a resolved value belongs to an object type.</summary>
public delegate bool IsOfTypeDelegate(Resolvers.IResolverContext context, object resolverResult);
