using System.Diagnostics.CodeAnalysis;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>
/// An input object type: named input fields; <c>@oneOf</c> when exactly one must be given. An instance made with
/// <see cref="InputObjectType(Action{IInputObjectTypeDescriptor})"/> or by a subclass overriding
/// <see cref="Configure(IInputObjectTypeDescriptor)"/> is a code-first configuration for <c>SchemaBuilder.AddType</c>.
/// </summary>
public class InputObjectType : NamedTypeBase, IInputType
{
    private readonly Action<IInputObjectTypeDescriptor>? _configure;
    private Func<IReadOnlyDictionary<string, object?>, object>? _factory;

    internal InputObjectType(string name, string? description, ITypeDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
    }

    /// <summary>A code-first input object type described by <paramref name="configure"/> (which must set a name).</summary>
    public InputObjectType(Action<IInputObjectTypeDescriptor> configure)
        : this()
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>A code-first input object type described by <see cref="Configure(IInputObjectTypeDescriptor)"/>.</summary>
    protected InputObjectType()
        : base(CodeFirstTypes.ConfigurationName, null, null)
    {
        IsTypeConfiguration = true;
    }

    /// <summary>Describes the code-first type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(IInputObjectTypeDescriptor descriptor) => _configure?.Invoke(descriptor);

    /// <summary>Whether this instance is a code-first configuration rather than a type of a built schema.</summary>
    internal bool IsTypeConfiguration { get; }

    /// <summary>Runs the code-first configuration into a new descriptor.</summary>
    internal virtual InputObjectTypeDescriptor CreateDescriptor()
    {
        var descriptor = new InputObjectTypeDescriptor(null);
        Configure(descriptor);
        return descriptor;
    }

    public override TypeKind Kind => TypeKind.InputObject;

    /// <summary>The fields, in definition order.</summary>
    public FieldCollection<InputField> Fields { get; internal set; } = FieldCollection<InputField>.Empty;

    /// <summary>Whether the type is a OneOf input object (<c>@oneOf</c>): exactly one field, non-null, must be given.</summary>
    public bool IsOneOf { get; internal set; }

    /// <summary>The CLR type bound to this input type (see <c>SchemaBuilder.BindRuntimeType</c>), or null.</summary>
    public Type? RuntimeType { get; internal set; }

    public bool TryGetField(string name, [NotNullWhen(true)] out InputField? field) => Fields.TryGetField(name, out field);

    /// <summary>
    /// Turns a coerced field dictionary (as produced by <see cref="InputCoercion"/>) into an instance of <see cref="RuntimeType"/>
    /// with a compiled factory; returns the dictionary itself when no CLR type is bound.
    /// </summary>
    public object CreateInstance(IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return _factory is null ? fields : _factory(fields);
    }

    internal void SetFactory(Func<IReadOnlyDictionary<string, object?>, object>? factory) => _factory = factory;
}
