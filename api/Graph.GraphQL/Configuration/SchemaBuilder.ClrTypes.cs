using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

public sealed partial class SchemaBuilder
{
    private readonly ClrTypeRegistrations _clrTypes = new();
    private readonly SchemaOptions _options = new();

    /// <summary>
    /// Adds the query type inferred from <typeparamref name="T"/>: an annotated class (its public properties and methods become
    /// fields, resolved on the request service <typeparamref name="T"/> or one shared instance) or a code-first
    /// <c>ObjectType&lt;T&gt;</c> subclass. The type is named <c>Query</c> unless the class or descriptor names it.
    /// </summary>
    public SchemaBuilder AddQueryType<T>() => AddQueryType(typeof(T));

    /// <inheritdoc cref="AddQueryType{T}()"/>
    public SchemaBuilder AddQueryType(Type type) => AddRootType(OperationType.Query, type);

    /// <summary>Adds the query type described by <paramref name="configure"/> (named <c>Query</c> unless it sets a name).</summary>
    public SchemaBuilder AddQueryType(Action<IObjectTypeDescriptor> configure) => AddQueryType(new ObjectType(configure));

    /// <summary>Adds the code-first object type <paramref name="type"/> as the query type.</summary>
    public SchemaBuilder AddQueryType(ObjectType type) => AddRootType(OperationType.Query, type);

    /// <summary>Adds the mutation type inferred from <typeparamref name="T"/> (see <see cref="AddQueryType{T}()"/>).</summary>
    public SchemaBuilder AddMutationType<T>() => AddMutationType(typeof(T));

    /// <inheritdoc cref="AddMutationType{T}()"/>
    public SchemaBuilder AddMutationType(Type type) => AddRootType(OperationType.Mutation, type);

    /// <summary>Adds the mutation type described by <paramref name="configure"/> (named <c>Mutation</c> unless it sets a name).</summary>
    public SchemaBuilder AddMutationType(Action<IObjectTypeDescriptor> configure) => AddMutationType(new ObjectType(configure));

    /// <summary>Adds the code-first object type <paramref name="type"/> as the mutation type.</summary>
    public SchemaBuilder AddMutationType(ObjectType type) => AddRootType(OperationType.Mutation, type);

    /// <summary>
    /// Adds the subscription type inferred from <typeparamref name="T"/> (see <see cref="AddQueryType{T}()"/>). Members returning
    /// <see cref="IAsyncEnumerable{T}"/> (possibly in a task) become subscribe resolvers whose events are the field values.
    /// </summary>
    public SchemaBuilder AddSubscriptionType<T>() => AddSubscriptionType(typeof(T));

    /// <inheritdoc cref="AddSubscriptionType{T}()"/>
    public SchemaBuilder AddSubscriptionType(Type type) => AddRootType(OperationType.Subscription, type);

    /// <summary>Adds the subscription type described by <paramref name="configure"/> (named <c>Subscription</c> unless it sets a name).</summary>
    public SchemaBuilder AddSubscriptionType(Action<IObjectTypeDescriptor> configure) => AddSubscriptionType(new ObjectType(configure));

    /// <summary>Adds the code-first object type <paramref name="type"/> as the subscription type.</summary>
    public SchemaBuilder AddSubscriptionType(ObjectType type) => AddRootType(OperationType.Subscription, type);

    /// <summary>
    /// Adds the type inferred from <typeparamref name="T"/>: a scalar class (see <see cref="AddType(ScalarType)"/>), a code-first
    /// type class (<c>BookType : ObjectType&lt;Book&gt;</c>), an extension class (<see cref="ExtendObjectTypeAttribute"/>,
    /// <see cref="QueryTypeAttribute"/>, ...), a CLR enum, a CLR interface or abstract class (an interface type, or a union with
    /// <see cref="UnionTypeAttribute"/>), or a class (an object type; an input object with <see cref="OneOfAttribute"/>).
    /// Types referenced by fields are added without registration; register types reachable only through abstract types.
    /// </summary>
    public SchemaBuilder AddType<T>() => AddType(typeof(T));

