using System.Globalization;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>The spec's <c>ID</c>: accepts strings and integers as input, serializes to a string (runtime type <see cref="string"/>).</summary>
public sealed class IdType() : ScalarType("ID", "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
{
    public override Type RuntimeType => typeof(string);

    public override bool IsInstanceOfType(IValueNode literal) => literal is NullValueNode or StringValueNode or IntValueNode;

    public override object? ParseLiteral(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return literal switch
        {
            NullValueNode => null,
            StringValueNode s => s.Value,
            IntValueNode i => i.Value,
            _ => throw new InputCoercionException($"ID cannot represent a non-string and non-integer value: {literal.Print()}"),
        };
    }

    public override object? ParseValue(object? externalValue)
    {
        switch (externalValue)
        {
            case null:
                return null;
            case string s:
                return s;
        }
        return IntegerText(externalValue) ?? throw new InputCoercionException($"ID cannot represent value: {ValueFormatter.Inspect(externalValue)}");
    }

    /// <summary>Integer-looking IDs print as Int literals, others as strings, as the reference implementation does.</summary>
    public override IValueNode ValueToLiteral(object? runtimeValue)
    {
        if (runtimeValue is null)
        {
            return NullValueNode.Default;
        }
        var text = (string)Serialize(runtimeValue)!;
        return IsIntegerText(text) ? new IntValueNode(null, text) : new StringValueNode(text);
    }

    /// <summary>Accepts strings, integers and GUIDs (lowercase, hyphenated).</summary>
    public override object? Serialize(object? runtimeValue)
    {
        switch (runtimeValue)
        {
            case null:
                return null;
            case string s:
                return s;
            case Guid g:
                return g.ToString("D");
        }
        return IntegerText(runtimeValue) ?? throw new SerializationException($"ID cannot represent value: {ValueFormatter.Inspect(runtimeValue)}");
    }

    /// <summary>
    /// An integral number as text: CLR integers exactly, floating-point numbers as JavaScript's <c>String(number)</c> writes
    /// them (<c>1e+21</c>), as the reference implementation turns integers into IDs; null for anything else.
    /// </summary>
    private static string? IntegerText(object? value) => value switch
    {
        bool => null,
        double or float when Numbers.TryGetInteger(value, out _) => ValueFormatter.FormatJsNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        _ when Numbers.TryGetInteger(value, out var integer) => integer.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool IsIntegerText(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }
        var start = text[0] == '-' ? 1 : 0;
        if (start == text.Length || (text[start] == '0' && text.Length > start + 1))
        {
            return false;
        }
        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
