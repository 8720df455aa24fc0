using System.Globalization;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>The spec's <c>String</c>: UTF-8 text (runtime type <see cref="string"/>).</summary>
public sealed class StringType() : ScalarType("String", "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
{
    public override Type RuntimeType => typeof(string);

    public override bool IsInstanceOfType(IValueNode literal) => literal is NullValueNode or StringValueNode;

    public override object? ParseLiteral(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return literal switch
        {
            NullValueNode => null,
            StringValueNode s => s.Value,
            _ => throw new InputCoercionException($"String cannot represent a non string value: {literal.Print()}"),
        };
    }

    public override object? ParseValue(object? externalValue) => externalValue switch
    {
        null => null,
        string s => s,
        _ => throw new InputCoercionException($"String cannot represent a non string value: {ValueFormatter.Inspect(externalValue)}"),
    };

    public override IValueNode ValueToLiteral(object? runtimeValue) =>
        runtimeValue is null ? NullValueNode.Default : new StringValueNode((string)Serialize(runtimeValue)!);

    /// <summary>Accepts strings, chars, booleans and finite numbers, as the reference implementation does.</summary>
    public override object? Serialize(object? runtimeValue)
    {
        switch (runtimeValue)
        {
            case null:
                return null;
            case string s:
                return s;
            case char c:
                return c.ToString();
            case bool b:
                return b ? "true" : "false";
            case double or float when Numbers.TryGetFiniteDouble(runtimeValue, out var d):
                return ValueFormatter.FormatJsNumber(d);
            case IFormattable formattable when Numbers.IsNumber(runtimeValue) && runtimeValue is not (double or float):
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            default:
                throw new SerializationException($"String cannot represent value: {ValueFormatter.Inspect(runtimeValue)}");
        }
    }
}
