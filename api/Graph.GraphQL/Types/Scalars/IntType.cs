using System.Numerics;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>The spec's <c>Int</c>: a signed 32-bit integer (runtime type <see cref="int"/>).</summary>
public sealed class IntType() : ScalarType("Int", "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
{
    public override Type RuntimeType => typeof(int);

    public override bool IsInstanceOfType(IValueNode literal) =>
        literal is NullValueNode || (literal is IntValueNode i && i.TryToInt32(out _));

    public override object? ParseLiteral(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return literal switch
        {
            NullValueNode => null,
            IntValueNode i when i.TryToInt32(out var value) => value,
            IntValueNode i => throw new InputCoercionException($"Int cannot represent non 32-bit signed integer value: {i.Value}"),
            _ => throw new InputCoercionException($"Int cannot represent non-integer value: {literal.Print()}"),
        };
    }

    public override object? ParseValue(object? externalValue)
    {
        if (externalValue is null)
        {
            return null;
        }
        if (externalValue is int i)
        {
            return i;
        }
        if (!Numbers.TryGetInteger(externalValue, out var integer))
        {
            throw new InputCoercionException($"Int cannot represent non-integer value: {ValueFormatter.Inspect(externalValue)}");
        }
        if (integer < int.MinValue || integer > int.MaxValue)
        {
            throw new InputCoercionException($"Int cannot represent non 32-bit signed integer value: {ValueFormatter.Inspect(externalValue)}");
        }
        return (int)integer;
    }

    public override IValueNode ValueToLiteral(object? runtimeValue) =>
        runtimeValue is null ? NullValueNode.Default : new IntValueNode((int)Serialize(runtimeValue)!);

    /// <summary>
    /// Accepts integral numbers in range, booleans (1 / 0) and numeric strings, as the reference implementation does; its
    /// messages show the value as given (a string quoted).
    /// </summary>
    public override object? Serialize(object? runtimeValue)
    {
        switch (runtimeValue)
        {
            case null:
                return null;
            case int i:
                return i;
            case bool b:
                return b ? 1 : 0;
        }
        var number = runtimeValue is string s && Numbers.TryParseNumericString(s, out var parsed) ? parsed : runtimeValue;
        if (number is string || !Numbers.TryGetInteger(number, out var integer))
        {
            throw new SerializationException($"Int cannot represent non-integer value: {ValueFormatter.Inspect(runtimeValue)}");
        }
        if (integer < int.MinValue || integer > int.MaxValue)
        {
            throw new SerializationException($"Int cannot represent non 32-bit signed integer value: {ValueFormatter.Inspect(runtimeValue)}");
        }
        return (int)integer;
    }
}
