using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>The spec's <c>Float</c>: a finite double-precision number (runtime type <see cref="double"/>).</summary>
public sealed class FloatType() : ScalarType("Float", "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
{
    public override Type RuntimeType => typeof(double);

    public override object? ParseLiteral(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        switch (literal)
        {
            case NullValueNode:
                return null;
            case IntValueNode or FloatValueNode:
                var value = double.Parse((string)literal.Value!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
                return double.IsFinite(value)
                    ? value
                    : throw new InputCoercionException($"Float cannot represent non numeric value: {literal.Print()}");
            default:
                throw new InputCoercionException($"Float cannot represent non numeric value: {literal.Print()}");
        }
    }

    public override object? ParseValue(object? externalValue)
    {
        if (externalValue is null)
        {
            return null;
        }
        return externalValue is not bool && Numbers.TryGetFiniteDouble(externalValue, out var number)
            ? number
            : throw new InputCoercionException($"Float cannot represent non numeric value: {ValueFormatter.Inspect(externalValue)}");
    }

    public override IValueNode ValueToLiteral(object? runtimeValue)
    {
        if (runtimeValue is null)
        {
            return NullValueNode.Default;
        }
        var number = (double)Serialize(runtimeValue)!;
        return Math.Truncate(number) == number && Math.Abs(number) < 1e21
            ? new IntValueNode(new System.Numerics.BigInteger(number))
            : new FloatValueNode(number);
    }

    /// <summary>Accepts finite numbers, booleans (1 / 0) and numeric strings, as the reference implementation does.</summary>
    public override object? Serialize(object? runtimeValue)
    {
        switch (runtimeValue)
        {
            case null:
                return null;
            case double d when double.IsFinite(d):
                return d;
            case bool b:
                return b ? 1d : 0d;
            case string s when Numbers.TryParseNumericString(s, out var parsed):
                return parsed;
        }
        return runtimeValue is not string && Numbers.TryGetFiniteDouble(runtimeValue, out var number)
            ? number
            : throw new SerializationException($"Float cannot represent non numeric value: {ValueFormatter.Inspect(runtimeValue)}");
    }
}
