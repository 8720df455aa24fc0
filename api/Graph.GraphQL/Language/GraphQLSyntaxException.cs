namespace Graph.GraphQL.Language;

/// <summary>
/// Thrown when a document is not valid GraphQL syntax or exceeds a parser limit. Carries one
/// <see cref="GraphQLError"/> whose message starts with <c>Syntax Error:</c>, whose location is
/// where the problem was found and whose <c>extensions.code</c> is <see cref="ErrorCodes.ParseFailed"/>
/// (or one of the limit codes).
/// </summary>
public sealed class GraphQLSyntaxException : GraphQLException
{
    public GraphQLSyntaxException(string message, int position, int line, int column, string code = ErrorCodes.ParseFailed)
        : base(new GraphQLError(message, [new ErrorLocation(line, column)]).WithCode(code))
    {
        Position = position;
        Line = line;
        Column = column;
        Code = code;
    }

    /// <summary>The character offset in the source where the problem was found.</summary>
    public int Position { get; }

    /// <summary>The 1-based line of <see cref="Position"/>.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of <see cref="Position"/>.</summary>
    public int Column { get; }

    /// <summary>The error code (<c>extensions.code</c>).</summary>
    public string Code { get; }
}
