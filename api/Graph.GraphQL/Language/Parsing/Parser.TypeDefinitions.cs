namespace Graph.GraphQL.Language;

public ref partial struct Parser
{
    /// <summary>SchemaDefinition : Description? schema Directives[Const]? { RootOperationTypeDefinition+ }</summary>
    private SchemaDefinitionNode ParseSchemaDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        ExpectKeyword("schema");
        var directives = ParseDirectives(isConst: true);
        ExpectToken(TokenKind.LeftBrace);
        var list = BeginList();
        do
        {
            Push(ParseOperationTypeDefinition());
        }
        while (!ExpectOptionalToken(TokenKind.RightBrace));
        return new SchemaDefinitionNode(End(start), description, directives, EndList<OperationTypeDefinitionNode>(list));
    }

    /// <summary>RootOperationTypeDefinition : OperationType : NamedType</summary>
    private OperationTypeDefinitionNode ParseOperationTypeDefinition()
    {
        var start = Begin();
        var operation = ParseOperationType();
        ExpectToken(TokenKind.Colon);
        var type = ParseNamedType();
        return new OperationTypeDefinitionNode(End(start), operation, type);
    }

    /// <summary>ScalarTypeDefinition : Description? scalar Name Directives[Const]?</summary>
    private ScalarTypeDefinitionNode ParseScalarTypeDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        ExpectKeyword("scalar");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        return new ScalarTypeDefinitionNode(End(start), name, description, directives);
    }

    /// <summary>ObjectTypeDefinition : Description? type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?</summary>
    private ObjectTypeDefinitionNode ParseObjectTypeDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        ExpectKeyword("type");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        return new ObjectTypeDefinitionNode(End(start), name, description, directives, interfaces, fields);
    }

    /// <summary>
    /// ImplementsInterfaces :
    ///   - implements `&amp;`? NamedType
    ///   - ImplementsInterfaces &amp; NamedType
    /// </summary>
    private NamedTypeNode[] ParseImplementsInterfaces() =>
        ExpectOptionalKeyword("implements") ? ParseDelimitedNamedTypes(TokenKind.Ampersand) : [];

    /// <summary>A non-empty list of named types separated by <paramref name="delimiter"/>, which may also lead.</summary>
    private NamedTypeNode[] ParseDelimitedNamedTypes(TokenKind delimiter)
    {
        ExpectOptionalToken(delimiter);
        var list = BeginList();
        do
        {
            Push(ParseNamedType());
        }
        while (ExpectOptionalToken(delimiter));
        return EndList<NamedTypeNode>(list);
    }

    /// <summary>FieldsDefinition : { FieldDefinition+ }</summary>
    private FieldDefinitionNode[] ParseFieldsDefinition()
    {
        if (!ExpectOptionalToken(TokenKind.LeftBrace))
        {
            return [];
        }

        var list = BeginList();
        do
        {
            Push(ParseFieldDefinition());
        }
        while (!ExpectOptionalToken(TokenKind.RightBrace));
        return EndList<FieldDefinitionNode>(list);
    }

    /// <summary>FieldDefinition : Description? Name ArgumentsDefinition? : Type Directives[Const]?</summary>
    private FieldDefinitionNode ParseFieldDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        var name = ParseName();
        var arguments = ParseArgumentsDefinition();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        var directives = ParseDirectives(isConst: true);
        return new FieldDefinitionNode(End(start), name, description, arguments, type, directives);
    }

    /// <summary>ArgumentsDefinition : ( InputValueDefinition+ )</summary>
    private InputValueDefinitionNode[] ParseArgumentsDefinition() =>
        ParseInputValueDefinitions(TokenKind.LeftParenthesis, TokenKind.RightParenthesis);

    /// <summary>InputFieldsDefinition : { InputValueDefinition+ }</summary>
    private InputValueDefinitionNode[] ParseInputFieldsDefinition() =>
        ParseInputValueDefinitions(TokenKind.LeftBrace, TokenKind.RightBrace);

    private InputValueDefinitionNode[] ParseInputValueDefinitions(TokenKind open, TokenKind close)
    {
        if (!ExpectOptionalToken(open))
        {
            return [];
        }

        var list = BeginList();
        do
        {
            Push(ParseInputValueDefinition());
        }
        while (!ExpectOptionalToken(close));
        return EndList<InputValueDefinitionNode>(list);
    }

    /// <summary>InputValueDefinition : Description? Name : Type DefaultValue? Directives[Const]?</summary>
    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = ExpectOptionalToken(TokenKind.Equal) ? ParseValueLiteral(isConst: true) : null;
        var directives = ParseDirectives(isConst: true);
        return new InputValueDefinitionNode(End(start), name, description, type, defaultValue, directives);
    }

    /// <summary>InterfaceTypeDefinition : Description? interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?</summary>
    private InterfaceTypeDefinitionNode ParseInterfaceTypeDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        ExpectKeyword("interface");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        return new InterfaceTypeDefinitionNode(End(start), name, description, directives, interfaces, fields);
    }

    /// <summary>UnionTypeDefinition : Description? union Name Directives[Const]? UnionMemberTypes?</summary>
    private UnionTypeDefinitionNode ParseUnionTypeDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        ExpectKeyword("union");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var types = ParseUnionMemberTypes();
        return new UnionTypeDefinitionNode(End(start), name, description, directives, types);
    }

    /// <summary>
    /// UnionMemberTypes :
    ///   - = `|`? NamedType
    ///   - UnionMemberTypes | NamedType
    /// </summary>
    private NamedTypeNode[] ParseUnionMemberTypes() =>
        ExpectOptionalToken(TokenKind.Equal) ? ParseDelimitedNamedTypes(TokenKind.Pipe) : [];

    /// <summary>EnumTypeDefinition : Description? enum Name Directives[Const]? EnumValuesDefinition?</summary>
    private EnumTypeDefinitionNode ParseEnumTypeDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        ExpectKeyword("enum");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var values = ParseEnumValuesDefinition();
        return new EnumTypeDefinitionNode(End(start), name, description, directives, values);
    }

    /// <summary>EnumValuesDefinition : { EnumValueDefinition+ }</summary>
    private EnumValueDefinitionNode[] ParseEnumValuesDefinition()
    {
        if (!ExpectOptionalToken(TokenKind.LeftBrace))
        {
            return [];
        }

        var list = BeginList();
        do
        {
            Push(ParseEnumValueDefinition());
        }
        while (!ExpectOptionalToken(TokenKind.RightBrace));
        return EndList<EnumValueDefinitionNode>(list);
    }

    /// <summary>EnumValueDefinition : Description? EnumValue Directives[Const]?</summary>
    private EnumValueDefinitionNode ParseEnumValueDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        var name = ParseEnumValueName();
        var directives = ParseDirectives(isConst: true);
        return new EnumValueDefinitionNode(End(start), name, description, directives);
    }

    /// <summary>EnumValue : Name but not `true`, `false` or `null`</summary>
    private NameNode ParseEnumValueName()
    {
        if (TokenValueIs("true") || TokenValueIs("false") || TokenValueIs("null"))
        {
            throw Error(_lexer.Start, _lexer.Describe() + " is reserved and cannot be used for an enum value.");
        }
        return ParseName();
    }

    /// <summary>InputObjectTypeDefinition : Description? input Name Directives[Const]? InputFieldsDefinition?</summary>
    private InputObjectTypeDefinitionNode ParseInputObjectTypeDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        ExpectKeyword("input");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseInputFieldsDefinition();
        return new InputObjectTypeDefinitionNode(End(start), name, description, directives, fields);
    }

    /// <summary>DirectiveDefinition : Description? directive @ Name ArgumentsDefinition? `repeatable`? on DirectiveLocations</summary>
    private DirectiveDefinitionNode ParseDirectiveDefinition()
    {
        var start = Begin();
        var description = ParseDescription();
        ExpectKeyword("directive");
        ExpectToken(TokenKind.At);
        var name = ParseName();
        var arguments = ParseArgumentsDefinition();
        var repeatable = ExpectOptionalKeyword("repeatable");
        ExpectKeyword("on");
        var locations = ParseDirectiveLocations();
        return new DirectiveDefinitionNode(End(start), name, description, repeatable, arguments, locations);
    }

    /// <summary>
    /// DirectiveLocations :
    ///   - `|`? DirectiveLocation
    ///   - DirectiveLocations | DirectiveLocation
    /// </summary>
    private NameNode[] ParseDirectiveLocations()
    {
        ExpectOptionalToken(TokenKind.Pipe);
        var list = BeginList();
        do
        {
            Push(ParseDirectiveLocation());
        }
        while (ExpectOptionalToken(TokenKind.Pipe));
        return EndList<NameNode>(list);
    }

    /// <summary>DirectiveLocation : one of the executable or type system directive locations.</summary>
    private NameNode ParseDirectiveLocation()
    {
        var token = _lexer;
        var name = ParseName();
        if (DirectiveLocations.IsValid(name.Value))
        {
            return name;
        }
        throw Unexpected(in token);
    }
}

/// <summary>The directive locations of the spec.</summary>
public static class DirectiveLocations
{
    /// <summary>The executable directive locations.</summary>
    public static IReadOnlyList<string> Executable { get; } =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION",
    ];

    /// <summary>The type system directive locations.</summary>
    public static IReadOnlyList<string> TypeSystem { get; } =
    [
        "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    /// <summary>True when <paramref name="name"/> is a directive location of the spec.</summary>
    public static bool IsValid(string name) => name switch
    {
        "QUERY" or "MUTATION" or "SUBSCRIPTION" or "FIELD" or "FRAGMENT_DEFINITION" or "FRAGMENT_SPREAD" or "INLINE_FRAGMENT"
            or "VARIABLE_DEFINITION" or "SCHEMA" or "SCALAR" or "OBJECT" or "FIELD_DEFINITION" or "ARGUMENT_DEFINITION"
            or "INTERFACE" or "UNION" or "ENUM" or "ENUM_VALUE" or "INPUT_OBJECT" or "INPUT_FIELD_DEFINITION" => true,
        _ => false,
    };
}
