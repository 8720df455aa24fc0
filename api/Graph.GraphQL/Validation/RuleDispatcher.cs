using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation;

/// <summary>
/// Runs the visitors of all rules in one walk: each hook of the walker calls every visitor in rule order, so errors come
/// out in document order and, per node, in rule order (the reference implementation's visitInParallel). A visitor that
/// returns false from an <c>Enter*</c> method is skipped until the walk leaves that node; once every visitor skips a
/// subtree the walker does not descend into it at all.
/// </summary>
internal sealed class RuleDispatcher : DocumentWalker
{
    private readonly ValidationContext _context;
    private readonly ValidationVisitor[] _visitors;
    private readonly ISyntaxNode?[] _skipping;
    private int _active;

    public RuleDispatcher(ValidationContext context, ValidationVisitor[] visitors)
        : base(context.TypeInfo)
    {
        _context = context;
        _visitors = visitors;
        _skipping = new ISyntaxNode?[visitors.Length];
        _active = visitors.Length;
    }

    private void Skip(int index, ISyntaxNode node)
    {
        _skipping[index] = node;
        _active--;
    }

    private bool Descend(ISyntaxNode node)
    {
        if (_active > 0)
        {
            return true;
        }
        for (var i = 0; i < _skipping.Length; i++)
        {
            if (ReferenceEquals(_skipping[i], node))
            {
                _skipping[i] = null;
                _active++;
            }
        }
        return false;
    }

    private void Unskip(int index, ISyntaxNode node)
    {
        if (ReferenceEquals(_skipping[index], node))
        {
            _skipping[index] = null;
            _active++;
        }
    }

    protected override bool EnterDocument(DocumentNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterDocument(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveDocument(DocumentNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveDocument(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterOperationDefinition(OperationDefinitionNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterOperationDefinition(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveOperationDefinition(OperationDefinitionNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveOperationDefinition(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterFragmentDefinition(FragmentDefinitionNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterFragmentDefinition(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveFragmentDefinition(FragmentDefinitionNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveFragmentDefinition(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterTypeSystemNode(ISyntaxNode node)
    {
        var context = _context;
        if (node is ITypeSystemDefinitionNode or ITypeSystemExtensionNode)
        {
            context.TypeSystemDefinition = node;
        }
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterTypeSystemNode(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveTypeSystemNode(ISyntaxNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveTypeSystemNode(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
        if (node is ITypeSystemDefinitionNode or ITypeSystemExtensionNode)
        {
            context.TypeSystemDefinition = null;
        }
    }

    protected override bool EnterVariableDefinition(VariableDefinitionNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterVariableDefinition(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveVariableDefinition(VariableDefinitionNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveVariableDefinition(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterSelectionSet(SelectionSetNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterSelectionSet(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveSelectionSet(SelectionSetNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveSelectionSet(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterField(FieldNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterField(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveField(FieldNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveField(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterFragmentSpread(FragmentSpreadNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterFragmentSpread(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveFragmentSpread(FragmentSpreadNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveFragmentSpread(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterInlineFragment(InlineFragmentNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterInlineFragment(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveInlineFragment(InlineFragmentNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveInlineFragment(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterArgument(ArgumentNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterArgument(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveArgument(ArgumentNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveArgument(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterDirective(DirectiveNode node, ISyntaxNode parent)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterDirective(context, node, parent))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveDirective(DirectiveNode node, ISyntaxNode parent)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveDirective(context, node, parent);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterListValue(ListValueNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterListValue(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveListValue(ListValueNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveListValue(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterObjectValue(ObjectValueNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterObjectValue(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveObjectValue(ObjectValueNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveObjectValue(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override bool EnterObjectField(ObjectFieldNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && !visitors[i].EnterObjectField(context, node))
            {
                Skip(i, node);
            }
        }
        return Descend(node);
    }

    protected override void LeaveObjectField(ObjectFieldNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].LeaveObjectField(context, node);
            }
            else
            {
                Unskip(i, node);
            }
        }
    }

    protected override void EnterVariable(VariableNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].EnterVariable(context, node);
            }
        }
    }

    protected override void EnterNamedType(NamedTypeNode node, ISyntaxNode parent)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].EnterNamedType(context, node, parent);
            }
        }
    }

    protected override void EnterScalarValue(IValueNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].EnterScalarValue(context, node);
            }
        }
    }

    protected override void EnterNullValue(NullValueNode node)
    {
        var context = _context;
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].EnterNullValue(context, node);
            }
        }
    }
}
