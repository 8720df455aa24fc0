using System.Reflection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>
/// The registry behind annotated classes and descriptors for one schema build: which CLR type or type class became which
/// definition, the queue of definitions still to fill in, scalar and service lookups, and the callbacks that run once
/// every type is known.
/// </summary>
internal sealed class DescriptorContext : IDescriptorContext
{
    private readonly Dictionary<(Type Type, TypeContext Context), TypeEntry> _byRuntimeType = [];
    private readonly Dictionary<Type, TypeEntry> _byTypeClass = [];
    private readonly Dictionary<string, TypeEntry> _byName = new(StringComparer.Ordinal);
    private readonly Queue<TypeEntry> _pending = new();
    private readonly List<Action> _completions = [];
    private readonly List<Action> _deferred = [];
    private readonly ClrTypeRegistrations _registrations;
    private readonly IReadOnlyDictionary<string, ScalarType> _registeredScalars;
    private readonly Dictionary<Type, string> _scalarsByRuntimeType;
    private readonly Dictionary<Type, string> _boundNames = [];
    private readonly Dictionary<string, Type> _boundTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, ScalarType> _scalarInstances = [];
    private readonly XmlDocumentation? _documentation;

    public DescriptorContext(
        SchemaDefinitionContext definitions,
        SchemaOptions options,
        ClrTypeRegistrations registrations,
        IReadOnlyDictionary<string, ScalarType> registeredScalars,
        IEnumerable<(string Type, Type RuntimeType)> bindings)
    {
        Definitions = definitions;
        Options = options;
        _registrations = registrations;
        _registeredScalars = registeredScalars;
        _documentation = options.UseXmlDocumentation ? new XmlDocumentation() : null;
        _scalarsByRuntimeType = ScalarMapping.Create(registeredScalars.Values);
        foreach (var (name, runtimeType) in bindings)
        {
            _boundNames.TryAdd(runtimeType, name);
            _boundTypes.TryAdd(name, runtimeType);
        }
    }

    public SchemaDefinitionContext Definitions { get; }

    public SchemaOptions Options { get; }

    /// <summary>Reads the nullable annotations of members (one instance per build: the type is not thread-safe).</summary>
    public NullabilityInfoContext Nullability { get; } = new();

    /// <summary>The extension classes, with their targets.</summary>
    public List<ExtensionInfo> Extensions { get; } = [];

    /// <summary>The entries in registration order.</summary>
    public List<TypeEntry> Entries { get; } = [];

    public void ReportError(string message) => Definitions.Errors.Add(new SchemaError(message));

    // ---- descriptions --------------------------------------------------------------------------------------------

    /// <summary>The description of a type or member: <see cref="GraphQLDescriptionAttribute"/>, else XML documentation.</summary>
    public string? Describe(MemberInfo member) =>
        member.GetCustomAttribute<GraphQLDescriptionAttribute>()?.Description ?? _documentation?.GetDescription(member);

    /// <summary>The description of a parameter: <see cref="GraphQLDescriptionAttribute"/>, else its XML <c>&lt;param&gt;</c>.</summary>
    public string? Describe(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<GraphQLDescriptionAttribute>()?.Description ?? _documentation?.GetDescription(parameter);

    /// <summary>The <c>&lt;param&gt;</c> text of a record's primary constructor parameter, used for its property.</summary>
    public string? DescribeRecordParameter(Type type, string name) => _documentation?.GetTypeParameterDescription(type, name);

    // ---- services ------------------------------------------------------------------------------------------------

    /// <summary>Whether resolver parameters of <paramref name="type"/> are request services.</summary>
    public bool IsService(Type type)
    {
        if (_registrations.Services.Contains(type))
        {
            return true;
        }
        foreach (var predicate in _registrations.ServicePredicates)
        {
            if (predicate(type))
            {
                return true;
            }
        }
        return false;
    }

    // ---- lookups ---------------------------------------------------------------------------------------------------

    /// <summary>The entry of the type inferred from <paramref name="runtimeType"/> in <paramref name="context"/>, if any.</summary>
    public TypeEntry? FindEntry(Type runtimeType, TypeContext context) => _byRuntimeType.GetValueOrDefault((runtimeType, context));

    /// <summary>The CLR type bound to the type named <paramref name="name"/> (by inference or <c>BindRuntimeType</c>).</summary>
    public Type? RuntimeTypeOf(string name) => Definitions.FindType(name)?.RuntimeType ?? _boundTypes.GetValueOrDefault(name);

    /// <summary>The name of the subscription root type.</summary>
    public string SubscriptionTypeName { get; set; } = OperationTypeNames.Subscription;

    /// <summary>Whether the CLR interface or abstract class <paramref name="type"/> is a GraphQL interface of this schema.</summary>
    public bool IsGraphQLInterface(Type type) =>
        FindEntry(type, TypeContext.Output) is { Definition: InterfaceTypeDefinition }
        || (type.IsDefined(typeof(InterfaceTypeAttribute), inherit: false) && !type.IsDefined(typeof(UnionTypeAttribute), inherit: false));

    // ---- type references -----------------------------------------------------------------------------------------

    public ITypeNode GetTypeReference(Type type, TypeContext context)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Resolve(TypeSpec.From(type), context, $"the type reference {type.Name}") ?? new NamedTypeNode(SafeName(type));
    }

