namespace Graph.GraphQL.Language;

public ref partial struct Parser
{
    /// <summary>Document : Definition+</summary>
    private DocumentNode ParseDocument()
    {
        ExpectToken(TokenKind.StartOfFile);
        var list = BeginList();
        do
        {
            Push(ParseDefinition());
        }
        while (!ExpectOptionalToken(TokenKind.EndOfFile));

        var location = _noLocations ? (Location?)null : new Location(0, _lastEnd, 1, 1);
        return new DocumentNode(location, EndList<IDefinitionNode>(list));
    }

    /// <summary>
    /// Definition :
    ///   - ExecutableDefinition (OperationDefinition, FragmentDefinition)
    ///   - TypeSystemDefinition (SchemaDefinition, TypeDefinition, DirectiveDefinition)
    ///   - TypeSystemExtension
    /// Definitions that start with a description need one token of lookahead.
    /// </summary>
    private IDefinitionNode ParseDefinition()
    {
        if (Peek(TokenKind.LeftBrace))
        {
            return ParseOperationDefinition();
        }

        var hasDescription = PeekDescription();
        var keyword = hasDescription ? Lookahead() : _lexer;

        if (hasDescription && keyword.Kind == TokenKind.LeftBrace)
        {
            throw Error(_lexer.Start, "Unexpected description, descriptions are not supported on shorthand queries.");
        }

        if (keyword.Kind == TokenKind.Name)
        {
            switch (keyword.Text)
            {
                case "schema":
                    return ParseSchemaDefinition();
                case "scalar":
                    return ParseScalarTypeDefinition();
                case "type":
                    return ParseObjectTypeDefinition();
                case "interface":
                    return ParseInterfaceTypeDefinition();
                case "union":
                    return ParseUnionTypeDefinition();
                case "enum":
                    return ParseEnumTypeDefinition();
                case "input":
                    return ParseInputObjectTypeDefinition();
                case "directive":
                    return ParseDirectiveDefinition();
                case "query":
                case "mutation":
                case "subscription":
                    return ParseOperationDefinition();
                case "fragment":
                    return ParseFragmentDefinition();
            }

            if (hasDescription)
            {
                throw Error(_lexer.Start, "Unexpected description, only GraphQL definitions support descriptions.");
            }

            if (keyword.Text.SequenceEqual("extend"))
            {
                return ParseTypeSystemExtension();
            }
        }

        throw Unexpected(in keyword);
    }
}
