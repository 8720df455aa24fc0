using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>
/// <c>JSON</c>: any JSON value. Literals become CLR trees (strings, booleans, int / long / decimal / double numbers,
/// <see cref="List{T}"/> and <see cref="Dictionary{TKey, TValue}"/>); variable values pass through; <see cref="JsonElement"/>
/// values are converted. Enum literals are read as strings.
/// </summary>
public sealed class JsonType : ScalarType
{
    public JsonType()
        : base("JSON", "The `JSON` scalar type represents any JSON value: object, array, string, number, boolean or null.", "https://www.rfc-editor.org/rfc/rfc8259")
    {
    }

    /// <summary>A pass-through scalar with another name (used for SDL scalars that have no implementation).</summary>
    internal JsonType(string name, string? description)
        : base(name, description)
    {
    }

    public override Type RuntimeType => typeof(object);

    public override bool IsInstanceOfType(IValueNode literal) => literal is not VariableNode;

    public override object? ParseLiteral(IValueNode literal) => UntypedValues.FromLiteral(literal, null);

    public override object? ParseValue(object? externalValue) => UntypedValues.Normalize(externalValue, input: true);

    public override IValueNode ValueToLiteral(object? runtimeValue) => UntypedValues.ToLiteral(UntypedValues.Normalize(runtimeValue, input: false));

    public override object? Serialize(object? runtimeValue) => UntypedValues.Normalize(runtimeValue, input: false);
}

/// <summary>Conversions between literals and untyped CLR value trees (the reference implementation's <c>valueFromASTUntyped</c>).</summary>
public static class UntypedValues
{
    /// <summary>The CLR tree of a literal; variables are looked up in <paramref name="variables"/> (missing ones become null).</summary>
    public static object? FromLiteral(IValueNode literal, IReadOnlyDictionary<string, object?>? variables)
    {
        ArgumentNullException.ThrowIfNull(literal);
        switch (literal)
        {
            case NullValueNode:
                return null;
            case BooleanValueNode b:
                return b.Value;
            case StringValueNode s:
                return s.Value;
            case EnumValueNode e:
                return e.Value;
            case IntValueNode i:
                if (i.TryToInt32(out var int32))
                {
                    return int32;
                }
                if (i.TryToInt64(out var int64))
                {
                    return int64;
                }
                return decimal.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) ? big : i.ToDouble();
            case FloatValueNode f:
                return f.ToDouble();
            case ListValueNode list:
                var items = new List<object?>(list.Items.Count);
                foreach (var item in list.Items)
                {
                    items.Add(FromLiteral(item, variables));
                }
                return items;
            case ObjectValueNode obj:
                var fields = new Dictionary<string, object?>(obj.Fields.Count, StringComparer.Ordinal);
                foreach (var field in obj.Fields)
                {
                    fields[field.Name.Value] = FromLiteral(field.Value, variables);
                }
                return fields;
            case VariableNode variable:
                return variables is not null && variables.TryGetValue(variable.Name.Value, out var value) ? value : null;
            default:
                throw new InputCoercionException($"Unexpected literal kind {literal.Kind}.");
        }
    }

    /// <summary>Normalizes a CLR value into a JSON-ready tree (converts <see cref="JsonElement"/>s; rejects values JSON cannot hold).</summary>
    public static object? Normalize(object? value, bool input)
    {
        switch (value)
        {
            case null:
            case string:
            case bool:
            case int or long or short or byte or sbyte or uint or ulong or ushort or decimal or BigInteger:
                return value;
            case double d when double.IsFinite(d):
                return d;
            case float f when float.IsFinite(f):
                return (double)f;
            case JsonElement element:
                return FromJsonElement(element);
            case IReadOnlyDictionary<string, object?> map:
                var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                foreach (var (key, item) in map)
                {
                    copy[key] = Normalize(item, input);
                }
                return copy;
            case IDictionary<string, object?> dictionary:
                var dictionaryCopy = new Dictionary<string, object?>(dictionary.Count, StringComparer.Ordinal);
                foreach (var (key, item) in dictionary)
                {
                    dictionaryCopy[key] = Normalize(item, input);
                }
                return dictionaryCopy;
            case IEnumerable enumerable:
                var list = new List<object?>();
                foreach (var item in enumerable)
                {
                    list.Add(Normalize(item, input));
                }
                return list;
            default:
                var message = $"JSON cannot represent value: {ValueFormatter.Inspect(value)}";
                throw input ? new InputCoercionException(message) : new SerializationException(message);
        }
    }

    /// <summary>The literal of a JSON-ready CLR tree.</summary>
    public static IValueNode ToLiteral(object? value)
    {
        switch (value)
        {
            case null:
                return NullValueNode.Default;
            case string s:
                return new StringValueNode(s);
            case bool b:
                return b ? BooleanValueNode.True : BooleanValueNode.False;
            case int i:
                return new IntValueNode(i);
            case long l:
                return new IntValueNode(l);
            case BigInteger bi:
                return new IntValueNode(bi);
            case decimal m:
                return decimal.Truncate(m) == m && m.Scale == 0
                    ? new IntValueNode(null, m.ToString(CultureInfo.InvariantCulture))
                    : new FloatValueNode(m);
            case double d:
                return Math.Truncate(d) == d && Math.Abs(d) < 1e21 ? new IntValueNode(new BigInteger(d)) : new FloatValueNode(d);
            case IReadOnlyDictionary<string, object?> map:
                var fields = new List<ObjectFieldNode>(map.Count);
                foreach (var (key, item) in map)
                {
                    fields.Add(new ObjectFieldNode(key, ToLiteral(item)));
                }
                return new ObjectValueNode(null, fields);
            case IEnumerable enumerable:
                var items = new List<IValueNode>();
                foreach (var item in enumerable)
                {
                    items.Add(ToLiteral(item));
                }
                return new ListValueNode(null, items);
            default:
                if (Numbers.TryGetInteger(value, out var integer))
                {
                    return new IntValueNode(integer);
                }
                throw new SerializationException($"JSON cannot represent value: {ValueFormatter.Inspect(value)}");
        }
    }

    private static object? FromJsonElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt32(out var int32))
                {
                    return int32;
                }
                if (element.TryGetInt64(out var int64))
                {
                    return int64;
                }
                return element.TryGetDecimal(out var m) ? m : element.GetDouble();
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromJsonElement(item));
                }
                return list;
            default:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = FromJsonElement(property.Value);
                }
                return map;
        }
    }
}
