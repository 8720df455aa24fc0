using System.Text;

namespace Graph.GraphQL.Language;

/// <summary>
/// Writes nodes into a <see cref="StringBuilder"/>. Every line break written while indented is
/// followed by the indentation, including line breaks inside block strings, as the reference
/// printer does.
/// </summary>
internal sealed class PrintWriter(StringBuilder builder)
{
    private const int MaxLineLength = 80;

    private readonly StringBuilder _builder = builder;
    private int _indent;

    public void Visit(ISyntaxNode node)
    {
        switch (node)
        {
            case NameNode n:
                Write(n.Value);
                break;
            case DocumentNode n:
                VisitDocument(n);
                break;
            case OperationDefinitionNode n:
                VisitOperationDefinition(n);
                break;
            case VariableDefinitionNode n:
                VisitVariableDefinition(n);
                break;
            case VariableNode n:
                Write('$');
                Write(n.Name.Value);
                break;
            case SelectionSetNode n:
                VisitBlock(n.Selections);
                break;
            case FieldNode n:
                VisitField(n);
                break;
            case ArgumentNode n:
                Write(n.Name.Value);
                Write(": ");
                Visit(n.Value);
                break;
            case FragmentSpreadNode n:
                Write("...");
                Write(n.Name.Value);
                VisitDirectives(n.Directives, leadingSpace: true);
                break;
            case InlineFragmentNode n:
                VisitInlineFragment(n);
                break;
            case FragmentDefinitionNode n:
                VisitFragmentDefinition(n);
                break;
            case IntValueNode n:
                Write(n.Value);
                break;
            case FloatValueNode n:
                Write(n.Value);
                break;
            case StringValueNode n:
                VisitString(n);
                break;
            case BooleanValueNode n:
                Write(n.Value ? "true" : "false");
                break;
            case NullValueNode:
                Write("null");
                break;
            case EnumValueNode n:
                Write(n.Value);
                break;
            case ListValueNode n:
                Write('[');
                VisitList(n.Items, ", ");
                Write(']');
                break;
            case ObjectValueNode n:
                Write('{');
                VisitList(n.Fields, ", ");
                Write('}');
                break;
            case ObjectFieldNode n:
                Write(n.Name.Value);
                Write(": ");
                Visit(n.Value);
                break;
            case DirectiveNode n:
                Write('@');
                Write(n.Name.Value);
                VisitInlineArguments(n.Arguments);
                break;
            case NamedTypeNode n:
                Write(n.Name.Value);
                break;
            case ListTypeNode n:
                Write('[');
                Visit(n.Type);
                Write(']');
                break;
            case NonNullTypeNode n:
                Visit(n.Type);
                Write('!');
                break;
            case SchemaDefinitionNode n:
                VisitDescription(n.Description);
                Write("schema");
                VisitDirectives(n.Directives, leadingSpace: true);
                VisitBlockAfterSpace(n.OperationTypes);
                break;
            case OperationTypeDefinitionNode n:
                Write(n.Operation.ToKeyword());
                Write(": ");
                Visit(n.Type);
                break;
            case ScalarTypeDefinitionNode n:
                VisitDescription(n.Description);
                Write("scalar ");
                Write(n.Name.Value);
                VisitDirectives(n.Directives, leadingSpace: true);
                break;
            case ObjectTypeDefinitionNode n:
                VisitDescription(n.Description);
                VisitComplexType("type ", n);
                break;
            case FieldDefinitionNode n:
                VisitFieldDefinition(n);
                break;
            case InputValueDefinitionNode n:
                VisitInputValueDefinition(n);
                break;
            case InterfaceTypeDefinitionNode n:
                VisitDescription(n.Description);
                VisitComplexType("interface ", n);
                break;
            case UnionTypeDefinitionNode n:
                VisitDescription(n.Description);
                VisitUnion("union ", n.Name, n.Directives, n.Types);
                break;
            case EnumTypeDefinitionNode n:
                VisitDescription(n.Description);
                Write("enum ");
                Write(n.Name.Value);
                VisitDirectives(n.Directives, leadingSpace: true);
                VisitBlockAfterSpace(n.Values);
                break;
            case EnumValueDefinitionNode n:
                VisitDescription(n.Description);
                Write(n.Name.Value);
                VisitDirectives(n.Directives, leadingSpace: true);
                break;
            case InputObjectTypeDefinitionNode n:
                VisitDescription(n.Description);
                Write("input ");
                Write(n.Name.Value);
                VisitDirectives(n.Directives, leadingSpace: true);
                VisitBlockAfterSpace(n.Fields);
                break;
            case DirectiveDefinitionNode n:
                VisitDirectiveDefinition(n);
                break;
            case SchemaExtensionNode n:
                Write("extend schema");
                VisitDirectives(n.Directives, leadingSpace: true);
                VisitBlockAfterSpace(n.OperationTypes);
                break;
            case ScalarTypeExtensionNode n:
                Write("extend scalar ");
                Write(n.Name.Value);
                VisitDirectives(n.Directives, leadingSpace: true);
                break;
            case ObjectTypeExtensionNode n:
                VisitComplexType("extend type ", n);
                break;
            case InterfaceTypeExtensionNode n:
                VisitComplexType("extend interface ", n);
                break;
            case UnionTypeExtensionNode n:
                VisitUnion("extend union ", n.Name, n.Directives, n.Types);
                break;
            case EnumTypeExtensionNode n:
                Write("extend enum ");
                Write(n.Name.Value);
                VisitDirectives(n.Directives, leadingSpace: true);
                VisitBlockAfterSpace(n.Values);
                break;
            case InputObjectTypeExtensionNode n:
                Write("extend input ");
                Write(n.Name.Value);
                VisitDirectives(n.Directives, leadingSpace: true);
                VisitBlockAfterSpace(n.Fields);
                break;
            case TypeCoordinateNode n:
                Write(n.Name.Value);
                break;
            case MemberCoordinateNode n:
                Write(n.Name.Value);
                Write('.');
                Write(n.MemberName.Value);
                break;
            case ArgumentCoordinateNode n:
                Write(n.Name.Value);
                Write('.');
                Write(n.FieldName.Value);
                Write('(');
                Write(n.ArgumentName.Value);
                Write(":)");
                break;
            case DirectiveCoordinateNode n:
                Write('@');
                Write(n.Name.Value);
                break;
            case DirectiveArgumentCoordinateNode n:
                Write('@');
                Write(n.Name.Value);
                Write('(');
                Write(n.ArgumentName.Value);
                Write(":)");
                break;
            default:
                throw new ArgumentException($"Cannot print a node of type {node.GetType().Name}.", nameof(node));
        }
    }

