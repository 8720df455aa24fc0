using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>A value of an enum type.</summary>
public sealed class EnumValue : INamedMember, IHasAppliedDirectives
{
    internal EnumValue(EnumType declaringType, string name, string? description, object runtimeValue, EnumValueDefinitionNode? syntaxNode)
    {
        DeclaringType = declaringType;
        Name = name;
        Description = description;
        RuntimeValue = runtimeValue;
        SyntaxNode = syntaxNode;
    }

    public EnumType DeclaringType { get; }

    /// <summary>The name as written in documents, e.g. <c>SIT</c>.</summary>
    public string Name { get; }

    public string? Description { get; }

    public bool IsDeprecated => DeprecationReason is not null;

    public string? DeprecationReason { get; internal set; }

    /// <summary>The value resolvers see: the bound CLR enum member, or the name when no CLR enum is bound.</summary>
    public object RuntimeValue { get; }

    public IReadOnlyList<AppliedDirective> Directives { get; internal set; } = [];

    public EnumValueDefinitionNode? SyntaxNode { get; }

    /// <summary>The schema coordinate: <c>Enum.VALUE</c>.</summary>
    public string Coordinate => DeclaringType.Name + "." + Name;

    public override string ToString() => Name;
}

/// <summary>
/// An enum type: a closed set of named values. An instance made with <see cref="EnumType(Action{IEnumTypeDescriptor})"/>
/// or by a subclass overriding <see cref="Configure(IEnumTypeDescriptor)"/> is a code-first configuration for
/// <c>SchemaBuilder.AddType</c>.
/// </summary>
public class EnumType : NamedTypeBase, ILeafType
{
    private readonly Action<IEnumTypeDescriptor>? _configure;
    private FrozenDictionary<object, EnumValue> _byRuntimeValue = FrozenDictionary<object, EnumValue>.Empty;

    internal EnumType(string name, string? description, ITypeDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
    }

    /// <summary>A code-first enum type described by <paramref name="configure"/> (which must set a name).</summary>
    public EnumType(Action<IEnumTypeDescriptor> configure)
        : this()
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>A code-first enum type described by <see cref="Configure(IEnumTypeDescriptor)"/>.</summary>
    protected EnumType()
        : base(CodeFirstTypes.ConfigurationName, null, null)
    {
        IsTypeConfiguration = true;
    }

    /// <summary>Describes the code-first type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(IEnumTypeDescriptor descriptor) => _configure?.Invoke(descriptor);

    /// <summary>Whether this instance is a code-first configuration rather than a type of a built schema.</summary>
    internal bool IsTypeConfiguration { get; }

    /// <summary>Runs the code-first configuration into a new descriptor.</summary>
    internal virtual EnumTypeDescriptor CreateDescriptor()
    {
        var descriptor = new EnumTypeDescriptor(null);
        Configure(descriptor);
        return descriptor;
    }

    public override TypeKind Kind => TypeKind.Enum;

    /// <summary>The values, in definition order.</summary>
    public FieldCollection<EnumValue> Values { get; private set; } = FieldCollection<EnumValue>.Empty;

    /// <summary>The CLR enum bound to this type, or null (runtime values are then the names).</summary>
    public Type? RuntimeType { get; internal set; }

    internal void SetValues(IEnumerable<EnumValue> values)
    {
        Values = new FieldCollection<EnumValue>(values);
        var byRuntime = new Dictionary<object, EnumValue>();
        foreach (var value in Values)
        {
            byRuntime.TryAdd(value.RuntimeValue, value);
        }
        _byRuntimeValue = byRuntime.ToFrozenDictionary();
    }

    /// <summary>Looks a value up by its GraphQL name.</summary>
    public bool TryGetValue(string name, [NotNullWhen(true)] out EnumValue? value) => Values.TryGetField(name, out value);

    /// <summary>Looks a value up by its runtime value (a CLR enum member or the name).</summary>
    public bool TryGetValueByRuntimeValue(object runtimeValue, [NotNullWhen(true)] out EnumValue? value)
    {
        ArgumentNullException.ThrowIfNull(runtimeValue);
        if (_byRuntimeValue.TryGetValue(runtimeValue, out value))
        {
            return true;
        }
        return runtimeValue is string name && Values.TryGetField(name, out value);
    }

    public bool IsInstanceOfType(IValueNode literal) => literal switch
    {
        NullValueNode => true,
        EnumValueNode e => Values.ContainsName(e.Value),
        _ => false,
    };

    public object? ParseLiteral(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        switch (literal)
        {
            case NullValueNode:
                return null;
            case EnumValueNode e when Values.TryGetField(e.Value, out var value):
                return value.RuntimeValue;
            case EnumValueNode e:
                throw new InputCoercionException($"Value \"{e.Value}\" does not exist in \"{Name}\" enum.{Suggestions.DidYouMean("the enum value", e.Value, ValueNames())}");
            default:
                throw new InputCoercionException($"Enum \"{Name}\" cannot represent non-enum value: {literal.Print()}.{Suggestions.DidYouMean("the enum value", literal.Print(), ValueNames())}");
        }
    }

    public object? ParseValue(object? externalValue)
    {
        switch (externalValue)
        {
            case null:
                return null;
            case string s when Values.TryGetField(s, out var value):
                return value.RuntimeValue;
            case string s:
                throw new InputCoercionException($"Value \"{s}\" does not exist in \"{Name}\" enum.{Suggestions.DidYouMean("the enum value", s, ValueNames())}");
            default:
                var printed = ValueFormatter.Inspect(externalValue);
                throw new InputCoercionException($"Enum \"{Name}\" cannot represent non-string value: {printed}.{Suggestions.DidYouMean("the enum value", printed, ValueNames())}");
        }
    }

    public IValueNode ValueToLiteral(object? runtimeValue) => runtimeValue is null
        ? NullValueNode.Default
        : new EnumValueNode(GetValueForSerialization(runtimeValue).Name);

    public object? Serialize(object? runtimeValue) => runtimeValue is null ? null : GetValueForSerialization(runtimeValue).Name;

    private EnumValue GetValueForSerialization(object runtimeValue) => TryGetValueByRuntimeValue(runtimeValue, out var value)
        ? value
        : throw new SerializationException($"Enum \"{Name}\" cannot represent value: {ValueFormatter.Inspect(runtimeValue)}");

    private List<string> ValueNames()
    {
        var names = new List<string>(Values.Count);
        foreach (var value in Values)
        {
            names.Add(value.Name);
        }
        return names;
    }
}
