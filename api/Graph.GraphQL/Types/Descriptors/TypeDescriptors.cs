using System.Linq.Expressions;
using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>The settings shared by type descriptors.</summary>
internal abstract class TypeDescriptorState
{
    protected TypeDescriptorState(Type? runtimeType) => RuntimeType = runtimeType;

    /// <summary>The CLR type the type is inferred from (or bound to), if any.</summary>
    public Type? RuntimeType { get; }

    public string? NameValue { get; protected set; }

    public bool HasDescription { get; private set; }

    public string? DescriptionText { get; private set; }

    public List<DirectiveNode> Directives { get; } = [];

    public BindingBehavior? Binding { get; protected set; }

    public HashSet<MemberInfo> IgnoredMembers { get; } = [];

    protected void SetName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        NameValue = name;
    }

    protected void SetDescription(string? description)
    {
        HasDescription = true;
        DescriptionText = description;
    }

    protected void AddDirective(string name, ArgumentNode[] arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Directives.Add(new DirectiveNode(name, arguments));
    }
}

/// <summary>What object and interface descriptors share: output fields (declared by name or from CLR members) and implemented interfaces.</summary>
internal abstract class ComplexTypeDescriptorState(Type? runtimeType) : TypeDescriptorState(runtimeType)
{
    public List<OutputFieldDescriptor> Fields { get; } = [];

    public List<TypeSpec> Interfaces { get; } = [];

    /// <summary>The field declared with <paramref name="name"/> (created on first use).</summary>
    protected OutputFieldDescriptor NamedField(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var field = Fields.Find(f => f.DeclaredName == name);
        if (field is null)
        {
            field = new OutputFieldDescriptor(name, null);
            Fields.Add(field);
        }
        return field;
    }

    /// <summary>The field descriptor of a CLR member (created on first use).</summary>
    public OutputFieldDescriptor MemberField(MemberInfo member)
    {
        var field = Fields.Find(f => f.Member == member);
        if (field is null)
        {
            field = new OutputFieldDescriptor(null, member);
            Fields.Add(field);
        }
        return field;
    }
}

/// <summary>Records the configuration of an object type.</summary>
internal class ObjectTypeDescriptor(Type? runtimeType) : ComplexTypeDescriptorState(runtimeType), IObjectTypeDescriptor
{
    public IsOfTypeDelegate? IsOfTypeCheck { get; private set; }

    public DescriptorExtension<ObjectTypeDefinition> Extension { get; } = new();

    public IObjectTypeDescriptor Name(string name)
    {
        SetName(name);
        return this;
    }

    public IObjectTypeDescriptor Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    public IObjectFieldDescriptor Field(string name) => NamedField(name);

    public IObjectTypeDescriptor Implements<TInterface>() where TInterface : class
    {
        Interfaces.Add(TypeSpec.From(typeof(TInterface)));
        return this;
    }

    public IObjectTypeDescriptor Implements(string interfaceName)
    {
        Interfaces.Add(TypeSpec.From(new NamedTypeNode(interfaceName)));
        return this;
    }

    public IObjectTypeDescriptor IsOfType(IsOfTypeDelegate isOfType)
    {
        ArgumentNullException.ThrowIfNull(isOfType);
        IsOfTypeCheck = isOfType;
        return this;
    }

    public IObjectTypeDescriptor Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }

    public IDescriptorExtension<ObjectTypeDefinition> Extend() => Extension;

}

/// <summary>Records the configuration of an object type inferred from <typeparamref name="T"/>.</summary>
internal sealed class ObjectTypeDescriptor<T>() : ObjectTypeDescriptor(typeof(T)), IObjectTypeDescriptor<T>
{
    public IObjectFieldDescriptor Field(Expression<Func<T, object?>> member) => MemberField(MemberExpressions.GetMember(member));

    public IObjectFieldDescriptor Field<TResolver>(Expression<Func<TResolver, object?>> member)
    {
        var resolverMember = MemberExpressions.GetMember(member);
        var field = new OutputFieldDescriptor(NamingConventions.GetFieldName(resolverMember), null);
        field.ResolveWith(member);
        Fields.Add(field);
        return field;
    }

