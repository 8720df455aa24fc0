namespace Graph.GraphQL.Language;

public ref partial struct Parser
{
    /// <summary>
    /// Type :
    ///   - NamedType
    ///   - ListType : [ Type ]
    ///   - NonNullType : NamedType ! | ListType !
    /// </summary>
    private ITypeNode ParseTypeReference()
    {
        var start = Begin();
        INullableTypeNode type;
        if (Peek(TokenKind.LeftBracket))
        {
            EnterLevel();
            Advance();
            var itemType = ParseTypeReference();
            ExpectToken(TokenKind.RightBracket);
            ExitLevel();
            type = new ListTypeNode(End(start), itemType);
        }
        else
        {
            type = ParseNamedType();
        }

        if (ExpectOptionalToken(TokenKind.Bang))
        {
            return new NonNullTypeNode(End(start), type);
        }
        return type;
    }

    /// <summary>NamedType : Name</summary>
    private NamedTypeNode ParseNamedType()
    {
        var start = Begin();
        var name = ParseName();
        return new NamedTypeNode(End(start), name);
    }
}
