using System.Linq.Expressions;
using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types;

/// <summary>Records the configuration of an object or interface field.</summary>
internal sealed class OutputFieldDescriptor : MemberDescriptorState, IObjectFieldDescriptor, IInterfaceFieldDescriptor
{
    public OutputFieldDescriptor(string? name, MemberInfo? member)
    {
        DeclaredName = name;
        Member = member;
    }

    /// <summary>The name given to <c>Field(name)</c>, used to find the field again.</summary>
    public string? DeclaredName { get; }

    /// <summary>The CLR member the field comes from (<c>Field(x =&gt; x.Title)</c>), if any.</summary>
    public MemberInfo? Member { get; }

    /// <summary>The name set with <see cref="Name"/>.</summary>
    public string? NameValue { get; private set; }

    public List<ArgumentDescriptor> Arguments { get; } = [];

    public FieldResolverDelegate? Resolver { get; private set; }

    public PureFieldResolverDelegate? PureResolver { get; private set; }

    /// <summary>The CLR type a resolver returns (from <c>Resolve&lt;TResult&gt;</c>), for type inference.</summary>
    public Type? ResultType { get; private set; }

    /// <summary>The member of a resolver class set with <see cref="ResolveWith{TResolver}"/>.</summary>
    public MemberInfo? ResolverMember { get; private set; }

    public Type? ResolverType { get; private set; }

    public SubscribeResolverDelegate? SubscribeResolver { get; private set; }

    public Dictionary<string, object?> ContextDataEntries { get; } = new(StringComparer.Ordinal);

    public DescriptorExtension<OutputFieldDefinition> Extension { get; } = new();

    /// <summary>The name the field will have before descriptor renames: the declared name, else the member's.</summary>
    public string? InitialName => DeclaredName ?? (Member is null ? null : NamingConventions.GetFieldName(Member));

    public IObjectFieldDescriptor Name(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        NameValue = name;
        return this;
    }

    public IObjectFieldDescriptor Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    public IObjectFieldDescriptor Deprecated(string? reason = null)
    {
        SetDeprecated(reason);
        return this;
    }

    public IObjectFieldDescriptor Type<TType>() where TType : class => Type(typeof(TType));

    public IObjectFieldDescriptor Type(Type type)
    {
        TypeSpec = TypeSpec.From(type);
        return this;
    }

    public IObjectFieldDescriptor Type(ITypeNode type)
    {
        TypeSpec = TypeSpec.From(type);
        return this;
    }

    public IObjectFieldDescriptor Type(string typeSyntax)
    {
        TypeSpec = TypeSpec.Parse(typeSyntax);
        return this;
    }

    public IObjectFieldDescriptor Argument(string name, Action<IArgumentDescriptor> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        var argument = Arguments.Find(a => a.Name == name);
        if (argument is null)
        {
            argument = new ArgumentDescriptor(name);
            Arguments.Add(argument);
        }
        configure(argument);
        return this;
    }

    public IObjectFieldDescriptor Ignore(bool ignore = true)
    {
        Ignored = ignore;
        return this;
    }

