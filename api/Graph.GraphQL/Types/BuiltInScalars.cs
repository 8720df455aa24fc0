using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Types;

/// <summary>The scalars the engine knows by name: the spec's five and the extended set.</summary>
public static class BuiltInScalars
{
    private static readonly Dictionary<string, Func<ScalarType>> Factories = new(StringComparer.Ordinal)
    {
        ["Int"] = static () => new IntType(),
        ["Float"] = static () => new FloatType(),
        ["String"] = static () => new StringType(),
        ["Boolean"] = static () => new BooleanType(),
        ["ID"] = static () => new IdType(),
        ["DateTime"] = static () => new DateTimeType(),
        ["Date"] = static () => new DateType(),
        ["Decimal"] = static () => new DecimalType(),
        ["Long"] = static () => new LongType(),
        ["UUID"] = static () => new UuidType(),
        ["URL"] = static () => new UrlType(),
        ["JSON"] = static () => new JsonType(),
    };

    /// <summary>Whether <paramref name="name"/> is one of the spec's scalars (Int, Float, String, Boolean, ID).</summary>
    public static bool IsSpecifiedScalarName(string name) => name is "Int" or "Float" or "String" or "Boolean" or "ID";

    /// <summary>Whether the engine has an implementation for a scalar named <paramref name="name"/>.</summary>
    public static bool IsKnownScalarName(string name) => Factories.ContainsKey(name);

    /// <summary>A new instance of the scalar named <paramref name="name"/>, or null when the engine has none.</summary>
    public static ScalarType? Create(string name) => Factories.TryGetValue(name, out var factory) ? factory() : null;
}
