using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>The spec's CoerceVariableValues, with the reference implementation's messages, locations and error limit.</summary>
internal static class VariableCoercion
{
    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>(0, StringComparer.Ordinal);

    /// <summary>The coerced values, or the errors (each with <c>extensions.code = BAD_USER_INPUT</c>).</summary>
    public static IReadOnlyDictionary<string, object?> Coerce(
        Operation operation,
        IReadOnlyDictionary<string, object?>? inputs,
        int maxErrors,
        out List<GraphQLError>? errors)
    {
        errors = null;
        var definitions = operation.Variables;
        if (definitions.Length == 0)
        {
            return Empty;
        }

        var coerced = new Dictionary<string, object?>(definitions.Length, StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var name = definition.Name;
            var node = definition.Node;
            var type = definition.Type;
            if (type is null)
            {
                if (!Report(ref errors, maxErrors, $"Variable \"${name}\" expected value of type \"{node.Type.Print()}\" which cannot be used as an input type.", node.Type))
                {
                    return coerced;
                }
                continue;
            }

            object? value = null;
            var hasValue = inputs is not null && inputs.TryGetValue(name, out value);
            if (!hasValue)
            {
                if (node.DefaultValue is { } defaultValue)
                {
                    coerced[name] = InputCoercion.TryCoerceLiteral(defaultValue, type, null, out var defaulted) ? defaulted : null;
                }
                else if (type.Kind == TypeKind.NonNull)
                {
                    if (!Report(ref errors, maxErrors, $"Variable \"${name}\" of required type \"{type.Print()}\" was not provided.", node))
                    {
                        return coerced;
                    }
                }
                continue;
            }

            if (value is null && type.Kind == TypeKind.NonNull)
            {
                if (!Report(ref errors, maxErrors, $"Variable \"${name}\" of non-null type \"{type.Print()}\" must not be null.", node))
                {
                    return coerced;
                }
                continue;
            }

            if (InputCoercion.TryCoerceVariableValue(value, type, out var result, out var problems))
            {
                coerced[name] = result;
                continue;
            }
            foreach (var problem in problems)
            {
                if (!Report(ref errors, maxErrors, problem.ToVariableMessage(name), node))
                {
                    return coerced;
                }
            }
        }
        return coerced;
    }

    /// <summary>Adds an error; false (after adding the limit error) when the limit was already reached.</summary>
    private static bool Report(ref List<GraphQLError>? errors, int maxErrors, string message, ISyntaxNode node)
    {
        errors ??= [];
        if (errors.Count >= maxErrors)
        {
            errors.Add(new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted.")
                .WithCode(ErrorCodes.BadUserInput));
            return false;
        }
        errors.Add(new GraphQLError(message, node.Location is { } location ? [location.ToErrorLocation()] : null)
            .WithCode(ErrorCodes.BadUserInput));
        return true;
    }
}