    /// <inheritdoc cref="AddType{T}()"/>
    public SchemaBuilder AddType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (typeof(ScalarType).IsAssignableFrom(type))
        {
            var scalar = type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null
                ? throw new ArgumentException($"The scalar {type.FullName} needs a public parameterless constructor; register an instance with AddType(ScalarType) instead.", nameof(type))
                : (ScalarType)Activator.CreateInstance(type)!;
            return AddType(scalar);
        }
        _clrTypes.Items.Add(new TypeRegistration(type));
        return this;
    }

    /// <summary>Adds several types (see <see cref="AddType{T}()"/>).</summary>
    public SchemaBuilder AddTypes(params Type[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            AddType(type);
        }
        return this;
    }

    /// <summary>
    /// Adds a code-first type: <c>new ObjectType&lt;Book&gt;(d =&gt; ...)</c>, <c>new ObjectType(d =&gt; d.Name("Query") ...)</c>,
    /// <c>new UnionType(d =&gt; ...)</c>, an instance of a subclass, or a scalar.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is a type of a built schema, not a configuration.</exception>
    public SchemaBuilder AddType(INamedType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type is ScalarType scalar)
        {
            return AddType(scalar);
        }
        if (!ClrTypeRegistrations.IsConfiguration(type))
        {
            throw new ArgumentException($"The type {type.Name} belongs to a built schema; add code-first configurations (new ObjectType<T>(...), subclasses) or SDL instead.", nameof(type));
        }
        _clrTypes.Items.Add(new ConfigurationRegistration((NamedTypeBase)type));
        return this;
    }

    /// <summary>
    /// Adds the fields of the class <typeparamref name="T"/> to the object type named by its <see cref="ExtendObjectTypeAttribute"/>
    /// (or to <c>Query</c>, <c>Mutation</c>, <c>Subscription</c> with <see cref="QueryTypeAttribute"/> and friends). The
    /// extended type may come from SDL, an annotated class or a descriptor; root types are created when missing.
    /// </summary>
    public SchemaBuilder AddTypeExtension<T>() => AddTypeExtension(typeof(T));

    /// <inheritdoc cref="AddTypeExtension{T}()"/>
    public SchemaBuilder AddTypeExtension(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!ClrTypeRegistrations.IsExtension(type))
        {
            throw new ArgumentException($"{type.FullName} is not a type extension: annotate it with [ExtendObjectType], [QueryType], [MutationType] or [SubscriptionType].", nameof(type));
        }
        _clrTypes.Items.Add(new ExtensionRegistration(type));
        return this;
    }

    /// <summary>Resolver parameters of type <typeparamref name="TService"/> are request services, not arguments.</summary>
    public SchemaBuilder RegisterService<TService>() => RegisterService(typeof(TService));

    /// <inheritdoc cref="RegisterService{TService}()"/>
    public SchemaBuilder RegisterService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        _clrTypes.Services.Add(serviceType);
        return this;
    }

    /// <summary>
    /// Decides which resolver parameter types are request services rather than arguments, e.g. with the host's
    /// <c>IServiceProviderIsService.IsService</c>. Parameters marked <see cref="Resolvers.ServiceAttribute"/> and types given to
    /// <see cref="RegisterService{TService}()"/> are services anyway.
    /// </summary>
    public SchemaBuilder AddServiceDetection(Func<Type, bool> isService)
    {
        ArgumentNullException.ThrowIfNull(isService);
        _clrTypes.ServicePredicates.Add(isService);
        return this;
    }

    /// <summary>Changes the options for annotated classes and descriptors.</summary>
    public SchemaBuilder ModifyOptions(Action<SchemaOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    private SchemaBuilder AddRootType(OperationType operation, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (typeof(ObjectType).IsAssignableFrom(type))
        {
            return AddRootType(operation, ClrTypeRegistrations.Instantiate<ObjectType>(type));
        }
        _clrTypes.Items.Add(new RootRegistration(operation, type, null));
        return this;
    }

    private SchemaBuilder AddRootType(OperationType operation, ObjectType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsTypeConfiguration)
        {
            throw new ArgumentException($"The type {type.Name} belongs to a built schema; pass a code-first configuration.", nameof(type));
        }
        _clrTypes.Items.Add(new RootRegistration(operation, null, type));
        return this;
    }

    private void ContributeClrTypes(SchemaDefinitionContext context)
    {
        if (_clrTypes.Items.Count > 0)
        {
            new ClrTypeSource(_clrTypes, _options, _scalars, _bindings).Contribute(context);
        }
    }
}

/// <summary>What was registered from CLR types and descriptors, in order.</summary>
internal sealed class ClrTypeRegistrations
{
    public List<ClrRegistration> Items { get; } = [];

    public HashSet<Type> Services { get; } = [];

    public List<Func<Type, bool>> ServicePredicates { get; } = [];

    public static bool IsExtension(Type type) =>
        type.IsDefined(typeof(ExtendObjectTypeAttribute), inherit: false)
        || type.IsDefined(typeof(QueryTypeAttribute), inherit: false)
        || type.IsDefined(typeof(MutationTypeAttribute), inherit: false)
        || type.IsDefined(typeof(SubscriptionTypeAttribute), inherit: false);

    public static bool IsConfiguration(INamedType type) => type switch
    {
        ObjectType o => o.IsTypeConfiguration,
        InterfaceType i => i.IsTypeConfiguration,
        UnionType u => u.IsTypeConfiguration,
        InputObjectType io => io.IsTypeConfiguration,
        EnumType e => e.IsTypeConfiguration,
        _ => false,
    };

    /// <summary>Whether <paramref name="type"/> is a code-first type class (a subclass of a configurable type).</summary>
    public static bool IsConfigurationClass(Type type) =>
        typeof(ObjectType).IsAssignableFrom(type) || typeof(InterfaceType).IsAssignableFrom(type) || typeof(UnionType).IsAssignableFrom(type)
        || typeof(InputObjectType).IsAssignableFrom(type) || typeof(EnumType).IsAssignableFrom(type);

    /// <summary>An instance of a code-first type class made with its public parameterless constructor.</summary>
    public static T Instantiate<T>(Type type) where T : class
    {
        if (type.IsAbstract || type.ContainsGenericParameters || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException($"The type class {type.FullName} needs a public parameterless constructor.", nameof(type));
        }
        return (T)Activator.CreateInstance(type)!;
    }
}

/// <summary>One registration of <see cref="ClrTypeRegistrations"/>.</summary>
internal abstract record ClrRegistration;

/// <summary>A root operation type from a CLR class or a code-first configuration.</summary>
internal sealed record RootRegistration(OperationType Operation, Type? ClrType, ObjectType? Configuration) : ClrRegistration;

/// <summary>A CLR type (class, interface, enum, extension or code-first type class) given to <c>AddType</c>.</summary>
internal sealed record TypeRegistration(Type ClrType) : ClrRegistration;

/// <summary>A code-first configuration instance given to <c>AddType</c>.</summary>
internal sealed record ConfigurationRegistration(NamedTypeBase Configuration) : ClrRegistration;

/// <summary>An extension class given to <c>AddTypeExtension</c>.</summary>
internal sealed record ExtensionRegistration(Type ClrType) : ClrRegistration;
