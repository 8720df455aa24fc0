using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>An input value (literal or variable value) that a type cannot coerce.</summary>
public class InputCoercionException : Exception
{
    public InputCoercionException(string message)
        : base(message)
    {
    }

    public InputCoercionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public InputCoercionException()
        : base("The value cannot be coerced.")
    {
    }
}

/// <summary>A resolved value that a leaf type cannot serialize into a result.</summary>
public class SerializationException : Exception
{
    public SerializationException(string message)
        : base(message)
    {
    }

    public SerializationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public SerializationException()
        : base("The value cannot be serialized.")
    {
    }
}

/// <summary>One problem found while building a schema.</summary>
/// <param name="Message">What is wrong, worded as the reference implementation words it.</param>
/// <param name="Nodes">The SDL nodes involved, when the schema came from SDL.</param>
public sealed record SchemaError(string Message, IReadOnlyList<ISyntaxNode> Nodes)
{
    public SchemaError(string message)
        : this(message, [])
    {
    }

    /// <summary>The source locations of <see cref="Nodes"/>.</summary>
    public IReadOnlyList<ErrorLocation> Locations
    {
        get
        {
            var locations = new List<ErrorLocation>(Nodes.Count);
            foreach (var node in Nodes)
            {
                if (node?.Location is { } location)
                {
                    locations.Add(location.ToErrorLocation());
                }
            }
            return locations;
        }
    }

    public override string ToString() => Message;
}

/// <summary>Thrown by schema building when the type system is invalid; lists every error found.</summary>
public sealed class SchemaException : Exception
{
    public SchemaException(IReadOnlyList<SchemaError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    public SchemaException(string message)
        : this([new SchemaError(message)])
    {
    }

    public SchemaException()
        : this("The schema is invalid.")
    {
    }

    public SchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new SchemaError(message)];
    }

    /// <summary>The errors, in the order they were found.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<SchemaError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "The schema is invalid.",
            1 => errors[0].Message,
            _ => "The schema is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e.Message)),
        };
    }
}