    public IObjectTypeDescriptor<T> Ignore(Expression<Func<T, object?>> member)
    {
        IgnoredMembers.Add(MemberExpressions.GetMember(member));
        return this;
    }

    public IObjectTypeDescriptor<T> BindFields(BindingBehavior behavior)
    {
        Binding = behavior;
        return this;
    }

    public IObjectTypeDescriptor<T> BindFieldsExplicitly() => BindFields(BindingBehavior.Explicit);

    public IObjectTypeDescriptor<T> BindFieldsImplicitly() => BindFields(BindingBehavior.Implicit);

    IObjectTypeDescriptor<T> IObjectTypeDescriptor<T>.Name(string name)
    {
        SetName(name);
        return this;
    }

    IObjectTypeDescriptor<T> IObjectTypeDescriptor<T>.Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    IObjectTypeDescriptor<T> IObjectTypeDescriptor<T>.Implements<TInterface>()
    {
        Implements<TInterface>();
        return this;
    }

    IObjectTypeDescriptor<T> IObjectTypeDescriptor<T>.Implements(string interfaceName)
    {
        Implements(interfaceName);
        return this;
    }
}

/// <summary>Records the configuration of an interface type.</summary>
internal class InterfaceTypeDescriptor(Type? runtimeType) : ComplexTypeDescriptorState(runtimeType), IInterfaceTypeDescriptor
{
    public ResolveAbstractTypeDelegate? ResolveType { get; private set; }

    public DescriptorExtension<InterfaceTypeDefinition> Extension { get; } = new();

    public IInterfaceTypeDescriptor Name(string name)
    {
        SetName(name);
        return this;
    }

    public IInterfaceTypeDescriptor Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    public IInterfaceFieldDescriptor Field(string name) => NamedField(name);

    public IInterfaceTypeDescriptor Implements<TInterface>() where TInterface : class
    {
        Interfaces.Add(TypeSpec.From(typeof(TInterface)));
        return this;
    }

    public IInterfaceTypeDescriptor Implements(string interfaceName)
    {
        Interfaces.Add(TypeSpec.From(new NamedTypeNode(interfaceName)));
        return this;
    }

    public IInterfaceTypeDescriptor ResolveAbstractType(ResolveAbstractTypeDelegate resolveType)
    {
        ArgumentNullException.ThrowIfNull(resolveType);
        ResolveType = resolveType;
        return this;
    }

    public IInterfaceTypeDescriptor Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }

    public IDescriptorExtension<InterfaceTypeDefinition> Extend() => Extension;
}

/// <summary>Records the configuration of an interface type inferred from <typeparamref name="T"/>.</summary>
internal sealed class InterfaceTypeDescriptor<T>() : InterfaceTypeDescriptor(typeof(T)), IInterfaceTypeDescriptor<T>
{
    public IInterfaceFieldDescriptor Field(Expression<Func<T, object?>> member) => MemberField(MemberExpressions.GetMember(member));

    public IInterfaceTypeDescriptor<T> Ignore(Expression<Func<T, object?>> member)
    {
        IgnoredMembers.Add(MemberExpressions.GetMember(member));
        return this;
    }

    public IInterfaceTypeDescriptor<T> BindFields(BindingBehavior behavior)
    {
        Binding = behavior;
        return this;
    }
}

/// <summary>Records the configuration of a union type.</summary>
internal sealed class UnionTypeDescriptor(Type? runtimeType) : TypeDescriptorState(runtimeType), IUnionTypeDescriptor
{
    public List<TypeSpec> Types { get; } = [];

    public ResolveAbstractTypeDelegate? ResolveType { get; private set; }

    public DescriptorExtension<UnionTypeDefinition> Extension { get; } = new();

    public IUnionTypeDescriptor Name(string name)
    {
        SetName(name);
        return this;
    }

    public IUnionTypeDescriptor Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    public IUnionTypeDescriptor Type<TObjectType>() where TObjectType : class
    {
        Types.Add(TypeSpec.From(typeof(TObjectType)));
        return this;
    }

