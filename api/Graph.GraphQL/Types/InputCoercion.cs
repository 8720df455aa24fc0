using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>
/// The spec's input coercion (§ 3 "Input Coercion", § 6.1.2 CoerceVariableValues, § 6.4.1 CoerceArgumentValues).
/// Results are runtime values: scalars as their runtime type, enums as their runtime value, lists as
/// <see cref="List{T}"/> of <see cref="object"/>, input objects as <see cref="IReadOnlyDictionary{TKey, TValue}"/>
/// (converted to CLR objects only at the resolver boundary, see <see cref="InputObjectType.CreateInstance"/>).
/// </summary>
public static class InputCoercion
{
    private static readonly object Undefined = new();

    /// <summary>
    /// Coerces a literal (the reference implementation's <c>valueFromAST</c>): lists accept a single item as a list of one,
    /// input objects get their defaults and required-field checks, <c>@oneOf</c> rules apply, enums are read by name,
    /// variables are read from <paramref name="variables"/> (coerced values). A variable missing from
    /// <paramref name="variables"/> counts as not given: a nullable list item becomes null, an input object field takes
    /// its default, and a variable at the top returns null.
    /// </summary>
    /// <exception cref="InputCoercionException">The literal does not fit <paramref name="type"/>; the message is worded as the validation rule words it.</exception>
    public static object? CoerceLiteral(IValueNode value, IInputType type, IReadOnlyDictionary<string, object?>? variables)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        var result = CoerceLiteralCore(value, type, variables);
        return ReferenceEquals(result, Undefined) ? null : result;
    }

    /// <summary>Like <see cref="CoerceLiteral"/>, returning false instead of throwing.</summary>
    public static bool TryCoerceLiteral(IValueNode value, IInputType type, IReadOnlyDictionary<string, object?>? variables, out object? result)
    {
        try
        {
            result = CoerceLiteral(value, type, variables);
            return true;
        }
        catch (InputCoercionException)
        {
            result = null;
            return false;
        }
    }

    /// <summary>
    /// Coerces an external value (a variable value as a plain CLR tree: null, bool, string, numbers,
    /// <c>IReadOnlyList&lt;object?&gt;</c>, <c>IReadOnlyDictionary&lt;string, object?&gt;</c>), the reference implementation's
    /// <c>coerceInputValue</c>.
    /// </summary>
    /// <exception cref="InputValueException">The value does not fit; <see cref="InputValueException.Errors"/> lists every problem with its path.</exception>
    public static object? CoerceVariableValue(object? value, IInputType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var errors = new List<InputValueError>();
        var result = CoerceValue(value, type, errors, []);
        return errors.Count == 0 ? result : throw new InputValueException(errors);
    }

    /// <summary>Like <see cref="CoerceVariableValue"/>, returning the errors instead of throwing.</summary>
    public static bool TryCoerceVariableValue(object? value, IInputType type, out object? result, [NotNullWhen(false)] out IReadOnlyList<InputValueError>? errors)
    {
        ArgumentNullException.ThrowIfNull(type);
        var list = new List<InputValueError>();
        result = CoerceValue(value, type, list, []);
        if (list.Count == 0)
        {
            errors = null;
            return true;
        }
        result = null;
        errors = list;
        return false;
    }

    /// <summary>
    /// The spec's CoerceArgumentValues (§ 6.4.1, worded as the reference implementation's <c>getArgumentValues</c>): the
    /// coerced value of each argument given as a literal or a provided variable, else its default; arguments neither given
    /// nor defaulted are left out. Used for field and directive arguments.
    /// </summary>
    /// <param name="definitions">The arguments of the field or directive.</param>
    /// <param name="argumentNodes">The arguments written in the document.</param>
    /// <param name="variables">The coerced variable values, or null when there are none.</param>
    /// <param name="providedNames">Receives the names of the arguments that were given (not defaulted), when not null.</param>
    /// <exception cref="GraphQLException">A required argument is missing or null, or a value is invalid; the error has the node's location.</exception>
    public static Dictionary<string, object?> CoerceArgumentValues(
        IFieldCollection<Argument> definitions,
        IReadOnlyList<ArgumentNode> argumentNodes,
        IReadOnlyDictionary<string, object?>? variables,
        ICollection<string>? providedNames = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(argumentNodes);
        var result = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            ArgumentNode? node = null;
            for (var j = 0; j < argumentNodes.Count; j++)
            {
                if (string.Equals(argumentNodes[j].Name.Value, definition.Name, StringComparison.Ordinal))
                {
                    node = argumentNodes[j];
                    break;
                }
            }

            if (node is null)
            {
                if (definition.HasDefaultValue)
                {
                    result[definition.Name] = definition.CoercedDefaultValue;
                }
                else if (definition.Type.Kind == TypeKind.NonNull)
                {
                    throw ArgumentError($"Argument \"{definition.Name}\" of required type \"{definition.Type.Print()}\" was not provided.", null);
                }
                continue;
            }

            var valueNode = node.Value;
            var isNull = valueNode is NullValueNode;
            if (valueNode is VariableNode variable)
            {
                if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue))
                {
                    if (definition.HasDefaultValue)
                    {
                        result[definition.Name] = definition.CoercedDefaultValue;
                    }
                    else if (definition.Type.Kind == TypeKind.NonNull)
                    {
                        throw ArgumentError(
                            $"Argument \"{definition.Name}\" of required type \"{definition.Type.Print()}\" was provided the variable \"${variable.Name.Value}\" which was not provided a runtime value.",
                            valueNode);
                    }
                    continue;
                }
                isNull = variableValue is null;
            }

            if (isNull && definition.Type.Kind == TypeKind.NonNull)
            {
                throw ArgumentError($"Argument \"{definition.Name}\" of non-null type \"{definition.Type.Print()}\" must not be null.", valueNode);
            }

            try
            {
                result[definition.Name] = CoerceLiteral(valueNode, definition.Type, variables);
            }
            catch (InputCoercionException ex)
            {
                throw new GraphQLException(new GraphQLError(
                    $"Argument \"{definition.Name}\" has invalid value {valueNode.Print()}.",
                    Locations(valueNode),
                    exception: ex));
            }
            providedNames?.Add(definition.Name);
        }
        return result;
    }

    private static GraphQLException ArgumentError(string message, ISyntaxNode? node) => new(new GraphQLError(message, Locations(node)));

    private static ErrorLocation[]? Locations(ISyntaxNode? node) =>
        node?.Location is { } location ? [location.ToErrorLocation()] : null;

    private static object? CoerceLiteralCore(IValueNode value, IInputType type, IReadOnlyDictionary<string, object?>? variables)
    {
        if (value is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue))
            {
                return Undefined;
            }
            if (variableValue is null && type.Kind == TypeKind.NonNull)
            {
                throw new InputCoercionException($"Expected value of type \"{type.Print()}\", found null.");
            }
            return variableValue;
        }

        if (type is NonNullType nonNull)
        {
            if (value is NullValueNode)
            {
                throw new InputCoercionException($"Expected value of type \"{type.Print()}\", found null.");
            }
            return CoerceLiteralCore(value, (IInputType)nonNull.OfType, variables);
        }

        if (value is NullValueNode)
        {
            return null;
        }

        switch (type)
        {
            case ListType list:
                var itemType = (IInputType)list.OfType;
                if (value is ListValueNode listValue)
                {
                    var items = new List<object?>(listValue.Items.Count);
                    foreach (var itemNode in listValue.Items)
                    {
                        var item = CoerceLiteralCore(itemNode, itemType, variables);
                        if (ReferenceEquals(item, Undefined))
                        {
                            if (itemType.Kind == TypeKind.NonNull)
                            {
                                throw new InputCoercionException($"Expected value of type \"{itemType.Print()}\", found {itemNode.Print()}.");
                            }
                            item = null;
                        }
                        items.Add(item);
                    }
                    return items;
                }
                var single = CoerceLiteralCore(value, itemType, variables);
                return ReferenceEquals(single, Undefined) ? Undefined : new List<object?>(1) { single };

            case InputObjectType inputObject:
                return CoerceObjectLiteral(value, inputObject, variables);

            case ILeafType leaf:
                try
                {
                    return leaf.ParseLiteral(variables is null ? value : ReplaceVariables(value, variables));
                }
                catch (InputCoercionException ex)
                {
                    throw new InputCoercionException($"Expected value of type \"{type.Print()}\", found {value.Print()}; {ex.Message}", ex);
                }

            default:
                throw new InputCoercionException($"The type \"{type.Print()}\" is not an input type.");
        }
    }

    /// <summary>Replaces variables nested in a list or object literal given to a scalar (e.g. JSON) by literals of their values.</summary>
    private static IValueNode ReplaceVariables(IValueNode value, IReadOnlyDictionary<string, object?> variables) => value switch
    {
        VariableNode variable => variables.TryGetValue(variable.Name.Value, out var variableValue)
            ? Scalars.UntypedValues.ToLiteral(Scalars.UntypedValues.Normalize(variableValue, input: true))
            : NullValueNode.Default,
        ListValueNode list => new ListValueNode(list.Location, list.Items.Select(item => ReplaceVariables(item, variables)).ToArray()),
        ObjectValueNode obj => new ObjectValueNode(obj.Location, obj.Fields.Select(f => f.WithValue(ReplaceVariables(f.Value, variables))).ToArray()),
        _ => value,
    };

    private static Dictionary<string, object?> CoerceObjectLiteral(IValueNode value, InputObjectType type, IReadOnlyDictionary<string, object?>? variables)
    {
        if (value is not ObjectValueNode objectValue)
        {
            throw new InputCoercionException($"Expected value of type \"{type.Name}\", found {value.Print()}.");
        }

        foreach (var fieldNode in objectValue.Fields)
        {
            if (!type.Fields.ContainsName(fieldNode.Name.Value))
            {
                throw new InputCoercionException(
                    $"Field \"{fieldNode.Name.Value}\" is not defined by type \"{type.Name}\".{Suggestions.DidYouMean(null, fieldNode.Name.Value, FieldNames(type))}");
            }
        }

        var result = new Dictionary<string, object?>(type.Fields.Count, StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            ObjectFieldNode? fieldNode = null;
            foreach (var candidate in objectValue.Fields)
            {
                if (string.Equals(candidate.Name.Value, field.Name, StringComparison.Ordinal))
                {
                    fieldNode = candidate;
                    break;
                }
            }

            var fieldValue = fieldNode is null ? Undefined : CoerceLiteralCore(fieldNode.Value, field.Type, variables);
            if (ReferenceEquals(fieldValue, Undefined))
            {
                if (field.DefaultValue is not null)
                {
                    result[field.Name] = field.CoercedDefaultValue;
                }
                else if (field.Type.Kind == TypeKind.NonNull)
                {
                    throw new InputCoercionException($"Field \"{type.Name}.{field.Name}\" of required type \"{field.Type.Print()}\" was not provided.");
                }
                continue;
            }
            result[field.Name] = fieldValue;
        }

        if (type.IsOneOf)
        {
            if (result.Count != 1)
            {
                throw new InputCoercionException($"OneOf Input Object \"{type.Name}\" must specify exactly one key.");
            }
            foreach (var (name, fieldValue) in result)
            {
                if (fieldValue is null)
                {
                    throw new InputCoercionException($"Field \"{type.Name}.{name}\" must be non-null.");
                }
            }
        }
        return result;
    }

    private static object? CoerceValue(object? value, IInputType type, List<InputValueError> errors, object[] path)
    {
        if (type is NonNullType nonNull)
        {
            if (value is null)
            {
                errors.Add(new InputValueError($"Expected value of type \"{type.Print()}\", found null.", path, value));
                return null;
            }
            return CoerceValue(value, (IInputType)nonNull.OfType, errors, path);
        }

        if (value is null)
        {
            return null;
        }

        switch (type)
        {
            case ListType list:
                var itemType = (IInputType)list.OfType;
                if (value is IEnumerable enumerable and not string && !IsObject(value))
                {
                    var items = new List<object?>();
                    var index = 0;
                    foreach (var item in enumerable)
                    {
                        items.Add(CoerceValue(item, itemType, errors, Append(path, index)));
                        index++;
                    }
                    return items;
                }
                return new List<object?>(1) { CoerceValue(value, itemType, errors, path) };

            case InputObjectType inputObject:
                return CoerceObjectValue(value, inputObject, errors, path);

            case ILeafType leaf:
                try
                {
                    return leaf.ParseValue(value);
                }
                catch (InputCoercionException ex)
                {
                    errors.Add(new InputValueError(ex.Message, path, value));
                    return null;
                }

            default:
                throw new InputCoercionException($"The type \"{type.Print()}\" is not an input type.");
        }
    }

    private static Dictionary<string, object?>? CoerceObjectValue(object value, InputObjectType type, List<InputValueError> errors, object[] path)
    {
        IEnumerable<KeyValuePair<string, object?>>? entries = value switch
        {
            IReadOnlyDictionary<string, object?> map => map,
            IDictionary<string, object?> dictionary => dictionary,
            _ => null,
        };
        if (entries is null)
        {
            errors.Add(new InputValueError($"Expected type \"{type.Name}\" to be an object.", path, value));
            return null;
        }

        var given = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, fieldValue) in entries)
        {
            given[key] = fieldValue;
        }

        var result = new Dictionary<string, object?>(type.Fields.Count, StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            if (!given.TryGetValue(field.Name, out var fieldValue))
            {
                if (field.DefaultValue is not null)
                {
                    result[field.Name] = field.CoercedDefaultValue;
                }
                else if (field.Type.Kind == TypeKind.NonNull)
                {
                    errors.Add(new InputValueError($"Field \"{field.Name}\" of required type \"{field.Type.Print()}\" was not provided.", path, value));
                }
                continue;
            }
            result[field.Name] = CoerceValue(fieldValue, field.Type, errors, Append(path, field.Name));
        }

        foreach (var key in given.Keys)
        {
            if (!type.Fields.ContainsName(key))
            {
                errors.Add(new InputValueError(
                    $"Field \"{key}\" is not defined by type \"{type.Name}\".{Suggestions.DidYouMean(null, key, FieldNames(type))}", path, value));
            }
        }

        if (type.IsOneOf)
        {
            if (given.Count != 1)
            {
                errors.Add(new InputValueError($"Exactly one key must be specified for OneOf type \"{type.Name}\".", path, value));
            }
            else
            {
                foreach (var (key, fieldValue) in given)
                {
                    if (fieldValue is null)
                    {
                        errors.Add(new InputValueError($"Field \"{key}\" must be non-null.", Append(path, key), null));
                    }
                }
            }
        }
        return result;
    }

    private static bool IsObject(object value) => value is IReadOnlyDictionary<string, object?> or IDictionary<string, object?>;

    private static object[] Append(object[] path, object segment)
    {
        var result = new object[path.Length + 1];
        path.CopyTo(result, 0);
        result[^1] = segment;
        return result;
    }

    private static List<string> FieldNames(InputObjectType type)
    {
        var names = new List<string>(type.Fields.Count);
        foreach (var field in type.Fields)
        {
            names.Add(field.Name);
        }
        return names;
    }
}