    private void VisitDocument(DocumentNode node)
    {
        for (var i = 0; i < node.Definitions.Count; i++)
        {
            if (i > 0)
            {
                Write("\n\n");
            }
            Visit(node.Definitions[i]);
        }
    }

    private void VisitOperationDefinition(OperationDefinitionNode node)
    {
        var isShorthand = node.Description is null
            && node.Operation == OperationType.Query
            && node.Name is null
            && node.VariableDefinitions.Count == 0
            && node.Directives.Count == 0;
        if (!isShorthand)
        {
            VisitDescription(node.Description);
            Write(node.Operation.ToKeyword());
            if (node.Name is not null || node.VariableDefinitions.Count > 0)
            {
                Write(' ');
                if (node.Name is not null)
                {
                    Write(node.Name.Value);
                }
                VisitVariableDefinitions(node.VariableDefinitions);
            }
            VisitDirectives(node.Directives, leadingSpace: true);
            Write(' ');
        }
        Visit(node.SelectionSet);
    }

    private void VisitVariableDefinitions(IReadOnlyList<VariableDefinitionNode> definitions)
    {
        if (definitions.Count == 0)
        {
            return;
        }

        // When any definition spans several lines (a description always does), they go one per
        // line, without indentation.
        var printed = PrintedList.Create(definitions);
        Write('(');
        for (var i = 0; i < printed.Count; i++)
        {
            if (printed.HasLineBreak)
            {
                Write('\n');
            }
            else if (i > 0)
            {
                Write(", ");
            }
            Write(printed[i]);
        }
        if (printed.HasLineBreak)
        {
            Write('\n');
        }
        Write(')');
    }

    private void VisitVariableDefinition(VariableDefinitionNode node)
    {
        VisitDescription(node.Description);
        Visit(node.Variable);
        Write(": ");
        Visit(node.Type);
        if (node.DefaultValue is not null)
        {
            Write(" = ");
            Visit(node.DefaultValue);
        }
        VisitDirectives(node.Directives, leadingSpace: true);
    }

