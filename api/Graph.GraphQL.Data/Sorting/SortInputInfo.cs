using System.Reflection;

namespace Graph.GraphQL.Data.Sorting;

/// <summary>A built sort input type: its GraphQL name, the entity it sorts and its fields by GraphQL name.</summary>
internal sealed class SortInputInfo(string name, Type entityType, Type source)
{
    public string Name { get; } = name;

    public Type EntityType { get; } = entityType;

    /// <summary>The sort input class it was built from (fields of other classes cannot share the GraphQL type).</summary>
    public Type Source { get; } = source;

    public Dictionary<string, SortFieldInfo> Fields { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One field of a sort input: a scalar key (<see cref="Nested"/> null, set to <c>ASC</c> or <c>DESC</c>) or a reference
/// navigation sorted by the fields of <see cref="Nested"/>.
/// </summary>
internal sealed record SortFieldInfo(string Name, PropertyInfo Property, SortInputInfo? Nested);
