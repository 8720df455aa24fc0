namespace Graph.GraphQL.Language;

public ref partial struct Parser
{
    /// <summary>
    /// Value[Const] :
    ///   - [~Const] Variable
    ///   - IntValue | FloatValue | StringValue | BooleanValue | NullValue | EnumValue
    ///   - ListValue[?Const]
    ///   - ObjectValue[?Const]
    /// </summary>
    private IValueNode ParseValueLiteral(bool isConst)
    {
        var start = Begin();
        switch (_lexer.Kind)
        {
            case TokenKind.LeftBracket:
                return ParseList(isConst);
            case TokenKind.LeftBrace:
                return ParseObject(isConst);
            case TokenKind.Int:
            {
                var value = new string(_lexer.Text);
                Advance();
                return new IntValueNode(End(start), value);
            }
            case TokenKind.Float:
            {
                var value = new string(_lexer.Text);
                Advance();
                return new FloatValueNode(End(start), value);
            }
            case TokenKind.String:
            case TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
            {
                var text = _lexer.Text;
                if (text.SequenceEqual("true"))
                {
                    Advance();
                    return new BooleanValueNode(End(start), true);
                }
                if (text.SequenceEqual("false"))
                {
                    Advance();
                    return new BooleanValueNode(End(start), false);
                }
                if (text.SequenceEqual("null"))
                {
                    Advance();
                    return new NullValueNode(End(start));
                }
                var value = new string(text);
                Advance();
                return new EnumValueNode(End(start), value);
            }
            case TokenKind.Dollar:
                if (isConst)
                {
                    var dollar = _lexer;
                    ExpectToken(TokenKind.Dollar);
                    if (Peek(TokenKind.Name))
                    {
                        throw Error(dollar.Start, "Unexpected variable \"$" + _lexer.GetValue() + "\" in constant value.");
                    }
                    throw Unexpected(in dollar);
                }
                return ParseVariable();
            default:
                throw Unexpected();
        }
    }

    /// <summary>StringValue, quoted or block.</summary>
    private StringValueNode ParseStringLiteral()
    {
        var start = Begin();
        var block = _lexer.Kind == TokenKind.BlockString;
        var value = _lexer.GetValue()!;
        Advance();
        return new StringValueNode(End(start), value, block);
    }

    /// <summary>
    /// ListValue[Const] :
    ///   - [ ]
    ///   - [ Value[?Const]+ ]
    /// </summary>
    private ListValueNode ParseList(bool isConst)
    {
        var start = Begin();
        EnterLevel();
        ExpectToken(TokenKind.LeftBracket);
        var list = BeginList();
        while (!ExpectOptionalToken(TokenKind.RightBracket))
        {
            Push(ParseValueLiteral(isConst));
        }
        ExitLevel();
        return new ListValueNode(End(start), EndList<IValueNode>(list));
    }

    /// <summary>
    /// ObjectValue[Const] :
    ///   - { }
    ///   - { ObjectField[?Const]+ }
    /// </summary>
    private ObjectValueNode ParseObject(bool isConst)
    {
        var start = Begin();
        EnterLevel();
        ExpectToken(TokenKind.LeftBrace);
        var list = BeginList();
        while (!ExpectOptionalToken(TokenKind.RightBrace))
        {
            Push(ParseObjectField(isConst));
        }
        ExitLevel();
        return new ObjectValueNode(End(start), EndList<ObjectFieldNode>(list));
    }

    /// <summary>ObjectField[Const] : Name : Value[?Const]</summary>
    private ObjectFieldNode ParseObjectField(bool isConst)
    {
        var start = Begin();
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ObjectFieldNode(End(start), name, value);
    }

    /// <summary>Description : StringValue</summary>
    private StringValueNode? ParseDescription() => PeekDescription() ? ParseStringLiteral() : null;
}
