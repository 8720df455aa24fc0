using System.Diagnostics.CodeAnalysis;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types;

/// <summary>
/// An object type: named fields with resolvers, implementing interfaces. Built schemas hold completed instances; an
/// instance made with <see cref="ObjectType(Action{IObjectTypeDescriptor})"/> or by a subclass overriding
/// <see cref="Configure(IObjectTypeDescriptor)"/> is a code-first configuration for <c>SchemaBuilder.AddType</c>.
/// </summary>
public class ObjectType : NamedTypeBase, IComplexOutputType
{
    private readonly Action<IObjectTypeDescriptor>? _configure;
    private IsOfTypeDelegate _isOfType = null!;

    internal ObjectType(string name, string? description, ITypeDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
    }

    /// <summary>
    /// A code-first object type described by <paramref name="configure"/> (which must set a name); add it with
    /// <c>SchemaBuilder.AddType</c>. The built schema holds its own completed <see cref="ObjectType"/>.
    /// </summary>
    public ObjectType(Action<IObjectTypeDescriptor> configure)
        : this()
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>A code-first object type described by <see cref="Configure(IObjectTypeDescriptor)"/>.</summary>
    protected ObjectType()
        : base(CodeFirstTypes.ConfigurationName, null, null)
    {
        IsTypeConfiguration = true;
    }

    /// <summary>Describes the code-first type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(IObjectTypeDescriptor descriptor) => _configure?.Invoke(descriptor);

    /// <summary>Whether this instance is a code-first configuration rather than a type of a built schema.</summary>
    internal bool IsTypeConfiguration { get; }

    /// <summary>Runs the code-first configuration into a new descriptor, after <paramref name="prepare"/> (type attributes).</summary>
    internal virtual ObjectTypeDescriptor CreateDescriptor(Action<ObjectTypeDescriptor>? prepare = null)
    {
        var descriptor = new ObjectTypeDescriptor(null);
        prepare?.Invoke(descriptor);
        Configure(descriptor);
        return descriptor;
    }

    public override TypeKind Kind => TypeKind.Object;

    /// <summary>The fields, in definition order.</summary>
    public FieldCollection<ObjectField> Fields { get; internal set; } = FieldCollection<ObjectField>.Empty;

    IFieldCollection<IOutputField> IComplexOutputType.Fields => Fields;

    public IReadOnlyList<InterfaceType> Interfaces { get; internal set; } = [];

    /// <summary>The CLR type bound to this object type (see <c>SchemaBuilder.BindRuntimeType</c>), or null.</summary>
    public Type? RuntimeType { get; internal set; }

    /// <summary>The custom <c>IsOfType</c> check configured for the type, or null when the default applies.</summary>
    public IsOfTypeDelegate? IsOfTypeHandler { get; internal set; }

    /// <summary>Looks up a field (meta fields such as <c>__typename</c> are not included; see <see cref="ISchema.GetFieldDefinition"/>).</summary>
    public bool TryGetField(string name, [NotNullWhen(true)] out ObjectField? field) => Fields.TryGetField(name, out field);

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

    /// <summary>
    /// Whether <paramref name="resolverResult"/> is a value of this type: the configured check; else an instance of
    /// <see cref="RuntimeType"/>; else a dictionary whose <c>__typename</c> is this type's name; else a CLR object whose
    /// class name is this type's name.
    /// </summary>
    public bool IsOfType(IResolverContext context, object resolverResult) => _isOfType(context, resolverResult);

    internal void CompleteIsOfType()
    {
        if (IsOfTypeHandler is not null)
        {
            _isOfType = IsOfTypeHandler;
            return;
        }
        var runtimeType = RuntimeType;
        var name = Name;
        _isOfType = runtimeType is not null && runtimeType != typeof(object)
            ? (_, result) => runtimeType.IsInstanceOfType(result)
            : (_, result) => result switch
            {
                IReadOnlyDictionary<string, object?> map => map.TryGetValue(IntrospectionNames.TypeName, out var typeName)
                    && typeName is string s && string.Equals(s, name, StringComparison.Ordinal),
                _ => string.Equals(result.GetType().Name, name, StringComparison.Ordinal),
            };
    }
}
