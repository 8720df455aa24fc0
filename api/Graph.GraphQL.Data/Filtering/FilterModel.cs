using System.Reflection;

namespace Graph.GraphQL.Data.Filtering;

// What the generated filter input types mean, built once at schema build time and read by the FilterApplier on every
// request: GraphQL field name -> CLR property, and what kind of filter the field takes.

/// <summary>The operations an operation filter input offers, decided by the CLR type of the filtered member.</summary>
internal enum ScalarOperations
{
    /// <summary><c>eq</c>, <c>neq</c> (booleans).</summary>
    Boolean,

    /// <summary><c>eq</c>, <c>neq</c>, <c>in</c>, <c>nin</c> (enums, UUIDs).</summary>
    Equality,

    /// <summary>Equality plus <c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c> (numbers, dates, times).</summary>
    Comparable,

    /// <summary>Equality plus <c>contains</c>, <c>startsWith</c>, <c>endsWith</c> and their negations (strings).</summary>
    Text,
}

/// <summary>How a filter field applies to its member.</summary>
internal enum FilterFieldKind
{
    /// <summary>A scalar or enum member: an operation filter input (<c>StringOperationFilterInput</c>).</summary>
    Scalar,

    /// <summary>A reference to another object: that object's filter input.</summary>
    Object,

    /// <summary>A collection of objects: <c>ListFilterInputTypeOf&lt;X&gt;FilterInput</c> (all, none, some, any).</summary>
    ObjectList,

    /// <summary>A collection of scalars (a PostgreSQL array): <c>List&lt;X&gt;OperationFilterInput</c>.</summary>
    ScalarList,
}

/// <summary>An operation filter input type: <c>IntOperationFilterInput</c> over the scalar <c>Int</c>.</summary>
internal sealed record ScalarFilter(string TypeName, string ScalarName, ScalarOperations Operations);

/// <summary>A generated entity filter input (<c>TitleFilterInput</c>) and its fields.</summary>
internal sealed class FilterObjectInfo(string typeName, string entityTypeName, Type runtimeType, Type? configuration)
{
    /// <summary>The GraphQL name of the entity's object type.</summary>
    public string EntityTypeName { get; } = entityTypeName;

    /// <summary>The GraphQL name of the filter input type.</summary>
    public string TypeName { get; } = typeName;

    /// <summary>The entity type the filter applies to.</summary>
    public Type RuntimeType { get; } = runtimeType;

    /// <summary>The <c>FilterInputType&lt;T&gt;</c> class that configured the type, or null for the default type.</summary>
    public Type? Configuration { get; } = configuration;

    /// <summary>The filterable fields by GraphQL name.</summary>
    public Dictionary<string, FilterFieldInfo> Fields { get; } = new(StringComparer.Ordinal);
}

/// <summary>One filterable field: the CLR property and the filter it takes.</summary>
internal sealed class FilterFieldInfo(string name, PropertyInfo property, FilterFieldKind kind, string typeName)
{
    /// <summary>The GraphQL field name.</summary>
    public string Name { get; } = name;

    public PropertyInfo Property { get; } = property;

    public FilterFieldKind Kind { get; } = kind;

    /// <summary>The GraphQL name of the field's input type.</summary>
    public string TypeName { get; } = typeName;

    /// <summary>For scalar fields and scalar lists: the operations of the (element) value.</summary>
    public ScalarFilter? Scalar { get; init; }

    /// <summary>For object fields and object lists: the filter of the (element) object.</summary>
    public FilterObjectInfo? Object { get; init; }

    /// <summary>For lists: the element type.</summary>
    public Type? ElementType { get; init; }
}
