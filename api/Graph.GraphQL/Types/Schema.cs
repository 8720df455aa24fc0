using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types;

/// <summary>The built schema. Created by <c>SchemaBuilder.Create()</c>; immutable and safe to share between threads.</summary>
public sealed class Schema : ISchema
{
    private readonly FrozenDictionary<string, INamedType> _types;
    private readonly FrozenDictionary<string, DirectiveType> _directives;
    private readonly FrozenDictionary<string, ObjectType[]> _possibleTypes;
    private readonly FrozenDictionary<string, FrozenSet<string>> _subTypes;
    private readonly FrozenDictionary<string, IComplexOutputType[]> _implementations;

    internal Schema(
        string? description,
        ObjectType queryType,
        ObjectType? mutationType,
        ObjectType? subscriptionType,
        IReadOnlyList<INamedType> types,
        IReadOnlyList<DirectiveType> directives,
        IReadOnlyList<AppliedDirective> appliedDirectives,
        IReadOnlyDictionary<string, object?> contextData,
        MetaFields metaFields)
    {
        Description = description;
        QueryType = queryType;
        MutationType = mutationType;
        SubscriptionType = subscriptionType;
        Types = types;
        Directives = directives;
        AppliedDirectives = appliedDirectives;
        ContextData = contextData;
        TypeNameField = metaFields.TypeName;
        SchemaField = metaFields.Schema;
        TypeField = metaFields.Type;

        var byName = new Dictionary<string, INamedType>(types.Count, StringComparer.Ordinal);
        foreach (var type in types)
        {
            byName[type.Name] = type;
        }
        _types = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _directives = directives.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

        var possible = new Dictionary<string, List<ObjectType>>(StringComparer.Ordinal);
        var implementations = new Dictionary<string, List<IComplexOutputType>>(StringComparer.Ordinal);
        var subTypes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            switch (type)
            {
                case UnionType union:
                    possible[union.Name] = [.. union.Types];
                    subTypes[union.Name] = [.. union.Types.Select(t => t.Name)];
                    break;
                case ObjectType obj:
                    foreach (var implemented in obj.Interfaces)
                    {
                        Add(possible, implemented.Name, obj);
                        Add(implementations, implemented.Name, obj);
                        AddName(subTypes, implemented.Name, obj.Name);
                    }
                    break;
                case InterfaceType iface:
                    foreach (var implemented in iface.Interfaces)
                    {
                        Add(implementations, implemented.Name, iface);
                        AddName(subTypes, implemented.Name, iface.Name);
                    }
                    break;
            }
        }
        _possibleTypes = possible.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _implementations = implementations.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _subTypes = subTypes.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

