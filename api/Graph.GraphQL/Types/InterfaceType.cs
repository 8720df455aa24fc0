using System.Diagnostics.CodeAnalysis;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>An interface type: fields that implementing object (and interface) types must provide.</summary>
public sealed class InterfaceType : NamedTypeBase, IComplexOutputType, IAbstractType
{
    internal InterfaceType(string name, string? description, ITypeDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
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