/// <summary>One problem of an external input value.</summary>
/// <param name="Message">What is wrong, e.g. <c>Int cannot represent non-integer value: 1.5</c>.</param>
/// <param name="Path">Where inside the value: field names and list indices (empty at the top).</param>
/// <param name="InvalidValue">The offending (sub-)value.</param>
public sealed record InputValueError(string Message, IReadOnlyList<object> Path, object? InvalidValue)
{
    /// <summary>
    /// The message for a variable, worded as the reference implementation words it:
    /// <c>Variable "$x" got invalid value 1.5 at "x.a[0]"; Int cannot represent non-integer value: 1.5</c>.
    /// </summary>
    public string ToVariableMessage(string variableName)
    {
        ArgumentNullException.ThrowIfNull(variableName);
        var builder = new StringBuilder();
        builder.Append("Variable \"$").Append(variableName).Append("\" got invalid value ").Append(ValueFormatter.Inspect(InvalidValue));
        if (Path.Count > 0)
        {
            builder.Append(" at \"").Append(variableName);
            foreach (var segment in Path)
            {
                if (segment is int index)
                {
                    builder.Append('[').Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    builder.Append('.').Append(segment);
                }
            }
            builder.Append('"');
        }
        builder.Append("; ").Append(Message);
        return builder.ToString();
    }
}

/// <summary>Thrown by <see cref="InputCoercion.CoerceVariableValue"/>: the value does not fit its type.</summary>
public sealed class InputValueException : InputCoercionException
{
    public InputValueException(IReadOnlyList<InputValueError> errors)
        : base(errors is { Count: > 0 } ? errors[0].Message : "The value is invalid.")
    {
        Errors = errors ?? [];
    }

    public InputValueException()
        : this([])
    {
    }

    public InputValueException(string message)
        : this([new InputValueError(message, [], null)])
    {
    }

    public InputValueException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new InputValueError(message, [], null)];
    }

    /// <summary>Every problem found, in order.</summary>
    public IReadOnlyList<InputValueError> Errors { get; }
}
