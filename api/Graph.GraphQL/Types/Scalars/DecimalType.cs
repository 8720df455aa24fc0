using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>
/// <c>Decimal</c>: a <see cref="decimal"/>. Accepts Int and Float literals and numbers as variable values (strings are
/// rejected), serializes as a JSON number.
/// </summary>
public sealed class DecimalType() : ScalarType("Decimal", "The `Decimal` scalar type represents a decimal floating-point number with up to 28 significant digits.")
{
    public override Type RuntimeType => typeof(decimal);

    public override object? ParseLiteral(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        switch (literal)
        {
            case NullValueNode:
                return null;
            case IntValueNode or FloatValueNode:
                if (decimal.TryParse((string)literal.Value!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
                throw new InputCoercionException($"Decimal cannot represent out of range value: {literal.Print()}");
            default:
                throw new InputCoercionException($"Decimal cannot represent non numeric value: {literal.Print()}");
        }
    }

    public override object? ParseValue(object? externalValue)
    {
        if (externalValue is null)
        {
            return null;
        }
        return externalValue is not bool && Numbers.TryGetDecimal(externalValue, out var value)
            ? value
            : throw new InputCoercionException($"Decimal cannot represent non numeric value: {ValueFormatter.Inspect(externalValue)}");
    }

    public override IValueNode ValueToLiteral(object? runtimeValue)
    {
        if (runtimeValue is null)
        {
            return NullValueNode.Default;
        }
        var value = (decimal)Serialize(runtimeValue)!;
        return decimal.Truncate(value) == value && value.Scale == 0
            ? new IntValueNode(null, value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new FloatValueNode(value);
    }

    public override object? Serialize(object? runtimeValue)
    {
        if (runtimeValue is null)
        {
            return null;
        }
        return runtimeValue is not bool && Numbers.TryGetDecimal(runtimeValue, out var value)
            ? value
            : throw new SerializationException($"Decimal cannot represent non numeric value: {ValueFormatter.Inspect(runtimeValue)}");
    }
}
