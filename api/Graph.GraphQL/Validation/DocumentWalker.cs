using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation;

/// <summary>
/// Walks a document depth-first in source order, keeping a <see cref="Validation.TypeInfo"/> up to date, and calls a typed
/// hook per node (no enumerators, no per-node allocation). A hook returning false skips the node's children. Type system
/// definitions and extensions (which make a document not executable) are walked too, as the reference implementation's
/// validation does: their directives, directive arguments, named types and default values, in its order (for a field
/// definition: arguments, type, directives; for an argument or input field: type, default value, directives).
/// </summary>
internal abstract class DocumentWalker
{
    protected DocumentWalker(TypeInfo typeInfo)
    {
        TypeInfo = typeInfo;
    }

    protected TypeInfo TypeInfo { get; }

    public void WalkDocument(DocumentNode document)
    {
        if (EnterDocument(document))
        {
            var definitions = document.Definitions;
            for (var i = 0; i < definitions.Count; i++)
            {
                switch (definitions[i])
                {
                    case OperationDefinitionNode operation:
                        WalkOperation(operation);
                        break;
                    case FragmentDefinitionNode fragment:
                        WalkFragment(fragment);
                        break;
                    default:
                        WalkTypeSystemDefinition(definitions[i]);
                        break;
                }
            }
            LeaveDocument(document);
        }
    }

    public void WalkOperation(OperationDefinitionNode node)
    {
        TypeInfo.EnterOperationDefinition(node);
        if (EnterOperationDefinition(node))
        {
            var variables = node.VariableDefinitions;
            for (var i = 0; i < variables.Count; i++)
            {
                WalkVariableDefinition(variables[i]);
            }
            WalkDirectives(node.Directives, node);
            WalkSelectionSet(node.SelectionSet);
            LeaveOperationDefinition(node);
        }
        TypeInfo.LeaveOutputType();
    }

    public void WalkFragment(FragmentDefinitionNode node)
    {
        TypeInfo.EnterTypeCondition(node.TypeCondition);
        if (EnterFragmentDefinition(node))
        {
            EnterNamedType(node.TypeCondition, node);
            WalkDirectives(node.Directives, node);
            WalkSelectionSet(node.SelectionSet);
            LeaveFragmentDefinition(node);
        }
        TypeInfo.LeaveOutputType();
    }

    private void WalkTypeSystemDefinition(IDefinitionNode node)
    {
        if (!EnterTypeSystemNode(node))
        {
            return;
        }
        switch (node)
        {
            case SchemaDefinitionNode schema:
                WalkDirectives(schema.Directives, schema);
                WalkOperationTypes(schema.OperationTypes);
                break;
            case SchemaExtensionNode schema:
                WalkDirectives(schema.Directives, schema);
                WalkOperationTypes(schema.OperationTypes);
                break;
            case IComplexTypeNode complex:
                var interfaces = complex.Interfaces;
                for (var i = 0; i < interfaces.Count; i++)
                {
                    EnterNamedType(interfaces[i], complex);
                }
                WalkDirectives(complex.Directives, complex);
                var fields = complex.Fields;
                for (var i = 0; i < fields.Count; i++)
                {
                    WalkFieldDefinition(fields[i]);
                }
                break;
            case UnionTypeDefinitionNode union:
                WalkDirectives(union.Directives, union);
                WalkNamedTypes(union.Types, union);
                break;
            case UnionTypeExtensionNode union:
                WalkDirectives(union.Directives, union);
                WalkNamedTypes(union.Types, union);
                break;
            case EnumTypeDefinitionNode enumType:
                WalkDirectives(enumType.Directives, enumType);
                WalkEnumValues(enumType.Values);
                break;
            case EnumTypeExtensionNode enumType:
                WalkDirectives(enumType.Directives, enumType);
                WalkEnumValues(enumType.Values);
                break;
            case InputObjectTypeDefinitionNode input:
                WalkDirectives(input.Directives, input);
                WalkInputValueDefinitions(input.Fields);
                break;
            case InputObjectTypeExtensionNode input:
                WalkDirectives(input.Directives, input);
                WalkInputValueDefinitions(input.Fields);
                break;
            case DirectiveDefinitionNode directive:
                WalkInputValueDefinitions(directive.Arguments);
                break;
            case IHasDirectives scalar:
                WalkDirectives(scalar.Directives, scalar);
                break;
        }
        LeaveTypeSystemNode(node);
    }

