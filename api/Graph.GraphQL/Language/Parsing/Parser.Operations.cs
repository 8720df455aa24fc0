namespace Graph.GraphQL.Language;

public ref partial struct Parser
{
    /// <summary>
    /// OperationDefinition :
    ///   - SelectionSet
    ///   - Description? OperationType Name? VariablesDefinition? Directives? SelectionSet
    /// </summary>
    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = Begin();
        if (Peek(TokenKind.LeftBrace))
        {
            var shorthand = ParseSelectionSet();
            return new OperationDefinitionNode(End(start), null, null, OperationType.Query, [], [], shorthand);
        }

        var description = ParseDescription();
        var operation = ParseOperationType();
        var name = Peek(TokenKind.Name) ? ParseName() : null;
        var variableDefinitions = ParseVariableDefinitions();
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new OperationDefinitionNode(End(start), name, description, operation, variableDefinitions, directives, selectionSet);
    }

    /// <summary>OperationType : one of query mutation subscription</summary>
    private OperationType ParseOperationType()
    {
        if (_lexer.Kind != TokenKind.Name)
        {
            throw Error(_lexer.Start, "Expected Name, found " + _lexer.Describe() + ".");
        }

        OperationType? operation = _lexer.Text switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => null,
        };

        if (operation is null)
        {
            // The token is consumed before the error, as a lexical error in the next token comes first.
            var error = Unexpected();
            Advance();
            throw error;
        }

        Advance();
        return operation.Value;
    }

    /// <summary>VariablesDefinition : ( VariableDefinition+ )</summary>
    private VariableDefinitionNode[] ParseVariableDefinitions()
    {
        if (!ExpectOptionalToken(TokenKind.LeftParenthesis))
        {
            return [];
        }

        var list = BeginList();
        do
        {
            Push(ParseVariableDefinition());
        }
        while (!ExpectOptionalToken(TokenKind.RightParenthesis));
        return EndList<VariableDefinitionNode>(list);
    }

    /// <summary>VariableDefinition : Description? Variable : Type DefaultValue? Directives[Const]?</summary>
    private VariableDefinitionNode ParseVariableDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        var variable = ParseVariable();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = ExpectOptionalToken(TokenKind.Equal) ? ParseValueLiteral(isConst: true) : null;
        var directives = ParseDirectives(isConst: true);
        return new VariableDefinitionNode(End(start), variable, description, type, defaultValue, directives);
    }

    /// <summary>Variable : $ Name</summary>
    private VariableNode ParseVariable()
    {
        var start = Begin();
        ExpectToken(TokenKind.Dollar);
        var name = ParseName();
        return new VariableNode(End(start), name);
    }

    /// <summary>SelectionSet : { Selection+ }</summary>
    private SelectionSetNode ParseSelectionSet()
    {
        var start = Begin();
        EnterLevel();
        ExpectToken(TokenKind.LeftBrace);
        var list = BeginList();
        do
        {
            Push(Peek(TokenKind.Spread) ? ParseFragment() : ParseField());
        }
        while (!ExpectOptionalToken(TokenKind.RightBrace));
        ExitLevel();
        return new SelectionSetNode(End(start), EndList<ISelectionNode>(list));
    }

    /// <summary>
    /// Field : Alias? Name Arguments? Directives? SelectionSet?
    /// Alias : Name :
    /// </summary>
    private FieldNode ParseField()
    {
        if (++_fieldCount > _maxFields)
        {
            ThrowTooManyFields();
        }

        var start = Begin();
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (ExpectOptionalToken(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }

        var arguments = ParseArguments(isConst: false);
        var directives = ParseDirectives(isConst: false);
        var selectionSet = Peek(TokenKind.LeftBrace) ? ParseSelectionSet() : null;
        return new FieldNode(End(start), alias, name, arguments, directives, selectionSet);
    }

    /// <summary>Arguments[Const] : ( Argument[?Const]+ )</summary>
    private ArgumentNode[] ParseArguments(bool isConst)
    {
        if (!ExpectOptionalToken(TokenKind.LeftParenthesis))
        {
            return [];
        }

        var list = BeginList();
        do
        {
            Push(ParseArgument(isConst));
        }
        while (!ExpectOptionalToken(TokenKind.RightParenthesis));
        return EndList<ArgumentNode>(list);
    }

    /// <summary>Argument[Const] : Name : Value[?Const]</summary>
    private ArgumentNode ParseArgument(bool isConst)
    {
        var start = Begin();
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var value = ParseValueLiteral(isConst);
        return new ArgumentNode(End(start), name, value);
    }
}
