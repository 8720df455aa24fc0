namespace Graph.GraphQL.Language;

/// <summary>A named type reference: <c>Type</c>.</summary>
public sealed class NamedTypeNode : INullableTypeNode, INamedSyntaxNode
{
    public NamedTypeNode(Location? location, NameNode name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Location = location;
        Name = name;
    }

    public NamedTypeNode(string name) : this(null, new NameNode(name)) { }

    public SyntaxKind Kind => SyntaxKind.NamedType;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
    }

    public NamedTypeNode WithLocation(Location? location) => new(location, Name);

    public override string ToString() => Name.Value;
}

/// <summary>A list type reference: <c>[Type]</c>.</summary>
public sealed class ListTypeNode : INullableTypeNode
{
    public ListTypeNode(Location? location, ITypeNode type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Location = location;
        Type = type;
    }

    public ListTypeNode(ITypeNode type) : this(null, type) { }

    public SyntaxKind Kind => SyntaxKind.ListType;

    public Location? Location { get; }

    /// <summary>The item type.</summary>
    public ITypeNode Type { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Type;
    }

    public ListTypeNode WithLocation(Location? location) => new(location, Type);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A non-null type reference: <c>Type!</c> or <c>[Type]!</c>.</summary>
public sealed class NonNullTypeNode : ITypeNode
{
    public NonNullTypeNode(Location? location, INullableTypeNode type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Location = location;
        Type = type;
    }

    public NonNullTypeNode(INullableTypeNode type) : this(null, type) { }

    public SyntaxKind Kind => SyntaxKind.NonNullType;

    public Location? Location { get; }

    /// <summary>The wrapped (nullable) type.</summary>
    public INullableTypeNode Type { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Type;
    }

    public NonNullTypeNode WithLocation(Location? location) => new(location, Type);

    public override string ToString() => Printer.Print(this);
}

/// <summary>Helpers for type references.</summary>
public static class TypeNodeExtensions
{
    /// <summary>The named type at the core of a type reference (<c>[Foo!]!</c> gives <c>Foo</c>).</summary>
    public static NamedTypeNode NamedType(this ITypeNode type)
    {
        while (true)
        {
            switch (type)
            {
                case NamedTypeNode named:
                    return named;
                case ListTypeNode list:
                    type = list.Type;
                    break;
                case NonNullTypeNode nonNull:
                    type = nonNull.Type;
                    break;
                default:
                    throw new ArgumentException($"Unknown type node {type.GetType().Name}.", nameof(type));
            }
        }
    }

    /// <summary>The type without its outer non-null wrapper, if any.</summary>
    public static ITypeNode NullableType(this ITypeNode type) => type is NonNullTypeNode nonNull ? nonNull.Type : type;
}
