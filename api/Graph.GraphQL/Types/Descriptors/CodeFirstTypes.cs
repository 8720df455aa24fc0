namespace Graph.GraphQL.Types;

/// <summary>Shared facts about code-first type configurations.</summary>
internal static class CodeFirstTypes
{
    /// <summary>The <c>Name</c> of a configuration instance; the schema's type gets the name the configuration sets or infers.</summary>
    public const string ConfigurationName = "(code-first configuration)";
}

/// <summary>
/// A code-first object type inferred from the CLR type <typeparamref name="T"/> (its public properties and methods become
/// fields unless ignored or bound explicitly). Subclass it and override <see cref="Configure(IObjectTypeDescriptor{T})"/>, or
/// pass the configuration to the constructor. Registered with <c>SchemaBuilder.AddType</c>, it is the type every
/// <typeparamref name="T"/> of the schema maps to.
/// </summary>
public class ObjectType<T> : ObjectType
{
    private readonly Action<IObjectTypeDescriptor<T>>? _configure;

    /// <summary>An object type inferred from <typeparamref name="T"/>, configured by <see cref="Configure(IObjectTypeDescriptor{T})"/>.</summary>
    public ObjectType()
    {
    }

    /// <summary>An object type inferred from <typeparamref name="T"/> and configured by <paramref name="configure"/>.</summary>
    public ObjectType(Action<IObjectTypeDescriptor<T>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>Describes the type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(IObjectTypeDescriptor<T> descriptor) => _configure?.Invoke(descriptor);

    /// <summary>Not used: <see cref="Configure(IObjectTypeDescriptor{T})"/> describes the type.</summary>
    protected sealed override void Configure(IObjectTypeDescriptor descriptor)
    {
    }

    internal override ObjectTypeDescriptor CreateDescriptor(Action<ObjectTypeDescriptor>? prepare = null)
    {
        var descriptor = new ObjectTypeDescriptor<T>();
        prepare?.Invoke(descriptor);
        Configure(descriptor);
        return descriptor;
    }
}

/// <summary>
/// A code-first interface type inferred from the CLR interface or abstract class <typeparamref name="T"/>. Object types whose
/// CLR type implements <typeparamref name="T"/> implement it.
/// </summary>
public class InterfaceType<T> : InterfaceType
{
    private readonly Action<IInterfaceTypeDescriptor<T>>? _configure;

    /// <summary>An interface type inferred from <typeparamref name="T"/>, configured by <see cref="Configure(IInterfaceTypeDescriptor{T})"/>.</summary>
    public InterfaceType()
    {
    }

    /// <summary>An interface type inferred from <typeparamref name="T"/> and configured by <paramref name="configure"/>.</summary>
    public InterfaceType(Action<IInterfaceTypeDescriptor<T>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>Describes the type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(IInterfaceTypeDescriptor<T> descriptor) => _configure?.Invoke(descriptor);

    /// <summary>Not used: <see cref="Configure(IInterfaceTypeDescriptor{T})"/> describes the type.</summary>
    protected sealed override void Configure(IInterfaceTypeDescriptor descriptor)
    {
    }

    internal override InterfaceTypeDescriptor CreateDescriptor()
    {
        var descriptor = new InterfaceTypeDescriptor<T>();
        Configure(descriptor);
        return descriptor;
    }
}

/// <summary>
/// A code-first union type whose members are the object types whose CLR type implements or derives from the marker type
/// <typeparamref name="T"/> (plus any added with <see cref="IUnionTypeDescriptor.Type{TObjectType}"/>).
/// </summary>
public class UnionType<T> : UnionType
{
    private readonly Action<IUnionTypeDescriptor>? _configure;

    /// <summary>A union type of the implementations of <typeparamref name="T"/>.</summary>
    public UnionType()
    {
    }

    /// <summary>A union type of the implementations of <typeparamref name="T"/>, configured by <paramref name="configure"/>.</summary>
    public UnionType(Action<IUnionTypeDescriptor> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>Describes the type; the default runs the delegate given to the constructor.</summary>
    protected override void Configure(IUnionTypeDescriptor descriptor) => _configure?.Invoke(descriptor);

    internal override UnionTypeDescriptor CreateDescriptor()
    {
        var descriptor = new UnionTypeDescriptor(typeof(T));
        Configure(descriptor);
        return descriptor;
    }
}

/// <summary>
/// A code-first input object type built as the CLR type <typeparamref name="T"/> (settable properties and constructor
/// parameters become fields).
/// </summary>
public class InputObjectType<T> : InputObjectType
{
    private readonly Action<IInputObjectTypeDescriptor<T>>? _configure;

    /// <summary>An input object type inferred from <typeparamref name="T"/>, configured by <see cref="Configure(IInputObjectTypeDescriptor{T})"/>.</summary>
    public InputObjectType()
    {
    }

    /// <summary>An input object type inferred from <typeparamref name="T"/> and configured by <paramref name="configure"/>.</summary>
    public InputObjectType(Action<IInputObjectTypeDescriptor<T>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>Describes the type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(IInputObjectTypeDescriptor<T> descriptor) => _configure?.Invoke(descriptor);

    /// <summary>Not used: <see cref="Configure(IInputObjectTypeDescriptor{T})"/> describes the type.</summary>
    protected sealed override void Configure(IInputObjectTypeDescriptor descriptor)
    {
    }

    internal override InputObjectTypeDescriptor CreateDescriptor()
    {
        var descriptor = new InputObjectTypeDescriptor<T>();
        Configure(descriptor);
        return descriptor;
    }
}

/// <summary>A code-first enum type inferred from the CLR enum <typeparamref name="T"/>.</summary>
public class EnumType<T> : EnumType
    where T : struct, Enum
{
    private readonly Action<IEnumTypeDescriptor<T>>? _configure;

    /// <summary>An enum type inferred from <typeparamref name="T"/>, configured by <see cref="Configure(IEnumTypeDescriptor{T})"/>.</summary>
    public EnumType()
    {
    }

    /// <summary>An enum type inferred from <typeparamref name="T"/> and configured by <paramref name="configure"/>.</summary>
    public EnumType(Action<IEnumTypeDescriptor<T>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <summary>Describes the type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(IEnumTypeDescriptor<T> descriptor) => _configure?.Invoke(descriptor);

    /// <summary>Not used: <see cref="Configure(IEnumTypeDescriptor{T})"/> describes the type.</summary>
    protected sealed override void Configure(IEnumTypeDescriptor descriptor)
    {
    }

    internal override EnumTypeDescriptor CreateDescriptor()
    {
        var descriptor = new EnumTypeDescriptor<T>();
        Configure(descriptor);
        return descriptor;
    }
}
