using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>The coerced value of one argument of one field execution.</summary>
/// <param name="Value">The coerced runtime value.</param>
/// <param name="IsPresent">Whether the argument has an entry in the coerced argument map (given or defaulted).</param>
/// <param name="IsProvided">Whether the argument was given (a literal, or a variable with a runtime value).</param>
internal readonly record struct ArgumentValue(object? Value, bool IsPresent, bool IsProvided);

/// <summary>
/// The spec's CoerceArgumentValues prepared once per selection: literal arguments are coerced when the plan is built,
/// so a field whose arguments use no variables never coerces again; arguments with variables are coerced per execution.
/// Error messages and locations follow the reference implementation's <c>getArgumentValues</c>.
/// </summary>
internal sealed class ArgumentPlan
{
    private readonly Slot[] _slots;
    private readonly ArgumentValue[]? _static;

    private ArgumentPlan(FieldCollection<Argument> definitions, Slot[] slots)
    {
        Definitions = definitions;
        _slots = slots;
        foreach (var slot in slots)
        {
            if (slot.Kind is SlotKind.Variable or SlotKind.Dynamic or SlotKind.Error)
            {
                return;
            }
        }
        _static = new ArgumentValue[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            _static[i] = slots[i].StaticValue;
        }
    }

    /// <summary>The argument definitions of the field, aligned with the values.</summary>
    public FieldCollection<Argument> Definitions { get; }

    /// <summary>The values when no argument depends on variables (shared, never mutated), else null.</summary>
    public ArgumentValue[]? StaticValues => _static;

    /// <summary>Prepares the arguments of <paramref name="field"/> as written on <paramref name="node"/>.</summary>
    public static ArgumentPlan Create(IOutputField field, FieldNode node)
    {
        var definitions = field is ObjectField objectField ? objectField.Arguments : new FieldCollection<Argument>(field.Arguments);
        if (definitions.Count == 0)
        {
            return new ArgumentPlan(definitions, []);
        }
        var slots = new Slot[definitions.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = CreateSlot(definitions[i], node);
        }
        return new ArgumentPlan(definitions, slots);
    }

    /// <summary>Coerces the arguments for one execution.</summary>
    /// <exception cref="GraphQLException">An argument cannot be coerced; the error is located at the argument (or the field).</exception>
    public ArgumentValue[] Coerce(IReadOnlyDictionary<string, object?> variables)
    {
        if (_static is not null)
        {
            return _static;
        }
        var values = new ArgumentValue[_slots.Length];
        for (var i = 0; i < _slots.Length; i++)
        {
            var slot = _slots[i];
            values[i] = slot.Kind switch
            {
                SlotKind.Error => throw new GraphQLException(slot.Error!),
                SlotKind.Variable => CoerceVariable(slot, variables),
                SlotKind.Dynamic => CoerceDynamic(slot, variables),
                _ => slot.StaticValue,
            };
        }
        return values;
    }

    private static ArgumentValue CoerceVariable(Slot slot, IReadOnlyDictionary<string, object?> variables)
    {
        var definition = slot.Definition;
        var node = slot.Node!;
        var variableName = ((VariableNode)node).Name.Value;
        if (!variables.TryGetValue(variableName, out var value))
        {
            if (definition.HasDefaultValue)
            {
                return new ArgumentValue(definition.CoercedDefaultValue, true, false);
            }
            if (definition.Type.Kind == TypeKind.NonNull)
            {
                throw new GraphQLException(Located(
                    $"Argument \"{definition.Name}\" of required type \"{definition.Type.Print()}\" was provided the variable \"${variableName}\" which was not provided a runtime value.",
                    node));
            }
            return default;
        }
        if (value is null && definition.Type.Kind == TypeKind.NonNull)
        {
            throw new GraphQLException(Located($"Argument \"{definition.Name}\" of non-null type \"{definition.Type.Print()}\" must not be null.", node));
        }
        return new ArgumentValue(value, true, true);
    }

    private static ArgumentValue CoerceDynamic(Slot slot, IReadOnlyDictionary<string, object?> variables)
    {
        try
        {
            return new ArgumentValue(InputCoercion.CoerceLiteral(slot.Node!, slot.Definition.Type, variables), true, true);
        }
        catch (InputCoercionException)
        {
            throw new GraphQLException(Located($"Argument \"{slot.Definition.Name}\" has invalid value {slot.Node!.Print()}.", slot.Node!));
        }
    }

    private static Slot CreateSlot(Argument definition, FieldNode field)
    {
        ArgumentNode? argument = null;
        foreach (var candidate in field.Arguments)
        {
            if (string.Equals(candidate.Name.Value, definition.Name, StringComparison.Ordinal))
            {
                argument = candidate;
                break;
            }
        }

        if (argument is null)
        {
            if (definition.HasDefaultValue)
            {
                return new Slot(definition, SlotKind.Static, null, new ArgumentValue(definition.CoercedDefaultValue, true, false), null);
            }
            if (definition.Type.Kind == TypeKind.NonNull)
            {
                return new Slot(definition, SlotKind.Error, null, default,
                    Located($"Argument \"{definition.Name}\" of required type \"{definition.Type.Print()}\" was not provided.", field));
            }
            return new Slot(definition, SlotKind.Static, null, default, null);
        }

        var value = argument.Value;
        if (value is VariableNode)
        {
            return new Slot(definition, SlotKind.Variable, value, default, null);
        }
        if (ContainsVariable(value))
        {
            return new Slot(definition, SlotKind.Dynamic, value, default, null);
        }
        if (value is NullValueNode && definition.Type.Kind == TypeKind.NonNull)
        {
            return new Slot(definition, SlotKind.Error, value, default,
                Located($"Argument \"{definition.Name}\" of non-null type \"{definition.Type.Print()}\" must not be null.", value));
        }
        try
        {
            return new Slot(definition, SlotKind.Static, value, new ArgumentValue(InputCoercion.CoerceLiteral(value, definition.Type, null), true, true), null);
        }
        catch (InputCoercionException)
        {
            return new Slot(definition, SlotKind.Error, value, default, Located($"Argument \"{definition.Name}\" has invalid value {value.Print()}.", value));
        }
    }

    private static bool ContainsVariable(IValueNode value)
    {
        switch (value)
        {
            case VariableNode:
                return true;
            case ListValueNode list:
                foreach (var item in list.Items)
                {
                    if (ContainsVariable(item))
                    {
                        return true;
                    }
                }
                return false;
            case ObjectValueNode obj:
                foreach (var field in obj.Fields)
                {
                    if (ContainsVariable(field.Value))
                    {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private static GraphQLError Located(string message, ISyntaxNode node) =>
        new(message, node.Location is { } location ? [location.ToErrorLocation()] : null);

    private enum SlotKind
    {
        Static,
        Variable,
        Dynamic,
        Error,
    }

    private sealed record Slot(Argument Definition, SlotKind Kind, IValueNode? Node, ArgumentValue StaticValue, GraphQLError? Error);
}