    public IUnionTypeDescriptor Type(string objectTypeName)
    {
        Types.Add(TypeSpec.From(new NamedTypeNode(objectTypeName)));
        return this;
    }

    public IUnionTypeDescriptor ResolveAbstractType(ResolveAbstractTypeDelegate resolveType)
    {
        ArgumentNullException.ThrowIfNull(resolveType);
        ResolveType = resolveType;
        return this;
    }

    public IUnionTypeDescriptor Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }

    public IDescriptorExtension<UnionTypeDefinition> Extend() => Extension;
}

/// <summary>Records the configuration of an input object type.</summary>
internal class InputObjectTypeDescriptor(Type? runtimeType) : TypeDescriptorState(runtimeType), IInputObjectTypeDescriptor
{
    public List<InputFieldDescriptor> Fields { get; } = [];

    public bool IsOneOf { get; private set; }

    public DescriptorExtension<InputObjectTypeDefinition> Extension { get; } = new();

    public IInputObjectTypeDescriptor Name(string name)
    {
        SetName(name);
        return this;
    }

    public IInputObjectTypeDescriptor Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    public IInputFieldDescriptor Field(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var field = Fields.Find(f => f.DeclaredName == name);
        if (field is null)
        {
            field = new InputFieldDescriptor(name, null);
            Fields.Add(field);
        }
        return field;
    }

    public IInputObjectTypeDescriptor OneOf()
    {
        IsOneOf = true;
        return this;
    }

    public IInputObjectTypeDescriptor Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }

    public IDescriptorExtension<InputObjectTypeDefinition> Extend() => Extension;

    public InputFieldDescriptor PropertyField(PropertyInfo property)
    {
        var field = Fields.Find(f => f.Property == property);
        if (field is null)
        {
            field = new InputFieldDescriptor(null, property);
            Fields.Add(field);
        }
        return field;
    }
}

/// <summary>Records the configuration of an input object type built as <typeparamref name="T"/>.</summary>
internal sealed class InputObjectTypeDescriptor<T>() : InputObjectTypeDescriptor(typeof(T)), IInputObjectTypeDescriptor<T>
{
    public IInputFieldDescriptor Field(Expression<Func<T, object?>> property) =>
        PropertyField(MemberExpressions.GetMember(property) as PropertyInfo
            ?? throw new ArgumentException($"The expression {property} must select a property.", nameof(property)));

    public IInputObjectTypeDescriptor<T> Ignore(Expression<Func<T, object?>> property)
    {
        IgnoredMembers.Add(MemberExpressions.GetMember(property));
        return this;
    }

    public IInputObjectTypeDescriptor<T> BindFields(BindingBehavior behavior)
    {
        Binding = behavior;
        return this;
    }
}

/// <summary>Records the configuration of an enum type.</summary>
internal class EnumTypeDescriptor(Type? runtimeType) : TypeDescriptorState(runtimeType), IEnumTypeDescriptor
{
    public List<EnumValueDescriptor> Values { get; } = [];

    public DescriptorExtension<EnumTypeDefinition> Extension { get; } = new();

    public IEnumTypeDescriptor Name(string name)
    {
        SetName(name);
        return this;
    }

    public IEnumTypeDescriptor Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    public IEnumValueDescriptor Value(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var descriptor = Values.Find(v => Equals(v.Value, value));
        if (descriptor is null)
        {
            descriptor = new EnumValueDescriptor(value);
            Values.Add(descriptor);
        }
        return descriptor;
    }

    public IEnumTypeDescriptor Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }

    public IDescriptorExtension<EnumTypeDefinition> Extend() => Extension;

    protected void SetBinding(BindingBehavior behavior) => Binding = behavior;
}

/// <summary>Records the configuration of an enum type inferred from <typeparamref name="T"/>.</summary>
internal sealed class EnumTypeDescriptor<T>() : EnumTypeDescriptor(typeof(T)), IEnumTypeDescriptor<T>
    where T : struct, Enum
{
    public IEnumValueDescriptor Value(T value) => Value((object)value);

    public IEnumTypeDescriptor<T> BindValues(BindingBehavior behavior)
    {
        SetBinding(behavior);
        return this;
    }
}
