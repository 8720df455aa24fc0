using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types.Scalars;

/// <summary><c>Long</c>: a signed 64-bit integer (runtime type <see cref="long"/>).</summary>
public sealed class LongType() : ScalarType("Long", "The `Long` scalar type represents non-fractional signed whole 64-bit numeric values.")
{
    public override Type RuntimeType => typeof(long);

    public override bool IsInstanceOfType(IValueNode literal) =>
        literal is NullValueNode || (literal is IntValueNode i && i.TryToInt64(out _));

    public override object? ParseLiteral(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return literal switch
        {
            NullValueNode => null,
            IntValueNode i when i.TryToInt64(out var value) => value,
            IntValueNode i => throw new InputCoercionException($"Long cannot represent non 64-bit signed integer value: {i.Value}"),
            _ => throw new InputCoercionException($"Long cannot represent non-integer value: {literal.Print()}"),
        };
    }

    public override object? ParseValue(object? externalValue) => externalValue is null ? null : ToLong(externalValue, input: true);

    public override IValueNode ValueToLiteral(object? runtimeValue) =>
        runtimeValue is null ? NullValueNode.Default : new IntValueNode(ToLong(runtimeValue, input: false));

    public override object? Serialize(object? runtimeValue) => runtimeValue is null ? null : ToLong(runtimeValue, input: false);

    private static long ToLong(object value, bool input)
    {
        if (value is long l)
        {
            return l;
        }
        if (value is bool || !Numbers.TryGetInteger(value, out var integer))
        {
            var message = $"Long cannot represent non-integer value: {ValueFormatter.Inspect(value)}";
            throw input ? new InputCoercionException(message) : new SerializationException(message);
        }
        if (integer < long.MinValue || integer > long.MaxValue)
        {
            var message = $"Long cannot represent non 64-bit signed integer value: {ValueFormatter.Inspect(value)}";
            throw input ? new InputCoercionException(message) : new SerializationException(message);
        }
        return (long)integer;
    }
}
