namespace Graph.GraphQL.Language;

public ref partial struct Parser
{
    /// <summary>
    /// Both FragmentSpread and InlineFragment:
    ///   FragmentSpread : ... FragmentName Directives?
    ///   InlineFragment : ... TypeCondition? Directives? SelectionSet
    /// </summary>
    private ISelectionNode ParseFragment()
    {
        var start = Begin();
        ExpectToken(TokenKind.Spread);

        var hasTypeCondition = ExpectOptionalKeyword("on");
        if (!hasTypeCondition && Peek(TokenKind.Name))
        {
            var name = ParseFragmentName();
            var spreadDirectives = ParseDirectives(isConst: false);
            return new FragmentSpreadNode(End(start), name, spreadDirectives);
        }

        var typeCondition = hasTypeCondition ? ParseNamedType() : null;
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new InlineFragmentNode(End(start), typeCondition, directives, selectionSet);
    }

    /// <summary>
    /// FragmentDefinition : Description? fragment FragmentName TypeCondition Directives? SelectionSet
    /// TypeCondition : on NamedType
    /// </summary>
    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        ExpectKeyword("fragment");
        var name = ParseFragmentName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(isConst: false);
        var selectionSet = ParseSelectionSet();
        return new FragmentDefinitionNode(End(start), name, description, typeCondition, directives, selectionSet);
    }

    /// <summary>FragmentName : Name but not `on`</summary>
    private NameNode ParseFragmentName()
    {
        if (TokenValueIs("on"))
        {
            throw Unexpected();
        }
        return ParseName();
    }

    /// <summary>True when the current token carries the value <paramref name="value"/> (names, numbers and strings all have values).</summary>
    private readonly bool TokenValueIs(string value) => _lexer.Kind switch
    {
        TokenKind.Name or TokenKind.Int or TokenKind.Float => _lexer.Text.SequenceEqual(value),
        TokenKind.String or TokenKind.BlockString => string.Equals(_lexer.GetValue(), value, StringComparison.Ordinal),
        _ => false,
    };
}
