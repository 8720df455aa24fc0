using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>A union type: one of several object types.</summary>
public sealed class UnionType : NamedTypeBase, IAbstractType
{
    internal UnionType(string name, string? description, ITypeDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
    }

    public override TypeKind Kind => TypeKind.Union;

    /// <summary>The member types, in definition order.</summary>
    public IReadOnlyList<ObjectType> Types { get; internal set; } = [];

    public ResolveAbstractTypeDelegate? ResolveType { get; internal set; }

    /// <summary>The CLR type bound to this type, or null.</summary>
    public Type? RuntimeType { get; internal set; }

    /// <summary>Whether <paramref name="typeName"/> is a member type.</summary>
    public bool ContainsType(string typeName)
    {
        foreach (var type in Types)
        {
            if (string.Equals(type.Name, typeName, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