    public IObjectFieldDescriptor Resolve(FieldResolverDelegate resolver, Type? resultType)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        SetResolver(resolver, null, resultType);
        return this;
    }

    public IObjectFieldDescriptor Resolve<TResult>(Func<IResolverContext, TResult> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        SetResolver(ResolverCompiler.CompileFunc(resolver), null, typeof(TResult));
        return this;
    }

    public IObjectFieldDescriptor ResolvePure(PureFieldResolverDelegate resolver, Type? resultType = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        SetResolver(null, resolver, resultType);
        return this;
    }

    public IObjectFieldDescriptor ResolveWith<TResolver>(Expression<Func<TResolver, object?>> member)
    {
        ResolverMember = MemberExpressions.GetMember(member);
        ResolverType = typeof(TResolver);
        Resolver = null;
        PureResolver = null;
        ResultType = null;
        return this;
    }

    public IObjectFieldDescriptor Subscribe(SubscribeResolverDelegate subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        SubscribeResolver = subscribe;
        return this;
    }

    public IObjectFieldDescriptor Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }

    public IObjectFieldDescriptor ContextData(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ContextDataEntries[key] = value;
        return this;
    }

    public IDescriptorExtension<OutputFieldDefinition> Extend() => Extension;

    private void SetResolver(FieldResolverDelegate? resolver, PureFieldResolverDelegate? pure, Type? resultType)
    {
        Resolver = resolver;
        PureResolver = pure;
        ResultType = resultType;
        ResolverMember = null;
        ResolverType = null;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Name(string name)
    {
        Name(name);
        return this;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Deprecated(string? reason)
    {
        SetDeprecated(reason);
        return this;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Type<TType>()
    {
        Type(typeof(TType));
        return this;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Type(Type type)
    {
        Type(type);
        return this;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Type(ITypeNode type)
    {
        Type(type);
        return this;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Type(string typeSyntax)
    {
        Type(typeSyntax);
        return this;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Argument(string name, Action<IArgumentDescriptor> configure)
    {
        Argument(name, configure);
        return this;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Ignore(bool ignore)
    {
        Ignored = ignore;
        return this;
    }

    IInterfaceFieldDescriptor IInterfaceFieldDescriptor.Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }
}

/// <summary>The default value recorded by a descriptor: a CLR value (converted once the type is known) or a literal.</summary>
internal sealed class DefaultValueSpec
{
    private DefaultValueSpec(object? value, IValueNode? literal)
    {
        Value = value;
        Literal = literal;
    }

    public object? Value { get; }

    public IValueNode? Literal { get; }

    public static DefaultValueSpec FromValue(object? value) => new(value, null);

    public static DefaultValueSpec FromLiteral(IValueNode? literal) => new(null, literal ?? NullValueNode.Default);
}

/// <summary>Records the configuration of an argument.</summary>
internal sealed class ArgumentDescriptor(string name) : MemberDescriptorState, IArgumentDescriptor
{
    public string Name { get; } = name;

    public DefaultValueSpec? Default { get; private set; }

    public DescriptorExtension<InputValueDefinition> Extension { get; } = new();

    public IArgumentDescriptor Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    public IArgumentDescriptor Deprecated(string? reason = null)
    {
        SetDeprecated(reason);
        return this;
    }

    public IArgumentDescriptor Type<TType>() where TType : class => Type(typeof(TType));

    public IArgumentDescriptor Type(Type type)
    {
        TypeSpec = TypeSpec.From(type);
        return this;
    }

    public IArgumentDescriptor Type(ITypeNode type)
    {
        TypeSpec = TypeSpec.From(type);
        return this;
    }

    public IArgumentDescriptor Type(string typeSyntax)
    {
        TypeSpec = TypeSpec.Parse(typeSyntax);
        return this;
    }

    public IArgumentDescriptor DefaultValue(object? value)
    {
        Default = DefaultValueSpec.FromValue(value);
        return this;
    }

    public IArgumentDescriptor DefaultValue(IValueNode? literal)
    {
        Default = DefaultValueSpec.FromLiteral(literal);
        return this;
    }

    public IArgumentDescriptor Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }

    public IDescriptorExtension<InputValueDefinition> Extend() => Extension;
}

/// <summary>Records the configuration of an input field.</summary>
internal sealed class InputFieldDescriptor(string? name, PropertyInfo? property) : MemberDescriptorState, IInputFieldDescriptor
{
    public string? DeclaredName { get; } = name;

    public PropertyInfo? Property { get; } = property;

    public string? NameValue { get; private set; }

    public DefaultValueSpec? Default { get; private set; }

    public DescriptorExtension<InputValueDefinition> Extension { get; } = new();

    public IInputFieldDescriptor Name(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        NameValue = name;
        return this;
    }

    public IInputFieldDescriptor Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    public IInputFieldDescriptor Deprecated(string? reason = null)
    {
        SetDeprecated(reason);
        return this;
    }

    public IInputFieldDescriptor Type<TType>() where TType : class => Type(typeof(TType));

    public IInputFieldDescriptor Type(Type type)
    {
        TypeSpec = TypeSpec.From(type);
        return this;
    }

    public IInputFieldDescriptor Type(ITypeNode type)
    {
        TypeSpec = TypeSpec.From(type);
        return this;
    }

    public IInputFieldDescriptor Type(string typeSyntax)
    {
        TypeSpec = TypeSpec.Parse(typeSyntax);
        return this;
    }

    public IInputFieldDescriptor DefaultValue(object? value)
    {
        Default = DefaultValueSpec.FromValue(value);
        return this;
    }

    public IInputFieldDescriptor DefaultValue(IValueNode? literal)
    {
        Default = DefaultValueSpec.FromLiteral(literal);
        return this;
    }

    public IInputFieldDescriptor Ignore(bool ignore = true)
    {
        Ignored = ignore;
        return this;
    }

    public IInputFieldDescriptor Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }

    public IDescriptorExtension<InputValueDefinition> Extend() => Extension;
}

/// <summary>Records the configuration of an enum value.</summary>
internal sealed class EnumValueDescriptor(object value) : MemberDescriptorState, IEnumValueDescriptor
{
    public object Value { get; } = value;

    public string? NameValue { get; private set; }

    public DescriptorExtension<EnumValueDefinition> Extension { get; } = new();

    public IEnumValueDescriptor Name(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        NameValue = name;
        return this;
    }

    public IEnumValueDescriptor Description(string? description)
    {
        SetDescription(description);
        return this;
    }

    public IEnumValueDescriptor Deprecated(string? reason = null)
    {
        SetDeprecated(reason);
        return this;
    }

    public IEnumValueDescriptor Ignore(bool ignore = true)
    {
        Ignored = ignore;
        return this;
    }

    public IEnumValueDescriptor Directive(string name, params ArgumentNode[] arguments)
    {
        AddDirective(name, arguments);
        return this;
    }

    public IDescriptorExtension<EnumValueDefinition> Extend() => Extension;
}
