using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation;

/// <summary>
/// The state of one validation run shared by all rules: the schema, the document, the current <see cref="TypeInfo"/>, the
/// fragments by name, cached fragment spreads and variable usages, and the error list with its limit.
/// </summary>
public sealed class ValidationContext
{
    private readonly List<GraphQLError> _errors = [];
    private readonly int _maxErrors;
    private Dictionary<string, FragmentDefinitionNode>? _fragments;
    private Dictionary<SelectionSetNode, IReadOnlyList<FragmentSpreadNode>>? _fragmentSpreads;
    private Dictionary<OperationDefinitionNode, IReadOnlyList<FragmentDefinitionNode>>? _recursivelyReferencedFragments;
    private Dictionary<IExecutableDefinitionNode, IReadOnlyList<VariableUsage>>? _variableUsages;
    private Dictionary<OperationDefinitionNode, IReadOnlyList<VariableUsage>>? _recursiveVariableUsages;
    private VariableUsageCollector? _usageCollector;
    private static readonly Dictionary<string, DirectiveDefinitionNode> NoDirectives = new(0, StringComparer.Ordinal);
    private Dictionary<string, DirectiveDefinitionNode>? _documentDirectives;
    private HashSet<string>? _documentTypes;

    /// <summary>Creates the context of one validation of <paramref name="document"/> against <paramref name="schema"/>.</summary>
    public ValidationContext(ISchema schema, DocumentNode document, int maxErrors = 100)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxErrors);
        Schema = schema;
        Document = document;
        _maxErrors = maxErrors;
        TypeInfo = new TypeInfo(schema);
    }

    /// <summary>The schema the document is validated against.</summary>
    public ISchema Schema { get; }

    /// <summary>The document being validated.</summary>
    public DocumentNode Document { get; }

    /// <summary>Type information about the node being visited.</summary>
    public TypeInfo TypeInfo { get; }

    /// <summary>
    /// The type system definition or extension being walked, or null in executable definitions. Documents holding type
    /// system definitions are not executable, but their directives and type references are checked as the reference
    /// implementation checks them.
    /// </summary>
    public ISyntaxNode? TypeSystemDefinition { get; internal set; }

    /// <summary>
    /// The directive the document itself defines with this name (the last definition of the name), or null. The reference
    /// implementation's directive rules let such a definition stand for (or replace) the schema's.
    /// </summary>
    public DirectiveDefinitionNode? GetDocumentDirective(string name)
    {
        if (_documentDirectives is null)
        {
            Dictionary<string, DirectiveDefinitionNode>? directives = null;
            foreach (var definition in Document.Definitions)
            {
                if (definition is DirectiveDefinitionNode directive)
                {
                    (directives ??= new Dictionary<string, DirectiveDefinitionNode>(StringComparer.Ordinal))[directive.Name.Value] = directive;
                }
            }
            _documentDirectives = directives ?? NoDirectives;
        }
        return _documentDirectives.Count == 0 ? null : _documentDirectives.GetValueOrDefault(name);
    }

    /// <summary>The names of the types the document itself defines (type system definitions).</summary>
    public IReadOnlyCollection<string> DocumentTypeNames
    {
        get
        {
            if (_documentTypes is null)
            {
                _documentTypes = [];
                foreach (var definition in Document.Definitions)
                {
                    if (definition is ITypeDefinitionNode type)
                    {
                        _documentTypes.Add(type.Name.Value);
                    }
                }
            }
            return _documentTypes;
        }
    }

    /// <summary>The errors reported so far, in order.</summary>
    public IReadOnlyList<GraphQLError> Errors => _errors;

    /// <summary>
    /// Adds an error. When the limit is already reached, adds the "too many errors" error instead and aborts the
    /// validation (the exception is caught by <see cref="DocumentValidator"/>).
    /// </summary>
    public void ReportError(GraphQLError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (_errors.Count >= _maxErrors)
        {
            _errors.Add(ValidationErrors.TooManyErrors());
            throw new ValidationAbortedException();
        }
        _errors.Add(error);
    }

    /// <summary>The fragment definition named <paramref name="name"/> (the last one when the name is defined twice), or null.</summary>
    public FragmentDefinitionNode? GetFragment(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_fragments is null)
        {
            var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
            var definitions = Document.Definitions;
            for (var i = 0; i < definitions.Count; i++)
            {
                if (definitions[i] is FragmentDefinitionNode fragment)
                {
                    fragments[fragment.Name.Value] = fragment;
                }
            }
            _fragments = fragments;
        }
        return _fragments.TryGetValue(name, out var result) ? result : null;
    }

    /// <summary>
    /// The fragment spreads directly inside <paramref name="selectionSet"/> (through fields and inline fragments, not through
    /// other fragments), in the order of a depth-first walk that visits nested selection sets last-first (as the reference
    /// implementation does). Cached.
    /// </summary>
    public IReadOnlyList<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode selectionSet)
    {
        ArgumentNullException.ThrowIfNull(selectionSet);
        _fragmentSpreads ??= new Dictionary<SelectionSetNode, IReadOnlyList<FragmentSpreadNode>>(ReferenceEqualityComparer.Instance);
        if (_fragmentSpreads.TryGetValue(selectionSet, out var cached))
        {
            return cached;
        }
        List<FragmentSpreadNode>? spreads = null;
        var setsToVisit = new Stack<SelectionSetNode>();
        setsToVisit.Push(selectionSet);
        while (setsToVisit.TryPop(out var set))
        {
            var selections = set.Selections;
            for (var i = 0; i < selections.Count; i++)
            {
                switch (selections[i])
                {
                    case FragmentSpreadNode spread:
                        (spreads ??= []).Add(spread);
                        break;
                    case FieldNode { SelectionSet: { } fieldSelections }:
                        setsToVisit.Push(fieldSelections);
                        break;
                    case InlineFragmentNode inline:
                        setsToVisit.Push(inline.SelectionSet);
                        break;
                }
            }
        }
        IReadOnlyList<FragmentSpreadNode> result = spreads is null ? [] : spreads;
        _fragmentSpreads[selectionSet] = result;
        return result;
    }

    /// <summary>The defined fragments <paramref name="operation"/> uses, directly or through other fragments, each once. Cached.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        _recursivelyReferencedFragments ??= new Dictionary<OperationDefinitionNode, IReadOnlyList<FragmentDefinitionNode>>(ReferenceEqualityComparer.Instance);
        if (_recursivelyReferencedFragments.TryGetValue(operation, out var cached))
        {
            return cached;
        }
        var fragments = new List<FragmentDefinitionNode>();
        var collected = new HashSet<string>(StringComparer.Ordinal);
        var nodesToVisit = new Stack<SelectionSetNode>();
        nodesToVisit.Push(operation.SelectionSet);
        while (nodesToVisit.TryPop(out var node))
        {
            var spreads = GetFragmentSpreads(node);
            for (var i = 0; i < spreads.Count; i++)
            {
                var name = spreads[i].Name.Value;
                if (collected.Add(name) && GetFragment(name) is { } fragment)
                {
                    fragments.Add(fragment);
                    nodesToVisit.Push(fragment.SelectionSet);
                }
            }
        }
        _recursivelyReferencedFragments[operation] = fragments;
        return fragments;
    }

    /// <summary>The variables used in <paramref name="definition"/> itself (not in the fragments it spreads), with their expected types. Cached.</summary>
    public IReadOnlyList<VariableUsage> GetVariableUsages(IExecutableDefinitionNode definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _variableUsages ??= new Dictionary<IExecutableDefinitionNode, IReadOnlyList<VariableUsage>>(ReferenceEqualityComparer.Instance);
        if (_variableUsages.TryGetValue(definition, out var cached))
        {
            return cached;
        }
        _usageCollector ??= new VariableUsageCollector(new TypeInfo(Schema));
        var usages = _usageCollector.Collect(definition);
        _variableUsages[definition] = usages;
        return usages;
    }

    /// <summary>The variables used in <paramref name="operation"/> and in all fragments it uses (recursively). Cached.</summary>
    public IReadOnlyList<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        _recursiveVariableUsages ??= new Dictionary<OperationDefinitionNode, IReadOnlyList<VariableUsage>>(ReferenceEqualityComparer.Instance);
        if (_recursiveVariableUsages.TryGetValue(operation, out var cached))
        {
            return cached;
        }
        var own = GetVariableUsages(operation);
        var fragments = GetRecursivelyReferencedFragments(operation);
        IReadOnlyList<VariableUsage> result;
        if (fragments.Count == 0)
        {
            result = own;
        }
        else
        {
            var all = new List<VariableUsage>(own);
            for (var i = 0; i < fragments.Count; i++)
            {
                all.AddRange(GetVariableUsages(fragments[i]));
            }
            result = all;
        }
        _recursiveVariableUsages[operation] = result;
        return result;
    }

    private sealed class VariableUsageCollector(TypeInfo typeInfo) : DocumentWalker(typeInfo)
    {
        private List<VariableUsage>? _usages;

        public IReadOnlyList<VariableUsage> Collect(IExecutableDefinitionNode definition)
        {
            TypeInfo.Reset();
            _usages = null;
            switch (definition)
            {
                case OperationDefinitionNode operation:
                    WalkOperation(operation);
                    break;
                case FragmentDefinitionNode fragment:
                    WalkFragment(fragment);
                    break;
            }
            IReadOnlyList<VariableUsage> result = _usages is null ? [] : _usages;
            _usages = null;
            return result;
        }

        protected override bool EnterVariableDefinition(VariableDefinitionNode node) => false;

        protected override void EnterVariable(VariableNode node) =>
            (_usages ??= []).Add(new VariableUsage(node, TypeInfo.InputType, TypeInfo.InputValue, TypeInfo.ParentInputType));
    }
}

/// <summary>A use of a variable in a value.</summary>
/// <param name="Node">The variable.</param>
/// <param name="Type">The type expected where it is used; null when unknown.</param>
/// <param name="Location">The argument or input field whose value it is; null for list items and unknown positions.</param>
/// <param name="ParentType">The type of the value around it (a list or input object type), or null.</param>
public readonly record struct VariableUsage(VariableNode Node, IInputType? Type, InputValueBase? Location, IInputType? ParentType)
{
    /// <summary>Whether the argument or input field the variable is the value of has a default value.</summary>
    public bool HasLocationDefaultValue => Location?.DefaultValue is not null;
}

/// <summary>Thrown inside a validation run when the error limit is reached; ends the walk.</summary>
internal sealed class ValidationAbortedException : Exception
{
    public ValidationAbortedException()
        : base(ValidationErrors.TooManyErrorsMessage)
    {
    }
}