    private void WalkOperationTypes(IReadOnlyList<OperationTypeDefinitionNode> operationTypes)
    {
        for (var i = 0; i < operationTypes.Count; i++)
        {
            EnterNamedType(operationTypes[i].Type, operationTypes[i]);
        }
    }

    private void WalkNamedTypes(IReadOnlyList<NamedTypeNode> types, ISyntaxNode parent)
    {
        for (var i = 0; i < types.Count; i++)
        {
            EnterNamedType(types[i], parent);
        }
    }

    private void WalkFieldDefinition(FieldDefinitionNode node)
    {
        if (EnterTypeSystemNode(node))
        {
            WalkInputValueDefinitions(node.Arguments);
            WalkTypeReference(node.Type, node);
            WalkDirectives(node.Directives, node);
            LeaveTypeSystemNode(node);
        }
    }

    private void WalkInputValueDefinitions(IReadOnlyList<InputValueDefinitionNode> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var node = values[i];
            if (EnterTypeSystemNode(node))
            {
                WalkTypeReference(node.Type, node);
                if (node.DefaultValue is not null)
                {
                    WalkValue(node.DefaultValue);
                }
                WalkDirectives(node.Directives, node);
                LeaveTypeSystemNode(node);
            }
        }
    }

    private void WalkEnumValues(IReadOnlyList<EnumValueDefinitionNode> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var node = values[i];
            if (EnterTypeSystemNode(node))
            {
                WalkDirectives(node.Directives, node);
                LeaveTypeSystemNode(node);
            }
        }
    }

    private void WalkVariableDefinition(VariableDefinitionNode node)
    {
        TypeInfo.EnterVariableDefinition(node);
        if (EnterVariableDefinition(node))
        {
            EnterVariable(node.Variable);
            WalkTypeReference(node.Type, node);
            if (node.DefaultValue is not null)
            {
                WalkValue(node.DefaultValue);
            }
            WalkDirectives(node.Directives, node);
            LeaveVariableDefinition(node);
        }
        TypeInfo.LeaveVariableDefinition();
    }

    private void WalkTypeReference(ITypeNode type, ISyntaxNode parent)
    {
        while (true)
        {
            switch (type)
            {
                case NamedTypeNode named:
                    EnterNamedType(named, parent);
                    return;
                case ListTypeNode list:
                    type = list.Type;
                    break;
                case NonNullTypeNode nonNull:
                    type = nonNull.Type;
                    break;
                default:
                    return;
            }
        }
    }

    private void WalkSelectionSet(SelectionSetNode node)
    {
        TypeInfo.EnterSelectionSet();
        if (EnterSelectionSet(node))
        {
            var selections = node.Selections;
            for (var i = 0; i < selections.Count; i++)
            {
                switch (selections[i])
                {
                    case FieldNode field:
                        WalkField(field);
                        break;
                    case FragmentSpreadNode spread:
                        if (EnterFragmentSpread(spread))
                        {
                            WalkDirectives(spread.Directives, spread);
                            LeaveFragmentSpread(spread);
                        }
                        break;
                    case InlineFragmentNode inline:
                        WalkInlineFragment(inline);
                        break;
                }
            }
            LeaveSelectionSet(node);
        }
        TypeInfo.LeaveSelectionSet();
    }

    private void WalkField(FieldNode node)
    {
        TypeInfo.EnterField(node);
        if (EnterField(node))
        {
            WalkArguments(node.Arguments);
            WalkDirectives(node.Directives, node);
            if (node.SelectionSet is not null)
            {
                WalkSelectionSet(node.SelectionSet);
            }
            LeaveField(node);
        }
        TypeInfo.LeaveField();
    }

    private void WalkInlineFragment(InlineFragmentNode node)
    {
        TypeInfo.EnterTypeCondition(node.TypeCondition);
        if (EnterInlineFragment(node))
        {
            if (node.TypeCondition is not null)
            {
                EnterNamedType(node.TypeCondition, node);
            }
            WalkDirectives(node.Directives, node);
            WalkSelectionSet(node.SelectionSet);
            LeaveInlineFragment(node);
        }
        TypeInfo.LeaveOutputType();
    }

    private void WalkDirectives(IReadOnlyList<DirectiveNode> directives, ISyntaxNode parent)
    {
        for (var i = 0; i < directives.Count; i++)
        {
            var directive = directives[i];
            TypeInfo.EnterDirective(directive);
            if (EnterDirective(directive, parent))
            {
                WalkArguments(directive.Arguments);
                LeaveDirective(directive, parent);
            }
            TypeInfo.LeaveDirective();
        }
    }

    private void WalkArguments(IReadOnlyList<ArgumentNode> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            TypeInfo.EnterArgument(argument);
            if (EnterArgument(argument))
            {
                WalkValue(argument.Value);
                LeaveArgument(argument);
            }
            TypeInfo.LeaveArgument();
        }
    }

    private void WalkValue(IValueNode value)
    {
        switch (value)
        {
            case VariableNode variable:
                EnterVariable(variable);
                return;
            case NullValueNode nullValue:
                EnterNullValue(nullValue);
                return;
            case ListValueNode list:
                TypeInfo.EnterListValue();
                if (EnterListValue(list))
                {
                    var items = list.Items;
                    for (var i = 0; i < items.Count; i++)
                    {
                        WalkValue(items[i]);
                    }
                    LeaveListValue(list);
                }
                TypeInfo.LeaveInputValue();
                return;
            case ObjectValueNode obj:
                if (EnterObjectValue(obj))
                {
                    var fields = obj.Fields;
                    for (var i = 0; i < fields.Count; i++)
                    {
                        var field = fields[i];
                        TypeInfo.EnterObjectField(field);
                        if (EnterObjectField(field))
                        {
                            WalkValue(field.Value);
                            LeaveObjectField(field);
                        }
                        TypeInfo.LeaveInputValue();
                    }
                    LeaveObjectValue(obj);
                }
                return;
            default:
                EnterScalarValue(value);
                return;
        }
    }

    protected virtual bool EnterDocument(DocumentNode node) => true;

    protected virtual void LeaveDocument(DocumentNode node)
    {
    }

    protected virtual bool EnterOperationDefinition(OperationDefinitionNode node) => true;

    protected virtual void LeaveOperationDefinition(OperationDefinitionNode node)
    {
    }

    protected virtual bool EnterFragmentDefinition(FragmentDefinitionNode node) => true;

    protected virtual void LeaveFragmentDefinition(FragmentDefinitionNode node)
    {
    }

    /// <summary>
    /// A type system definition or extension, or one of its field, argument, input field or enum value definitions
    /// (<see cref="WalkDocument"/> walks them as the reference implementation's validation does).
    /// </summary>
    protected virtual bool EnterTypeSystemNode(ISyntaxNode node) => true;

    protected virtual void LeaveTypeSystemNode(ISyntaxNode node)
    {
    }

    protected virtual bool EnterVariableDefinition(VariableDefinitionNode node) => true;

    protected virtual void LeaveVariableDefinition(VariableDefinitionNode node)
    {
    }

    protected virtual void EnterVariable(VariableNode node)
    {
    }

    protected virtual bool EnterSelectionSet(SelectionSetNode node) => true;

    protected virtual void LeaveSelectionSet(SelectionSetNode node)
    {
    }

    protected virtual bool EnterField(FieldNode node) => true;

    protected virtual void LeaveField(FieldNode node)
    {
    }

    protected virtual bool EnterFragmentSpread(FragmentSpreadNode node) => true;

    protected virtual void LeaveFragmentSpread(FragmentSpreadNode node)
    {
    }

    protected virtual bool EnterInlineFragment(InlineFragmentNode node) => true;

    protected virtual void LeaveInlineFragment(InlineFragmentNode node)
    {
    }

    protected virtual bool EnterArgument(ArgumentNode node) => true;

    protected virtual void LeaveArgument(ArgumentNode node)
    {
    }

    protected virtual bool EnterDirective(DirectiveNode node, ISyntaxNode parent) => true;

    protected virtual void LeaveDirective(DirectiveNode node, ISyntaxNode parent)
    {
    }

    protected virtual void EnterNamedType(NamedTypeNode node, ISyntaxNode parent)
    {
    }

    protected virtual bool EnterListValue(ListValueNode node) => true;

    protected virtual void LeaveListValue(ListValueNode node)
    {
    }

    protected virtual bool EnterObjectValue(ObjectValueNode node) => true;

    protected virtual void LeaveObjectValue(ObjectValueNode node)
    {
    }

    protected virtual bool EnterObjectField(ObjectFieldNode node) => true;

    protected virtual void LeaveObjectField(ObjectFieldNode node)
    {
    }

    protected virtual void EnterScalarValue(IValueNode node)
    {
    }

    protected virtual void EnterNullValue(NullValueNode node)
    {
    }
}
