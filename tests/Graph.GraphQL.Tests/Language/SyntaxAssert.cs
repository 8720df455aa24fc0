using Graph.GraphQL.Language;

namespace Graph.GraphQL.Tests.Language;

/// <summary>Assertions for syntax errors: exact message, single location and code.</summary>
internal static class SyntaxAssert
{
    public static GraphQLSyntaxException Throws(Action action, string message, int line, int column, string code = ErrorCodes.ParseFailed)
    {
        var exception = Assert.Throws<GraphQLSyntaxException>(action);
        AssertError(exception, message, line, column, code);
        return exception;
    }

    public static void AssertError(GraphQLSyntaxException exception, string message, int line, int column, string code = ErrorCodes.ParseFailed)
    {
        Assert.Equal(message, exception.Message);
        var error = Assert.Single(exception.Errors);
        Assert.Equal(message, error.Message);
        Assert.NotNull(error.Locations);
        Assert.Equal(new ErrorLocation(line, column), Assert.Single(error.Locations));
        Assert.Equal(code, error.Code);
        Assert.Equal(code, exception.Code);
        Assert.Equal(line, exception.Line);
        Assert.Equal(column, exception.Column);
    }

    /// <summary>Parses <paramref name="source"/> as a document and checks the syntax error.</summary>
    public static GraphQLSyntaxException ParseError(string source, string message, int line, int column) =>
        Throws(() => Parser.Parse(source), message, line, column);
}
