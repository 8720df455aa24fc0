using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>Prints value literals as the reference implementation prints default values: strings always quoted (never block strings).</summary>
public static partial class ValuePrinter
{
    /// <summary>Prints <paramref name="value"/> as GraphQL source.</summary>
    public static string Print(IValueNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Printer.Print(Normalize(value));
    }

    /// <summary>
    /// The default value of an argument or input field as the reference implementation prints it (introspection's
    /// <c>defaultValue</c>, printed SDL): its coerced value turned back into a literal (<c>astFromValue</c>), so input object
    /// defaults show their fields' defaults too (<c>{x: 1, y: 0}</c>), a single value given for a list shows as a list and
    /// numbers print as JavaScript numbers (<c>1.0</c> as <c>1</c>). Null without default. A value that has no literal form
    /// (a custom scalar serialized to an object or list) is printed as written.
    /// </summary>
    public static string? PrintDefaultValue(InputValueBase value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.DefaultValue is null)
        {
            return null;
        }
        try
        {
            if (ToLiteral(value.CoercedDefaultValue, value.Type) is { } literal)
            {
                return Printer.Print(literal);
            }
        }
        catch (Exception ex) when (ex is SerializationException or InputCoercionException or GraphQLException or InvalidCastException or NotSupportedException)
        {
            // No literal form: fall back to the literal as written.
        }
        return Print(value.DefaultValue);
    }

    /// <summary>The reference implementation's <c>astFromValue</c>: null when the value cannot be a literal of the type.</summary>
    private static IValueNode? ToLiteral(object? value, IType type)
    {
        if (type is NonNullType nonNull)
        {
            var literal = ToLiteral(value, nonNull.OfType);
            return literal is NullValueNode ? null : literal;
        }
        if (value is null)
        {
            return NullValueNode.Default;
        }
        switch (type)
        {
            case ListType list:
                if (value is IEnumerable items and not string and not IDictionary and not IReadOnlyDictionary<string, object?>)
                {
                    var literals = new List<IValueNode>();
                    foreach (var item in items)
                    {
                        if (ToLiteral(item, list.OfType) is { } itemLiteral)
                        {
                            literals.Add(itemLiteral);
                        }
                    }
                    return new ListValueNode(null, literals);
                }
                return ToLiteral(value, list.OfType);
            case InputObjectType inputObject:
                if (value is not IReadOnlyDictionary<string, object?> fields)
                {
                    return null;
                }
                var fieldLiterals = new List<ObjectFieldNode>();
                foreach (var field in inputObject.Fields)
                {
                    if (fields.TryGetValue(field.Name, out var fieldValue) && ToLiteral(fieldValue, field.Type) is { } fieldLiteral)
                    {
                        fieldLiterals.Add(new ObjectFieldNode(field.Name, fieldLiteral));
                    }
                }
                return new ObjectValueNode(null, fieldLiterals);
            case ILeafType leaf:
                return LeafToLiteral(leaf, leaf.Serialize(value));
            default:
                return null;
        }
    }

    private static IValueNode? LeafToLiteral(ILeafType type, object? serialized)
    {
        switch (serialized)
        {
            case null:
                return null;
            case bool b:
                return new BooleanValueNode(null, b);
            case string s when type is EnumType:
                return new EnumValueNode(null, s);
            case string s when type is Scalars.IdType && IntegerText().IsMatch(s):
                return new IntValueNode(null, s);
            case string s:
                return new StringValueNode(s);
            case double or float:
                var d = Convert.ToDouble(serialized, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d))
                {
                    return null;
                }
                return NumberLiteral(ValueFormatter.FormatJsNumber(d == 0 ? 0d : d));
            case decimal m:
                return NumberLiteral(ValueFormatter.FormatJsNumber((double)m));
            case int or long or short or byte or sbyte or uint or ulong or ushort or BigInteger:
                return new IntValueNode(null, Convert.ToString(serialized, CultureInfo.InvariantCulture)!);
            default:
                throw new NotSupportedException($"Cannot convert value to AST: {ValueFormatter.Inspect(serialized)}.");
        }
    }

    private static IValueNode NumberLiteral(string text) =>
        IntegerText().IsMatch(text) ? new IntValueNode(null, text) : new FloatValueNode(null, text);

    [GeneratedRegex("^-?(?:0|[1-9][0-9]*)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerText();

    private static IValueNode Normalize(IValueNode value) => value switch
    {
        StringValueNode { Block: true } s => new StringValueNode(s.Value),
        ListValueNode list => new ListValueNode(null, list.Items.Select(Normalize).ToArray()),
        ObjectValueNode obj => new ObjectValueNode(null, obj.Fields.Select(f => new ObjectFieldNode(f.Name.Value, Normalize(f.Value))).ToArray()),
        _ => value,
    };
}