    private void VisitField(FieldNode node)
    {
        var prefixLength = node.Name.Value.Length;
        if (node.Alias is not null)
        {
            Write(node.Alias.Value);
            Write(": ");
            prefixLength += node.Alias.Value.Length + 2;
        }
        Write(node.Name.Value);

        if (node.Arguments.Count > 0)
        {
            var printed = PrintedList.Create(node.Arguments);
            var lineLength = prefixLength + 2 + (2 * (printed.Count - 1)) + printed.TotalLength;
            if (lineLength > MaxLineLength)
            {
                WriteIndentedLines(printed);
            }
            else
            {
                WriteInline(printed);
            }
        }

        VisitDirectives(node.Directives, leadingSpace: true);
        if (node.SelectionSet is { Selections.Count: > 0 })
        {
            Write(' ');
            Visit(node.SelectionSet);
        }
    }

    private void VisitInlineFragment(InlineFragmentNode node)
    {
        Write("...");
        if (node.TypeCondition is not null)
        {
            Write(" on ");
            Write(node.TypeCondition.Name.Value);
        }
        VisitDirectives(node.Directives, leadingSpace: true);
        if (node.SelectionSet.Selections.Count > 0)
        {
            Write(' ');
            Visit(node.SelectionSet);
        }
    }

    private void VisitFragmentDefinition(FragmentDefinitionNode node)
    {
        VisitDescription(node.Description);
        Write("fragment ");
        Write(node.Name.Value);
        Write(" on ");
        Write(node.TypeCondition.Name.Value);
        Write(' ');
        if (node.Directives.Count > 0)
        {
            VisitDirectives(node.Directives, leadingSpace: false);
            Write(' ');
        }
        Visit(node.SelectionSet);
    }

    private void VisitString(StringValueNode node)
    {
        if (node.Block)
        {
            var builder = StringBuilderPool.Rent();
            try
            {
                BlockString.AppendPrinted(builder, node.Value);
                Write(builder);
            }
            finally
            {
                StringBuilderPool.Return(builder);
            }
        }
        else
        {
            Printer.AppendString(_builder, node.Value);
        }
    }

    private void VisitComplexType(string keyword, IComplexTypeNode node)
    {
        Write(keyword);
        Write(node.Name.Value);
        if (node.Interfaces.Count > 0)
        {
            Write(" implements ");
            for (var i = 0; i < node.Interfaces.Count; i++)
            {
                if (i > 0)
                {
                    Write(" & ");
                }
                Write(node.Interfaces[i].Name.Value);
            }
        }
        VisitDirectives(node.Directives, leadingSpace: true);
        VisitBlockAfterSpace(node.Fields);
    }

    private void VisitUnion(string keyword, NameNode name, IReadOnlyList<DirectiveNode> directives, IReadOnlyList<NamedTypeNode> types)
    {
        Write(keyword);
        Write(name.Value);
        VisitDirectives(directives, leadingSpace: true);
        if (types.Count > 0)
        {
            Write(" = ");
            for (var i = 0; i < types.Count; i++)
            {
                if (i > 0)
                {
                    Write(" | ");
                }
                Write(types[i].Name.Value);
            }
        }
    }

    private void VisitFieldDefinition(FieldDefinitionNode node)
    {
        VisitDescription(node.Description);
        Write(node.Name.Value);
        VisitArgumentDefinitions(node.Arguments);
        Write(": ");
        Visit(node.Type);
        VisitDirectives(node.Directives, leadingSpace: true);
    }

    private void VisitInputValueDefinition(InputValueDefinitionNode node)
    {
        VisitDescription(node.Description);
        Write(node.Name.Value);
        Write(": ");
        Visit(node.Type);
        if (node.DefaultValue is not null)
        {
            Write(" = ");
            Visit(node.DefaultValue);
        }
        VisitDirectives(node.Directives, leadingSpace: true);
    }

    private void VisitDirectiveDefinition(DirectiveDefinitionNode node)
    {
        VisitDescription(node.Description);
        Write("directive @");
        Write(node.Name.Value);
        VisitArgumentDefinitions(node.Arguments);
        if (node.IsRepeatable)
        {
            Write(" repeatable");
        }
        Write(" on ");
        for (var i = 0; i < node.Locations.Count; i++)
        {
            if (i > 0)
            {
                Write(" | ");
            }
            Write(node.Locations[i].Value);
        }
    }

    /// <summary>Argument definitions go one per line when any of them spans several lines (e.g. has a description).</summary>
    private void VisitArgumentDefinitions(IReadOnlyList<InputValueDefinitionNode> arguments)
    {
        if (arguments.Count == 0)
        {
            return;
        }

        var printed = PrintedList.Create(arguments);
        if (printed.HasLineBreak)
        {
            WriteIndentedLines(printed);
        }
        else
        {
            WriteInline(printed);
        }
    }

