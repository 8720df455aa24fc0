using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>
/// A union type: one of several object types. An instance made with <see cref="UnionType(Action{IUnionTypeDescriptor})"/>
/// or by a subclass overriding <see cref="Configure(IUnionTypeDescriptor)"/> is a code-first configuration for
/// <c>SchemaBuilder.AddType</c>.
/// </summary>
public class UnionType : NamedTypeBase, IAbstractType
{
    private readonly Action<IUnionTypeDescriptor>? _configure;

    internal UnionType(string name, string? description, ITypeDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
    }

    /// <summary>A code-first union type described by <paramref name="configure"/> (which must set a name).</summary>
    public UnionType(Action<IUnionTypeDescriptor> configure)
        : this()
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>A code-first union type described by <see cref="Configure(IUnionTypeDescriptor)"/>.</summary>
    protected UnionType()
        : base(CodeFirstTypes.ConfigurationName, null, null)
    {
        IsTypeConfiguration = true;
    }

    /// <summary>Describes the code-first type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(IUnionTypeDescriptor descriptor) => _configure?.Invoke(descriptor);

    /// <summary>Whether this instance is a code-first configuration rather than a type of a built schema.</summary>
    internal bool IsTypeConfiguration { get; }

    /// <summary>Runs the code-first configuration into a new descriptor.</summary>
    internal virtual UnionTypeDescriptor CreateDescriptor()
    {
        var descriptor = new UnionTypeDescriptor(null);
        Configure(descriptor);
        return descriptor;
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