        static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }
            list.Add(value);
        }

        static void AddName(Dictionary<string, HashSet<string>> map, string key, string value)
        {
            if (!map.TryGetValue(key, out var set))
            {
                map[key] = set = new HashSet<string>(StringComparer.Ordinal);
            }
            set.Add(value);
        }
    }

    public string? Description { get; }

    public ObjectType QueryType { get; }

    public ObjectType? MutationType { get; }

    public ObjectType? SubscriptionType { get; }

    public IReadOnlyList<INamedType> Types { get; }

    public IReadOnlyList<DirectiveType> Directives { get; }

    public IReadOnlyList<AppliedDirective> AppliedDirectives { get; }

    public IReadOnlyDictionary<string, object?> ContextData { get; }

    public ObjectField TypeNameField { get; }

    /// <summary>Whether some object field has <c>@authorize</c> directives in force (the schema was built with authorization).</summary>
    internal bool HasAuthorizedFields { get; set; }

    /// <summary>
    /// Whether some object field gives each user a value of their own: it is protected, or its resolver reads the user or
    /// request state (see <see cref="Authorization.OperationAuthorization"/>).
    /// </summary>
    internal bool HasUserSpecificFields { get; set; }

    /// <summary>Whether some object field has directives checked before execution (<c>apply: VALIDATION</c>).</summary>
    internal bool HasValidationAuthorization { get; set; }

    public ObjectField SchemaField { get; }

    public ObjectField TypeField { get; }

    public ObjectType? GetOperationType(OperationType operation) => operation switch
    {
        OperationType.Query => QueryType,
        OperationType.Mutation => MutationType,
        OperationType.Subscription => SubscriptionType,
        _ => null,
    };

    public T GetType<T>(string name) where T : INamedType
    {
        if (!_types.TryGetValue(name, out var type))
        {
            throw new ArgumentException($"The schema has no type named \"{name}\".", nameof(name));
        }
        return type is T typed
            ? typed
            : throw new ArgumentException($"The type \"{name}\" is a {type.Kind}, not a {typeof(T).Name}.", nameof(name));
    }

    public bool TryGetType(string name, [NotNullWhen(true)] out INamedType? type) => _types.TryGetValue(name, out type);

    public bool TryGetType<T>(string name, [NotNullWhen(true)] out T? type) where T : INamedType
    {
        if (_types.TryGetValue(name, out var named) && named is T typed)
        {
            type = typed;
            return true;
        }
        type = default;
        return false;
    }

    public bool TryGetDirective(string name, [NotNullWhen(true)] out DirectiveType? directive) => _directives.TryGetValue(name, out directive);

    public IReadOnlyList<ObjectType> GetPossibleTypes(INamedType abstractType)
    {
        ArgumentNullException.ThrowIfNull(abstractType);
        return abstractType switch
        {
            ObjectType obj => [obj],
            UnionType or InterfaceType => _possibleTypes.TryGetValue(abstractType.Name, out var types) ? types : [],
            _ => [],
        };
    }

    public IReadOnlyList<IComplexOutputType> GetImplementations(InterfaceType interfaceType)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        return _implementations.TryGetValue(interfaceType.Name, out var types) ? types : [];
    }

    public bool IsPossibleType(INamedType abstractType, ObjectType possibleType)
    {
        ArgumentNullException.ThrowIfNull(abstractType);
        ArgumentNullException.ThrowIfNull(possibleType);
        if (abstractType is ObjectType)
        {
            return ReferenceEquals(abstractType, possibleType);
        }
        return _subTypes.TryGetValue(abstractType.Name, out var names) && names.Contains(possibleType.Name);
    }

    public bool IsSubType(INamedType abstractType, INamedType maybeSubType)
    {
        ArgumentNullException.ThrowIfNull(abstractType);
        ArgumentNullException.ThrowIfNull(maybeSubType);
        return abstractType is UnionType or InterfaceType
            && _subTypes.TryGetValue(abstractType.Name, out var names)
            && names.Contains(maybeSubType.Name);
    }

    public IOutputField? GetFieldDefinition(INamedType parentType, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(parentType);
        ArgumentNullException.ThrowIfNull(fieldName);
        if (fieldName.Length > 2 && fieldName[0] == '_' && fieldName[1] == '_')
        {
            switch (fieldName)
            {
                case IntrospectionNames.TypeName when parentType is ObjectType or InterfaceType or UnionType:
                    return TypeNameField;
                case IntrospectionNames.Schema when ReferenceEquals(parentType, QueryType):
                    return SchemaField;
                case IntrospectionNames.Type when ReferenceEquals(parentType, QueryType):
                    return TypeField;
            }
        }
        return parentType switch
        {
            ObjectType obj => obj.Fields.Find(fieldName),
            InterfaceType iface => iface.Fields.Find(fieldName),
            _ => null,
        };
    }

    public ObjectType? ResolveConcreteType(IAbstractType abstractType, IResolverContext context, object resolverResult)
    {
        ArgumentNullException.ThrowIfNull(abstractType);
        ArgumentNullException.ThrowIfNull(resolverResult);
        if (abstractType.ResolveType?.Invoke(context, resolverResult) is { } resolved)
        {
            return resolved;
        }
        if (resolverResult is IReadOnlyDictionary<string, object?> map
            && map.TryGetValue(IntrospectionNames.TypeName, out var typeName)
            && typeName is string name)
        {
            return _types.TryGetValue(name, out var named) && named is ObjectType obj ? obj : null;
        }
        foreach (var possible in GetPossibleTypes(abstractType))
        {
            if (possible.IsOfType(context, resolverResult))
            {
                return possible;
            }
        }
        return null;
    }

    public override string ToString() => SchemaPrinter.Print(this);
}

/// <summary>The three introspection meta fields of one schema.</summary>
internal sealed record MetaFields(ObjectField TypeName, ObjectField Schema, ObjectField Type);