    private void VisitDescription(StringValueNode? description)
    {
        if (description is not null)
        {
            VisitString(description);
            Write('\n');
        }
    }

    private void VisitDirectives(IReadOnlyList<DirectiveNode> directives, bool leadingSpace)
    {
        for (var i = 0; i < directives.Count; i++)
        {
            if (i > 0 || leadingSpace)
            {
                Write(' ');
            }
            Visit(directives[i]);
        }
    }

    private void VisitInlineArguments(IReadOnlyList<ArgumentNode> arguments)
    {
        if (arguments.Count == 0)
        {
            return;
        }
        Write('(');
        VisitList(arguments, ", ");
        Write(')');
    }

    private void VisitList<T>(IReadOnlyList<T> items, string separator)
        where T : ISyntaxNode
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                Write(separator);
            }
            Visit(items[i]);
        }
    }

    /// <summary>A <c>{ }</c> block with one item per line, indented; nothing at all when there are no items.</summary>
    private void VisitBlock<T>(IReadOnlyList<T> items)
        where T : ISyntaxNode
    {
        if (items.Count == 0)
        {
            return;
        }
        Write('{');
        _indent++;
        for (var i = 0; i < items.Count; i++)
        {
            Write('\n');
            Visit(items[i]);
        }
        _indent--;
        Write('\n');
        Write('}');
    }

    private void VisitBlockAfterSpace<T>(IReadOnlyList<T> items)
        where T : ISyntaxNode
    {
        if (items.Count > 0)
        {
            Write(' ');
            VisitBlock(items);
        }
    }

    // ---- separately printed items (measured before they are laid out) ------------------

    private void WriteInline(in PrintedList printed)
    {
        Write('(');
        for (var i = 0; i < printed.Count; i++)
        {
            if (i > 0)
            {
                Write(", ");
            }
            Write(printed[i]);
        }
        Write(')');
    }

    private void WriteIndentedLines(in PrintedList printed)
    {
        Write('(');
        _indent++;
        for (var i = 0; i < printed.Count; i++)
        {
            Write('\n');
            Write(printed[i]);
        }
        _indent--;
        Write('\n');
        Write(')');
    }

    /// <summary>
    /// Items printed on their own, without indentation, so that the layout can depend on their
    /// length or on whether they span several lines. One string holds all of them.
    /// </summary>
    private readonly struct PrintedList
    {
        private readonly string _text;
        private readonly int[] _ends;

        private PrintedList(string text, int[] ends, bool hasLineBreak)
        {
            _text = text;
            _ends = ends;
            HasLineBreak = hasLineBreak;
        }

        public int Count => _ends.Length;

        public int TotalLength => _text.Length;

        public bool HasLineBreak { get; }

        public ReadOnlySpan<char> this[int index] =>
            _text.AsSpan()[(index == 0 ? 0 : _ends[index - 1]).._ends[index]];

        public static PrintedList Create<T>(IReadOnlyList<T> items)
            where T : ISyntaxNode
        {
            var ends = new int[items.Count];
            var builder = StringBuilderPool.Rent();
            try
            {
                var writer = new PrintWriter(builder);
                for (var i = 0; i < items.Count; i++)
                {
                    writer.Visit(items[i]);
                    ends[i] = builder.Length;
                }
                var text = builder.ToString();
                return new PrintedList(text, ends, text.Contains('\n', StringComparison.Ordinal));
            }
            finally
            {
                StringBuilderPool.Return(builder);
            }
        }
    }

    // ---- raw output --------------------------------------------------------------------

    private void Write(char c)
    {
        _builder.Append(c);
        if (c == '\n')
        {
            _builder.Append(' ', _indent * 2);
        }
    }

    private void Write(string text)
    {
        if (_indent == 0 || !text.Contains('\n', StringComparison.Ordinal))
        {
            _builder.Append(text);
            return;
        }
        foreach (var c in text)
        {
            Write(c);
        }
    }

    private void Write(ReadOnlySpan<char> text)
    {
        if (_indent == 0 || text.IndexOf('\n') < 0)
        {
            _builder.Append(text);
            return;
        }
        foreach (var c in text)
        {
            Write(c);
        }
    }

    private void Write(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                Write(c);
            }
        }
    }
}
