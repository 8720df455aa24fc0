namespace Graph.GraphQL.Language;

public ref partial struct Parser
{
    /// <summary>Directives[Const] : Directive[?Const]+</summary>
    private DirectiveNode[] ParseDirectives(bool isConst)
    {
        if (!Peek(TokenKind.At))
        {
            return [];
        }

        var list = BeginList();
        while (Peek(TokenKind.At))
        {
            Push(ParseDirective(isConst));
        }
        return EndList<DirectiveNode>(list);
    }

    /// <summary>Directive[Const] : @ Name Arguments[?Const]?</summary>
    private DirectiveNode ParseDirective(bool isConst)
    {
        var start = Begin();
        ExpectToken(TokenKind.At);
        var name = ParseName();
        var arguments = ParseArguments(isConst);
        return new DirectiveNode(End(start), name, arguments);
    }
}
