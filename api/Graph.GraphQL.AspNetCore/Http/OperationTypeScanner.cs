using Graph.GraphQL.Language;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>
/// Tells which type of operation a document and operation name select, from the tokens alone (no syntax tree, no
/// validation): what a GET needs to refuse a mutation before anything executes, while the executor still parses the
/// text through its document cache. Every executable definition is a keyword (or <c>{</c>), an optional name, then
/// anything up to the selection set, which is skipped by counting braces.
/// </summary>
internal static class OperationTypeScanner
{
    /// <summary>
    /// The type of the operation the executor would run, or null when the document does not select one: a syntax error,
    /// a definition that is not executable, no operation of that name, or several operations and no name. In each of
    /// those cases the executor refuses the request without executing anything.
    /// </summary>
    public static OperationType? Scan(string document, string? operationName)
    {
        try
        {
            return ScanTokens(document, operationName);
        }
        catch (GraphQLSyntaxException)
        {
            return null;
        }
    }

    private static OperationType? ScanTokens(string document, string? operationName)
    {
        var lexer = new Lexer(document.AsSpan());
        lexer.Read();
        OperationType? single = null;
        var operations = 0;
        while (lexer.Kind != TokenKind.EndOfFile)
        {
            OperationType? type;
            var matchesName = false;
            if (lexer.Kind == TokenKind.LeftBrace)
            {
                type = OperationType.Query;
            }
            else if (lexer.Kind == TokenKind.Name)
            {
                type = Keyword(lexer.Text, out var isFragment);
                if (type is null && !isFragment)
                {
                    return null;
                }
                lexer.Read();
                if (type is not null && lexer.Kind == TokenKind.Name)
                {
                    matchesName = operationName is not null && lexer.Text.SequenceEqual(operationName);
                    lexer.Read();
                }
            }
            else
            {
                return null;
            }

            if (!SkipToSelectionSet(ref lexer) || !SkipSelectionSet(ref lexer))
            {
                return null;
            }
            if (type is { } found)
            {
                if (matchesName)
                {
                    return found;
                }
                operations++;
                single = found;
            }
        }
        return operationName is null && operations == 1 ? single : null;
    }

    private static OperationType? Keyword(ReadOnlySpan<char> name, out bool isFragment)
    {
        isFragment = name.SequenceEqual("fragment");
        return name switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => null,
        };
    }

    /// <summary>Moves to the <c>{</c> that opens the definition's selection set (outside variable definitions and directive arguments).</summary>
    private static bool SkipToSelectionSet(ref Lexer lexer)
    {
        var nesting = 0;
        while (lexer.Kind != TokenKind.EndOfFile)
        {
            switch (lexer.Kind)
            {
                case TokenKind.LeftBrace when nesting == 0:
                    return true;
                case TokenKind.LeftParenthesis or TokenKind.LeftBracket or TokenKind.LeftBrace:
                    nesting++;
                    break;
                case TokenKind.RightParenthesis or TokenKind.RightBracket or TokenKind.RightBrace:
                    if (--nesting < 0)
                    {
                        return false;
                    }
                    break;
            }
            lexer.Read();
        }
        return false;
    }

    /// <summary>From its <c>{</c>, moves past the selection set's <c>}</c>.</summary>
    private static bool SkipSelectionSet(ref Lexer lexer)
    {
        var depth = 0;
        do
        {
            if (lexer.Kind == TokenKind.LeftBrace)
            {
                depth++;
            }
            else if (lexer.Kind == TokenKind.RightBrace)
            {
                depth--;
            }
            else if (lexer.Kind == TokenKind.EndOfFile)
            {
                return false;
            }
            lexer.Read();
        }
        while (depth > 0);
        return true;
    }
}
