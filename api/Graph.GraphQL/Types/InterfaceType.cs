using System.Diagnostics.CodeAnalysis;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>
/// An interface type: fields that implementing object (and interface) types must provide. An instance made with
/// <see cref="InterfaceType(Action{IInterfaceTypeDescriptor})"/> or by a subclass overriding
/// <see cref="Configure(IInterfaceTypeDescriptor)"/> is a code-first configuration for <c>SchemaBuilder.AddType</c>.
/// </summary>
public class InterfaceType : NamedTypeBase, IComplexOutputType, IAbstractType
{
    private readonly Action<IInterfaceTypeDescriptor>? _configure;

    internal InterfaceType(string name, string? description, ITypeDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
    }

    /// <summary>A code-first interface type described by <paramref name="configure"/> (which must set a name).</summary>
    public InterfaceType(Action<IInterfaceTypeDescriptor> configure)
        : this()
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>A code-first interface type described by <see cref="Configure(IInterfaceTypeDescriptor)"/>.</summary>
    protected InterfaceType()
        : base(CodeFirstTypes.ConfigurationName, null, null)
    {
        IsTypeConfiguration = true;
    }

    /// <summary>Describes the code-first type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(IInterfaceTypeDescriptor descriptor) => _configure?.Invoke(descriptor);

    /// <summary>Whether this instance is a code-first configuration rather than a type of a built schema.</summary>
    internal bool IsTypeConfiguration { get; }

    /// <summary>Runs the code-first configuration into a new descriptor.</summary>
    internal virtual InterfaceTypeDescriptor CreateDescriptor()
    {
        var descriptor = new InterfaceTypeDescriptor(null);
        Configure(descriptor);
        return descriptor;
    }

    public override TypeKind Kind => TypeKind.Interface;

    /// <summary>The fields, in definition order.</summary>
    public FieldCollection<InterfaceField> Fields { get; internal set; } = FieldCollection<InterfaceField>.Empty;

    IFieldCollection<IOutputField> IComplexOutputType.Fields => Fields;

    public IReadOnlyList<InterfaceType> Interfaces { get; internal set; } = [];

    public ResolveAbstractTypeDelegate? ResolveType { get; internal set; }

    /// <summary>The CLR type (often a CLR interface) bound to this type, or null.</summary>
    public Type? RuntimeType { get; internal set; }

    public bool TryGetField(string name, [NotNullWhen(true)] out InterfaceField? field) => Fields.TryGetField(name, out field);

    public bool Implements(string interfaceName)
    {
        foreach (var type in Interfaces)
        {
            if (string.Equals(type.Name, interfaceName, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
