namespace Graph.GraphQL.Resolvers;

/// <summary>Marks the resolver method parameter that receives the parent value.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ParentAttribute : Attribute;

/// <summary>Marks a resolver method parameter resolved from the request services.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ServiceAttribute : Attribute;

/// <summary>Names the GraphQL type, field, argument or enum value a CLR type, member, parameter or enum member maps to.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter
    | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Enum)]
public sealed class GraphQLNameAttribute(string name) : Attribute
{
    /// <summary>The GraphQL name.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// Binds a resolver method parameter to an entry of the request state (<see cref="IResolverContext.ContextData"/>, what a
/// transport or <c>OperationRequestBuilder.SetGlobalState</c> put there), by <see cref="Key"/> or, without one, by the
/// parameter's name. A missing entry gives the parameter's default value, or null when the parameter is nullable; for a
/// parameter that is neither, the field fails.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class GlobalStateAttribute : Attribute
{
    /// <summary>Binds the entry named as the parameter.</summary>
    public GlobalStateAttribute()
    {
    }

    /// <summary>Binds the entry <paramref name="key"/>.</summary>
    public GlobalStateAttribute(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
    }

    /// <summary>The key of the entry, or null for the parameter's name.</summary>
    public string? Key { get; }
}
