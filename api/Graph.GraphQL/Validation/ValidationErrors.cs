using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation;

/// <summary>Builds validation errors: locations from syntax nodes, <c>extensions.code</c> and <c>extensions.specifiedBy</c>.</summary>
public static class ValidationErrors
{
    /// <summary>The extension key holding the URL of the violated rule in the spec.</summary>
    public const string SpecifiedByKey = "specifiedBy";

    /// <summary>The message of the error added when the error limit is reached.</summary>
    public const string TooManyErrorsMessage = "Too many validation errors, error limit reached. Validation aborted.";

    /// <summary>An error of <paramref name="rule"/> located at <paramref name="node"/>.</summary>
    public static GraphQLError Create(IValidationRule rule, string message, ISyntaxNode? node)
    {
        ArgumentNullException.ThrowIfNull(rule);
        IReadOnlyList<ErrorLocation>? locations = node?.Location is { } location ? [location.ToErrorLocation()] : null;
        return new GraphQLError(message, locations, extensions: Extensions(rule.SpecifiedBy));
    }

    /// <summary>An error of <paramref name="rule"/> located at two nodes.</summary>
    public static GraphQLError Create(IValidationRule rule, string message, ISyntaxNode? first, ISyntaxNode? second)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var locations = new List<ErrorLocation>(2);
        Add(locations, first);
        Add(locations, second);
        return new GraphQLError(message, locations, extensions: Extensions(rule.SpecifiedBy));
    }

    /// <summary>An error of <paramref name="rule"/> located at <paramref name="nodes"/>, in order.</summary>
    public static GraphQLError Create(IValidationRule rule, string message, IReadOnlyList<ISyntaxNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(nodes);
        var locations = new List<ErrorLocation>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            Add(locations, nodes[i]);
        }
        return new GraphQLError(message, locations, extensions: Extensions(rule.SpecifiedBy));
    }

    /// <summary>The error that ends a validation whose error limit was reached.</summary>
    public static GraphQLError TooManyErrors() => new GraphQLError(TooManyErrorsMessage).WithCode(ErrorCodes.ValidationFailed);

    private static void Add(List<ErrorLocation> locations, ISyntaxNode? node)
    {
        if (node?.Location is { } location)
        {
            locations.Add(location.ToErrorLocation());
        }
    }

    private static Dictionary<string, object?> Extensions(string specifiedBy) => new(2, StringComparer.Ordinal)
    {
        [ErrorCodes.ExtensionKey] = ErrorCodes.ValidationFailed,
        [SpecifiedByKey] = specifiedBy,
    };
}
