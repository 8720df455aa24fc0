using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>The spec's <c>Boolean</c> (runtime type <see cref="bool"/>); input is strict.</summary>
public sealed class BooleanType() : ScalarType("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
{
    private static readonly object True = true;
    private static readonly object False = false;

    public override Type RuntimeType => typeof(bool);

    public override bool IsInstanceOfType(IValueNode literal) => literal is NullValueNode or BooleanValueNode;

    public override object? ParseLiteral(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return literal switch
        {
            NullValueNode => null,
            BooleanValueNode b => b.Value ? True : False,
            _ => throw new InputCoercionException($"Boolean cannot represent a non boolean value: {literal.Print()}"),
        };
    }

    public override object? ParseValue(object? externalValue) => externalValue switch
    {
        null => null,
        bool b => b ? True : False,
        _ => throw new InputCoercionException($"Boolean cannot represent a non boolean value: {ValueFormatter.Inspect(externalValue)}"),
    };

    public override IValueNode ValueToLiteral(object? runtimeValue) =>
        runtimeValue is null ? NullValueNode.Default : (bool)Serialize(runtimeValue)! ? BooleanValueNode.True : BooleanValueNode.False;

    /// <summary>Accepts booleans and finite numbers (non-zero is true), as the reference implementation does.</summary>
    public override object? Serialize(object? runtimeValue)
    {
        switch (runtimeValue)
        {
            case null:
                return null;
            case bool b:
                return b ? True : False;
        }
        return Numbers.TryGetFiniteDouble(runtimeValue, out var number)
            ? number != 0 ? True : False
            : throw new SerializationException($"Boolean cannot represent a non boolean value: {ValueFormatter.Inspect(runtimeValue)}");
    }
}
