namespace Graph.GraphQL.Language;

public ref partial struct Parser
{
    /// <summary>
    /// TypeSystemExtension :
    ///   - SchemaExtension
    ///   - TypeExtension (scalar, type, interface, union, enum, input)
    /// </summary>
    private IDefinitionNode ParseTypeSystemExtension()
    {
        var keyword = Lookahead();
        if (keyword.Kind == TokenKind.Name)
        {
            switch (keyword.Text)
            {
                case "schema":
                    return ParseSchemaExtension();
                case "scalar":
                    return ParseScalarTypeExtension();
                case "type":
                    return ParseObjectTypeExtension();
                case "interface":
                    return ParseInterfaceTypeExtension();
                case "union":
                    return ParseUnionTypeExtension();
                case "enum":
                    return ParseEnumTypeExtension();
                case "input":
                    return ParseInputObjectTypeExtension();
            }
        }
        throw Unexpected(in keyword);
    }

    /// <summary>
    /// SchemaExtension :
    ///   - extend schema Directives[Const]? { RootOperationTypeDefinition+ }
    ///   - extend schema Directives[Const]
    /// </summary>
    private SchemaExtensionNode ParseSchemaExtension()
    {
        var start = Begin();
        ExpectKeyword("extend");
        ExpectKeyword("schema");
        var directives = ParseDirectives(isConst: true);
        OperationTypeDefinitionNode[] operationTypes = [];
        if (ExpectOptionalToken(TokenKind.LeftBrace))
        {
            var list = BeginList();
            do
            {
                Push(ParseOperationTypeDefinition());
            }
            while (!ExpectOptionalToken(TokenKind.RightBrace));
            operationTypes = EndList<OperationTypeDefinitionNode>(list);
        }
        if (directives.Length == 0 && operationTypes.Length == 0)
        {
            throw Unexpected();
        }
        return new SchemaExtensionNode(End(start), directives, operationTypes);
    }

    /// <summary>ScalarTypeExtension : extend scalar Name Directives[Const]</summary>
    private ScalarTypeExtensionNode ParseScalarTypeExtension()
    {
        var start = Begin();
        ExpectKeyword("extend");
        ExpectKeyword("scalar");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        if (directives.Length == 0)
        {
            throw Unexpected();
        }
        return new ScalarTypeExtensionNode(End(start), name, directives);
    }

    /// <summary>
    /// ObjectTypeExtension :
    ///   - extend type Name ImplementsInterfaces? Directives[Const]? FieldsDefinition
    ///   - extend type Name ImplementsInterfaces? Directives[Const]
    ///   - extend type Name ImplementsInterfaces
    /// </summary>
    private ObjectTypeExtensionNode ParseObjectTypeExtension()
    {
        var start = Begin();
        ExpectKeyword("extend");
        ExpectKeyword("type");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        if (interfaces.Length == 0 && directives.Length == 0 && fields.Length == 0)
        {
            throw Unexpected();
        }
        return new ObjectTypeExtensionNode(End(start), name, directives, interfaces, fields);
    }

    /// <summary>
    /// InterfaceTypeExtension :
    ///   - extend interface Name ImplementsInterfaces? Directives[Const]? FieldsDefinition
    ///   - extend interface Name ImplementsInterfaces? Directives[Const]
    ///   - extend interface Name ImplementsInterfaces
    /// </summary>
    private InterfaceTypeExtensionNode ParseInterfaceTypeExtension()
    {
        var start = Begin();
        ExpectKeyword("extend");
        ExpectKeyword("interface");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseFieldsDefinition();
        if (interfaces.Length == 0 && directives.Length == 0 && fields.Length == 0)
        {
            throw Unexpected();
        }
        return new InterfaceTypeExtensionNode(End(start), name, directives, interfaces, fields);
    }

    /// <summary>
    /// UnionTypeExtension :
    ///   - extend union Name Directives[Const]? UnionMemberTypes
    ///   - extend union Name Directives[Const]
    /// </summary>
    private UnionTypeExtensionNode ParseUnionTypeExtension()
    {
        var start = Begin();
        ExpectKeyword("extend");
        ExpectKeyword("union");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var types = ParseUnionMemberTypes();
        if (directives.Length == 0 && types.Length == 0)
        {
            throw Unexpected();
        }
        return new UnionTypeExtensionNode(End(start), name, directives, types);
    }

    /// <summary>
    /// EnumTypeExtension :
    ///   - extend enum Name Directives[Const]? EnumValuesDefinition
    ///   - extend enum Name Directives[Const]
    /// </summary>
    private EnumTypeExtensionNode ParseEnumTypeExtension()
    {
        var start = Begin();
        ExpectKeyword("extend");
        ExpectKeyword("enum");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var values = ParseEnumValuesDefinition();
        if (directives.Length == 0 && values.Length == 0)
        {
            throw Unexpected();
        }
        return new EnumTypeExtensionNode(End(start), name, directives, values);
    }

    /// <summary>
    /// InputObjectTypeExtension :
    ///   - extend input Name Directives[Const]? InputFieldsDefinition
    ///   - extend input Name Directives[Const]
    /// </summary>
    private InputObjectTypeExtensionNode ParseInputObjectTypeExtension()
    {
        var start = Begin();
        ExpectKeyword("extend");
        ExpectKeyword("input");
        var name = ParseName();
        var directives = ParseDirectives(isConst: true);
        var fields = ParseInputFieldsDefinition();
        if (directives.Length == 0 && fields.Length == 0)
        {
            throw Unexpected();
        }
        return new InputObjectTypeExtensionNode(End(start), name, directives, fields);
    }
}