    /// <summary>Resolves a recorded type reference; reports an error and returns null when it cannot.</summary>
    public ITypeNode? Resolve(TypeSpec spec, TypeContext context, string usage)
    {
        if (spec.Node is not null)
        {
            return spec.Node;
        }
        return ResolveTypeClass(spec.Type!, context, usage);
    }

    private ITypeNode? ResolveTypeClass(Type type, TypeContext context, string usage)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Types.NonNullType<>))
        {
            var inner = ResolveTypeClass(type.GetGenericArguments()[0], context, usage);
            return inner is null or NonNullTypeNode ? inner : new NonNullTypeNode((INullableTypeNode)inner);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Types.ListType<>))
        {
            var item = ResolveTypeClass(type.GetGenericArguments()[0], context, usage);
            return item is null ? null : new ListTypeNode(item);
        }
        if (typeof(ScalarType).IsAssignableFrom(type))
        {
            return ScalarClass(type, usage) is { } scalarName ? new NamedTypeNode(scalarName) : null;
        }
        if (ClrTypeRegistrations.IsConfigurationClass(type))
        {
            return RegisterTypeClass(type, usage)?.Definition.Name is { } name ? new NamedTypeNode(name) : null;
        }
        return ClrTypeInference.Infer(this, type, null, context, default, usage);
    }

    private string? ScalarClass(Type type, string usage)
    {
        if (!_scalarInstances.TryGetValue(type, out var scalar))
        {
            if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            {
                ReportError($"Cannot use the scalar class {type.FullName} in {usage}: it needs a public parameterless constructor (or register an instance with AddType).");
                return null;
            }
            scalar = (ScalarType)Activator.CreateInstance(type)!;
            _scalarInstances[type] = scalar;
        }
        EnsureScalar(scalar.Name, scalar);
        return scalar.Name;
    }

    /// <summary>
    /// The name of the named type inferred from the CLR type <paramref name="type"/> (no list or nullable wrappers), adding
    /// the type when it is new. Reports an error and returns null when no GraphQL type fits.
    /// </summary>
    public string? GetNamedType(Type type, TypeContext context, string usage)
    {
        if (_boundNames.TryGetValue(type, out var bound))
        {
            EnsureScalar(bound, null);
            return bound;
        }
        if (_scalarsByRuntimeType.TryGetValue(type, out var scalar))
        {
            EnsureScalar(scalar, null);
            return scalar;
        }
        if (FindEntry(type, context) is { } known)
        {
            return known.Definition.Name;
        }
        if (type.IsEnum)
        {
            return RegisterClrType(type, TypeKind.Enum, isExplicit: false)?.Definition.Name;
        }
        if (context == TypeContext.Output)
        {
            if (type.IsDefined(typeof(UnionTypeAttribute), inherit: false))
            {
                return RegisterClrType(type, TypeKind.Union, isExplicit: false)?.Definition.Name;
            }
            if (type.IsDefined(typeof(InterfaceTypeAttribute), inherit: false))
            {
                return RegisterClrType(type, TypeKind.Interface, isExplicit: false)?.Definition.Name;
            }
        }
        if (Unsupported(type, context) is { } reason)
        {
            ReportError($"Cannot infer the GraphQL type of {usage}: {reason}");
            return null;
        }
        var kind = context == TypeContext.Input ? TypeKind.InputObject : TypeKind.Object;
        return RegisterClrType(type, kind, isExplicit: false)?.Definition.Name;
    }

    private static string? Unsupported(Type type, TypeContext context)
    {
        var name = DisplayName(type);
        if (type == typeof(object) || type == typeof(ValueType) || type == typeof(Enum))
        {
            return $"{name} has no GraphQL type. Return a concrete type, or set the type with [GraphQLType] or the descriptor's Type<T>().";
        }
        if (type.IsGenericParameter || type.ContainsGenericParameters || type.IsPointer || type.IsByRef || typeof(Delegate).IsAssignableFrom(type))
        {
            return $"{name} has no GraphQL type.";
        }
        if (ClrTypeInference.IsDictionary(type))
        {
            return $"{name} is a dictionary, which GraphQL cannot type. Use a list of objects, the JSON scalar ([GraphQLType(\"JSON\")]), or set the type explicitly.";
        }
        if (ClrTypeInference.IsNonGenericCollection(type))
        {
            return $"{name} is an untyped collection. Use IEnumerable<T> or set the type explicitly.";
        }
        if (type.IsInterface || type.IsAbstract)
        {
            return context == TypeContext.Input
                ? $"{name} is abstract and cannot be an input type. Use a concrete class or record; for a service, mark the parameter [Service] or register the type with RegisterService or AddServiceDetection."
                : $"{name} is abstract. Mark it [InterfaceType] or [UnionType], register it with AddType<{type.Name}>(), or return a concrete type.";
        }
        if (type.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal)))
        {
            return $"{name} has no GraphQL type. Register a scalar whose RuntimeType is {type.Name}, or set the type with [GraphQLType] or the descriptor's Type<T>().";
        }
        if (context == TypeContext.Input && !type.IsValueType && type.GetConstructors().Length == 0)
        {
            return $"{name} has no public constructor, so it cannot be an input type.";
        }
        return null;
    }

    /// <summary>Adds the definition of a scalar the engine implements, unless the schema already has a type of that name.</summary>
    public void EnsureScalar(string name, ScalarType? implementation)
    {
        if (BuiltInScalars.IsSpecifiedScalarName(name) || Definitions.FindType(name) is not null)
        {
            return;
        }
        var scalar = _registeredScalars.GetValueOrDefault(name) ?? implementation ?? BuiltInScalars.Create(name);
        if (scalar is not null)
        {
            Definitions.AddType(new ScalarTypeDefinition(name) { Implementation = scalar });
        }
    }

    /// <summary>The implementation of the scalar named <paramref name="name"/> (for default values), or null.</summary>
    public ScalarType? ScalarImplementation(string name) =>
        (Definitions.FindType(name) as ScalarTypeDefinition)?.Implementation
        ?? _registeredScalars.GetValueOrDefault(name)
        ?? BuiltInScalars.Create(name);

    // ---- registration --------------------------------------------------------------------------------------------

    /// <summary>Adds the type inferred from a CLR type (no code-first configuration).</summary>
    public TypeEntry? RegisterClrType(Type type, TypeKind kind, bool isExplicit)
    {
        TypeDescriptorState descriptor = kind switch
        {
            TypeKind.Object => new ObjectTypeDescriptor(type),
            TypeKind.Interface => new InterfaceTypeDescriptor(type),
            TypeKind.Union => new UnionTypeDescriptor(type),
            TypeKind.InputObject => new InputObjectTypeDescriptor(type),
            TypeKind.Enum => new EnumTypeDescriptor(type),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (descriptor is ObjectTypeDescriptor objectDescriptor)
        {
            ApplyTypeAttributes(objectDescriptor, type);
        }
        var name = descriptor.NameValue ?? AttributeName(type, kind) ?? NamingConventions.GetTypeName(type, kind);
        return Add(CreateEntry(kind, name, descriptor, $"the CLR type {type.FullName}", isExplicit), isExplicit);
    }

    /// <summary>Adds a root operation type from a CLR class or a code-first configuration.</summary>
    public TypeEntry? RegisterRoot(OperationType operation, Type? type, ObjectType? configuration)
    {
        ObjectTypeDescriptor descriptor;
        string origin;
        if (configuration is not null)
        {
            descriptor = configuration.CreateDescriptor(d => ApplyTypeAttributes(d, d.RuntimeType));
            origin = $"the code-first type {FriendlyName(configuration.GetType())}";
        }
        else
        {
            descriptor = new ObjectTypeDescriptor(type!);
            ApplyTypeAttributes(descriptor, type);
            origin = $"the CLR type {type!.FullName}";
        }
        var runtimeType = descriptor.RuntimeType;
        var name = descriptor.NameValue
            ?? (runtimeType?.GetCustomAttribute<GraphQLNameAttribute>(inherit: false)?.Name)
            ?? OperationName(operation);
        var entry = new TypeEntry(new ObjectTypeDefinition(name), descriptor, origin)
        {
            Operation = operation,
            IsResolverClass = runtimeType is not null,
        };
        if (Add(entry, isExplicit: true) is null)
        {
            return null;
        }
        var schema = Definitions.Schema;
        if (schema.RootTypes.TryGetValue(operation, out var existing))
        {
            ReportError(existing.Name.Value == name && !Definitions.HasSchemaDefinition
                ? $"The {operation.ToKeyword()} type is registered twice (\"{name}\")."
                : $"The {operation.ToKeyword()} type is already \"{existing.Name.Value}\"; {origin} cannot also be the {operation.ToKeyword()} type.");
            return entry;
        }
        schema.RootTypes[operation] = new NamedTypeNode(name);
        return entry;
    }

    /// <summary>Adds an empty root type that extensions fill (a <see cref="QueryTypeAttribute"/> class without a query class).</summary>
    public void EnsureRoot(OperationType operation)
    {
        var name = RootTypeName(operation);
        if (Definitions.FindType(name) is null)
        {
            var entry = new TypeEntry(new ObjectTypeDefinition(name), new ObjectTypeDescriptor(null), $"the extensions of {name}") { Operation = operation };
            Add(entry, isExplicit: true);
        }
    }

    /// <summary>The name of the root type of <paramref name="operation"/> as registered so far (else the default).</summary>
    public string RootTypeName(OperationType operation) =>
        Definitions.Schema.RootTypes.TryGetValue(operation, out var named) ? named.Name.Value : OperationName(operation);

    /// <summary>Adds a code-first configuration (<c>new ObjectType&lt;Book&gt;(...)</c>).</summary>
    public TypeEntry? RegisterConfiguration(NamedTypeBase configuration)
    {
        var origin = $"the code-first type {FriendlyName(configuration.GetType())}";
        var (kind, descriptor) = configuration switch
        {
            ObjectType o => (TypeKind.Object, (TypeDescriptorState)o.CreateDescriptor(d => ApplyTypeAttributes(d, d.RuntimeType))),
            InterfaceType i => (TypeKind.Interface, i.CreateDescriptor()),
            UnionType u => (TypeKind.Union, u.CreateDescriptor()),
            InputObjectType io => (TypeKind.InputObject, io.CreateDescriptor()),
            EnumType e => (TypeKind.Enum, (TypeDescriptorState)e.CreateDescriptor()),
            _ => throw new ArgumentException($"{configuration.GetType().Name} is not a code-first type.", nameof(configuration)),
        };
        var runtimeType = descriptor.RuntimeType;
        var name = descriptor.NameValue
            ?? (runtimeType is null ? null : AttributeName(runtimeType, kind) ?? NamingConventions.GetTypeName(runtimeType, kind));
        if (name is null)
        {
            ReportError($"The name of {origin} is missing: call descriptor.Name(...) in its configuration.");
            return null;
        }
        return Add(CreateEntry(kind, name, descriptor, origin, isExplicit: true), isExplicit: true);
    }

    /// <summary>Adds (once) the code-first type class <paramref name="type"/> (<c>BookType</c>, <c>ObjectType&lt;Book&gt;</c>).</summary>
    public TypeEntry? RegisterTypeClass(Type type, string usage)
    {
        if (_byTypeClass.TryGetValue(type, out var known))
        {
            return known;
        }
        // ObjectType<Book> itself (not a subclass) means "the type of Book" when Book already has one.
        if (type.IsGenericType && type.GetGenericArguments().Length == 1 && CodeFirstRuntimeType(type) is { } runtimeType
            && FindEntry(runtimeType, type.GetGenericTypeDefinition() == typeof(InputObjectType<>) ? TypeContext.Input : TypeContext.Output) is { } existing)
        {
            _byTypeClass[type] = existing;
            return existing;
        }
        if (type.IsAbstract || type.ContainsGenericParameters || type.GetConstructor(Type.EmptyTypes) is null)
        {
            ReportError($"Cannot use the type class {type.FullName} in {usage}: it needs a public parameterless constructor (or add an instance with AddType).");
            return null;
        }
        var instance = (NamedTypeBase)Activator.CreateInstance(type)!;
        var entry = RegisterConfiguration(instance);
        if (entry is not null)
        {
            _byTypeClass[type] = entry;
        }
        return entry;
    }

    /// <summary>
    /// The entry of a new type. A registered object type named like a root type (<c>AddType&lt;QueryType&gt;()</c>) is that
    /// root type: its fields resolve on an instance of its CLR type, as with <c>AddQueryType</c>.
    /// </summary>
    private TypeEntry CreateEntry(TypeKind kind, string name, TypeDescriptorState descriptor, string origin, bool isExplicit)
    {
        OperationType? operation = null;
        if (isExplicit && kind == TypeKind.Object)
        {
            foreach (var candidate in new[] { OperationType.Query, OperationType.Mutation, OperationType.Subscription })
            {
                if (RootTypeName(candidate) == name)
                {
                    operation = candidate;
                }
            }
        }
        return new TypeEntry(CreateDefinition(kind, name), descriptor, origin)
        {
            Operation = operation,
            IsResolverClass = operation is not null && descriptor.RuntimeType is not null,
        };
    }

    private static Type? CodeFirstRuntimeType(Type type)
    {
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(ObjectType<>) || definition == typeof(InputObjectType<>) || definition == typeof(InterfaceType<>)
            || definition == typeof(EnumType<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private TypeEntry? Add(TypeEntry entry, bool isExplicit)
    {
        var definition = entry.Definition;
        var name = definition.Name;
        var runtimeType = entry.Descriptor.RuntimeType;
        if (_byName.TryGetValue(name, out var existing))
        {
            ReportError($"The GraphQL type name \"{name}\" is used by both {existing.Origin} and {entry.Origin}. Rename one with [GraphQLName] or the descriptor's Name().");
            return null;
        }
        if (Definitions.FindType(name) is { } defined)
        {
            if (!isExplicit && defined.Kind == definition.Kind && runtimeType is not null)
            {
                // A CLR type inferred under the name of an SDL type binds to it.
                defined.RuntimeType ??= runtimeType;
                var adopted = new TypeEntry(defined, entry.Descriptor, "the SDL definition") { IsFilled = true };
                Map(runtimeType, adopted);
                return adopted;
            }
            ReportError(defined.Kind == definition.Kind
                ? $"There can be only one type named \"{name}\": {entry.Origin} redefines it."
                : $"{entry.Origin} is inferred as the {KindName(definition.Kind)} \"{name}\", but \"{name}\" is already defined as {KindName(defined.Kind)}.");
            return null;
        }
        Definitions.AddType(definition);
        definition.RuntimeType = runtimeType;
        _byName[name] = entry;
        Entries.Add(entry);
        if (runtimeType is not null)
        {
            Map(runtimeType, entry);
        }
        _pending.Enqueue(entry);
        return entry;
    }

    private void Map(Type runtimeType, TypeEntry entry)
    {
        switch (entry.Definition.Kind)
        {
            case TypeKind.Enum:
                _byRuntimeType.TryAdd((runtimeType, TypeContext.Input), entry);
                _byRuntimeType.TryAdd((runtimeType, TypeContext.Output), entry);
                break;
            case TypeKind.InputObject:
                _byRuntimeType.TryAdd((runtimeType, TypeContext.Input), entry);
                break;
            default:
                _byRuntimeType.TryAdd((runtimeType, TypeContext.Output), entry);
                break;
        }
    }

    private void ApplyTypeAttributes(ObjectTypeDescriptor descriptor, Type? type)
    {
        if (type is null)
        {
            return;
        }
        foreach (var attribute in DescriptorAttributes.Of(type))
        {
            attribute.TryConfigure(this, descriptor, type);
        }
    }

    private static string? AttributeName(Type type, TypeKind kind) => kind switch
    {
        TypeKind.Interface => type.GetCustomAttribute<InterfaceTypeAttribute>(inherit: false)?.Name,
        TypeKind.Union => type.GetCustomAttribute<UnionTypeAttribute>(inherit: false)?.Name,
        _ => null,
    };

    private static TypeDefinition CreateDefinition(TypeKind kind, string name) => kind switch
    {
        TypeKind.Object => new ObjectTypeDefinition(name),
        TypeKind.Interface => new InterfaceTypeDefinition(name),
        TypeKind.Union => new UnionTypeDefinition(name),
        TypeKind.InputObject => new InputObjectTypeDefinition(name),
        TypeKind.Enum => new EnumTypeDefinition(name),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string OperationName(OperationType operation) => operation switch
    {
        OperationType.Query => OperationTypeNames.Query,
        OperationType.Mutation => OperationTypeNames.Mutation,
        _ => OperationTypeNames.Subscription,
    };

    private static string KindName(TypeKind kind) => kind switch
    {
        TypeKind.Object => "object type",
        TypeKind.Interface => "interface",
        TypeKind.Union => "union",
        TypeKind.InputObject => "input object",
        TypeKind.Enum => "enum",
        _ => "scalar",
    };

    /// <summary>The namespace-qualified friendly name: <c>System.Collections.Generic.Dictionary&lt;String, Int32&gt;</c>.</summary>
    public static string DisplayName(Type type) =>
        type.IsGenericType ? $"{type.Namespace}.{FriendlyName(type)}" : type.FullName ?? type.Name;

    /// <summary><c>ObjectType&lt;Book&gt;</c> rather than <c>ObjectType`1</c>.</summary>
    public static string FriendlyName(Type type) =>
        type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(FriendlyName)) + ">"
            : type.Name;

    private static string SafeName(Type type) => NamingConventions.GetTypeName(type, TypeKind.Object) is { Length: > 0 } name && !name.Contains('`', StringComparison.Ordinal) ? name : "Unknown";

    // ---- filling and callbacks ---------------------------------------------------------------------------------------

    /// <summary>Fills in every definition added so far (and those their fields add).</summary>
    public void Drain()
    {
        while (_pending.TryDequeue(out var entry))
        {
            if (entry.IsFilled)
            {
                continue;
            }
            entry.IsFilled = true;
            switch (entry.Descriptor)
            {
                case ObjectTypeDescriptor:
                    ComplexTypeFactory.FillObject(this, entry);
                    break;
                case InterfaceTypeDescriptor:
                    ComplexTypeFactory.FillInterface(this, entry);
                    break;
                case UnionTypeDescriptor:
                    ComplexTypeFactory.FillUnion(this, entry);
                    break;
                case InputObjectTypeDescriptor:
                    InputTypeFactory.FillInputObject(this, entry);
                    break;
                case EnumTypeDescriptor:
                    InputTypeFactory.FillEnum(this, entry);
                    break;
            }
        }
    }

    /// <summary>Runs <paramref name="callback"/> once every type is known (descriptor <c>OnBeforeCompletion</c> callbacks).</summary>
    public void OnCompletion(Action callback) => _completions.Add(callback);

    /// <summary>Runs <paramref name="action"/> after the completion callbacks (default values need the final types).</summary>
    public void Defer(Action action) => _deferred.Add(action);

    /// <summary>Runs the completion callbacks (which may add types, filled in turn), then the deferred actions.</summary>
    public void Complete()
    {
        while (_completions.Count > 0)
        {
            var batch = _completions.ToArray();
            _completions.Clear();
            foreach (var callback in batch)
            {
                callback();
            }
            Drain();
        }
        ComplexTypeFactory.CompleteUnions(this);
        foreach (var action in _deferred)
        {
            action();
        }
    }
}

/// <summary>A type this source defined (or an SDL type a CLR type bound to): its definition and descriptor.</summary>
internal sealed class TypeEntry(TypeDefinition definition, TypeDescriptorState descriptor, string origin)
{
    public TypeDefinition Definition { get; } = definition;

    public TypeDescriptorState Descriptor { get; } = descriptor;

    /// <summary>What the type came from, for error messages ("the CLR type Library.Book").</summary>
    public string Origin { get; } = origin;

    /// <summary>The root operation the type serves, if any.</summary>
    public OperationType? Operation { get; init; }

    /// <summary>Whether fields resolve on an instance of the CLR type (root types) rather than on the parent value.</summary>
    public bool IsResolverClass { get; init; }

    public bool IsFilled { get; set; }
}

/// <summary>An extension class and the type it extends.</summary>
internal sealed class ExtensionInfo(Type type, Type? targetType, string? targetName, IReadOnlyCollection<string> ignoredMembers)
{
    public Type Type { get; } = type;

    /// <summary>The CLR type of the extended type, when extended by type.</summary>
    public Type? TargetType { get; } = targetType;

    /// <summary>The name of the extended type, when extended by name.</summary>
    public string? TargetName { get; } = targetName;

    /// <summary>Members (CLR or field names) to remove from the extended type.</summary>
    public IReadOnlyCollection<string> IgnoredMembers { get; } = ignoredMembers;

    public bool IsApplied { get; set; }

    public override string ToString() => Type.FullName ?? Type.Name;
}

/// <summary>Reads <see cref="DescriptorAttribute"/>s in application order.</summary>
internal static class DescriptorAttributes
{
    public static IEnumerable<DescriptorAttribute> Of(ICustomAttributeProvider element) =>
        element.GetCustomAttributes(typeof(DescriptorAttribute), inherit: true)
            .Cast<DescriptorAttribute>()
            .Select((attribute, index) => (attribute, index))
            .OrderBy(x => x.attribute.Order)
            .ThenBy(x => x.index)
            .Select(x => x.attribute);
}

/// <summary>The CLR types the engine's scalars represent.</summary>
internal static class ScalarMapping
{
    private static readonly Dictionary<Type, string> BuiltIn = new()
    {
        [typeof(string)] = "String",
        [typeof(bool)] = "Boolean",
        [typeof(int)] = "Int",
        [typeof(short)] = "Int",
        [typeof(ushort)] = "Int",
        [typeof(byte)] = "Int",
        [typeof(sbyte)] = "Int",
        [typeof(long)] = "Long",
        [typeof(uint)] = "Long",
        [typeof(float)] = "Float",
        [typeof(double)] = "Float",
        [typeof(decimal)] = "Decimal",
        [typeof(Guid)] = "UUID",
        [typeof(DateTime)] = "DateTime",
        [typeof(DateTimeOffset)] = "DateTime",
        [typeof(DateOnly)] = "Date",
        [typeof(Uri)] = "URL",
        [typeof(System.Text.Json.JsonElement)] = "JSON",
        [typeof(System.Text.Json.JsonDocument)] = "JSON",
    };

    /// <summary>The built-in mapping plus registered scalars whose runtime type no built-in scalar claims.</summary>
    public static Dictionary<Type, string> Create(IEnumerable<ScalarType> registered)
    {
        var mapping = new Dictionary<Type, string>(BuiltIn);
        foreach (var scalar in registered)
        {
            if (scalar.RuntimeType != typeof(object) && !BuiltIn.ContainsKey(scalar.RuntimeType))
            {
                mapping.TryAdd(scalar.RuntimeType, scalar.Name);
            }
        }
        return mapping;
    }
}
