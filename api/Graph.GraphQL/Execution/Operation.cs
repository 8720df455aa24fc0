using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Execution;

/// <summary>
/// An operation of a document, compiled for one schema: its definition, type, root type, variable definitions and the
/// cached execution plans (one per combination of the <c>@skip</c>/<c>@include</c> variables it uses). Built once per
/// cached document and operation name, shared by all requests executing it.
/// </summary>
public sealed class Operation
{
    private const int MaxCachedPlans = 64;

    private readonly object _sync = new();
    private readonly string[] _conditionVariables;
    private readonly VariableNode[] _conditionNodes;
    private Processing.OperationPlan? _plan;
    private Dictionary<ulong, Processing.OperationPlan>? _plans;
    private Authorization.OperationAuthorization? _authorization;

    internal Operation(ISchema schema, DocumentNode document, OperationDefinitionNode definition, ObjectType rootType)
    {
        Schema = schema;
        Document = document;
        Definition = definition;
        RootType = rootType;

        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var node in document.Definitions)
        {
            if (node is FragmentDefinitionNode fragment)
            {
                fragments.TryAdd(fragment.Name.Value, fragment);
            }
        }
        Fragments = fragments;

        var variables = new VariableDefinition[definition.VariableDefinitions.Count];
        for (var i = 0; i < variables.Length; i++)
        {
            var node = definition.VariableDefinitions[i];
            variables[i] = new VariableDefinition(node.Variable.Name.Value, node, TypeFromAst(schema, node.Type) as IInputType);
        }
        Variables = variables;

        var names = new List<string>();
        var nodes = new List<VariableNode>();
        CollectConditionVariables(definition.SelectionSet, names, nodes, new HashSet<string>(StringComparer.Ordinal));
        _conditionVariables = names.ToArray();
        _conditionNodes = nodes.ToArray();
    }

    /// <summary>The schema the operation was compiled for.</summary>
    public ISchema Schema { get; }

    /// <summary>The document holding the operation.</summary>
    public DocumentNode Document { get; }

    /// <summary>The operation definition.</summary>
    public OperationDefinitionNode Definition { get; }

    /// <summary>Query, mutation or subscription (transports restrict, e.g., mutations over GET with it).</summary>
    public OperationType Type => Definition.Operation;

    /// <summary>The operation name, or null for an anonymous operation.</summary>
    public string? Name => Definition.Name?.Value;

    /// <summary>The root object type the operation executes on.</summary>
    public ObjectType RootType { get; }

    internal IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; }

    internal VariableDefinition[] Variables { get; }

    /// <summary>What the operation selects of the fields <c>@authorize</c> protects (worked out on first use).</summary>
    internal Authorization.OperationAuthorization Authorization => _authorization ??= GraphQL.Authorization.OperationAuthorization.Analyze(this);

    internal int IndexOfConditionVariable(string name) => Array.IndexOf(_conditionVariables, name);

    /// <summary>The plan for the <c>@skip</c>/<c>@include</c> values that <paramref name="variables"/> select.</summary>
    /// <exception cref="GraphQLException">A condition variable is null.</exception>
    internal Processing.OperationPlan GetPlan(IReadOnlyDictionary<string, object?> variables)
    {
        if (_conditionVariables.Length == 0)
        {
            return _plan ?? CreateUnconditionalPlan();
        }

        var conditions = new ulong[(_conditionVariables.Length + 63) >> 6];
        for (var i = 0; i < _conditionVariables.Length; i++)
        {
            if (!variables.TryGetValue(_conditionVariables[i], out var value) || value is not bool condition)
            {
                var node = _conditionNodes[i];
                var message = value is null && !variables.ContainsKey(_conditionVariables[i])
                    ? $"Argument \"if\" of required type \"Boolean!\" was provided the variable \"${node.Name.Value}\" which was not provided a runtime value."
                    : "Argument \"if\" of non-null type \"Boolean!\" must not be null.";
                throw new GraphQLException(new GraphQLError(message, node.Location is { } location ? [location.ToErrorLocation()] : null));
            }
            if (condition)
            {
                conditions[i >> 6] |= 1UL << (i & 63);
            }
        }
        if (conditions.Length > 1)
        {
            return new Processing.OperationPlan(this, conditions);
        }

        var key = conditions[0];
        lock (_sync)
        {
            if (_plans is not null && _plans.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }
        var plan = new Processing.OperationPlan(this, conditions);
        lock (_sync)
        {
            _plans ??= new Dictionary<ulong, Processing.OperationPlan>();
            if (_plans.TryGetValue(key, out var cached))
            {
                return cached;
            }
            if (_plans.Count < MaxCachedPlans)
            {
                _plans[key] = plan;
            }
        }
        return plan;
    }

    private Processing.OperationPlan CreateUnconditionalPlan()
    {
        lock (_sync)
        {
            return _plan ??= new Processing.OperationPlan(this, [0]);
        }
    }

    private void CollectConditionVariables(SelectionSetNode selectionSet, List<string> names, List<VariableNode> nodes, HashSet<string> visitedFragments)
    {
        foreach (var selection in selectionSet.Selections)
        {
            foreach (var directive in selection.Directives)
            {
                var name = directive.Name.Value;
                if (name is not (BuiltInDirectives.Skip or BuiltInDirectives.Include))
                {
                    continue;
                }
                foreach (var argument in directive.Arguments)
                {
                    if (argument.Value is VariableNode variable && !names.Contains(variable.Name.Value))
                    {
                        names.Add(variable.Name.Value);
                        nodes.Add(variable);
                    }
                }
            }
            switch (selection)
            {
                case FieldNode { SelectionSet: { } fieldSelections }:
                    CollectConditionVariables(fieldSelections, names, nodes, visitedFragments);
                    break;
                case InlineFragmentNode inline:
                    CollectConditionVariables(inline.SelectionSet, names, nodes, visitedFragments);
                    break;
                case FragmentSpreadNode spread when visitedFragments.Add(spread.Name.Value)
                    && Fragments.TryGetValue(spread.Name.Value, out var fragment):
                    CollectConditionVariables(fragment.SelectionSet, names, nodes, visitedFragments);
                    break;
            }
        }
    }

    /// <summary>The schema type a type reference names, or null when a named type is missing.</summary>
    internal static IType? TypeFromAst(ISchema schema, ITypeNode node) => node switch
    {
        NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.Type) is { } inner and not NonNullType ? new NonNullType(inner) : null,
        ListTypeNode list => TypeFromAst(schema, list.Type) is { } item ? new ListType(item) : null,
        NamedTypeNode named => schema.TryGetType(named.Name.Value, out var type) ? type : null,
        _ => null,
    };

    public override string ToString() => Definition.Operation.ToString().ToLowerInvariant() + (Name is null ? string.Empty : " " + Name);
}

/// <summary>A variable definition with its resolved input type (null when the type is unknown or not an input type).</summary>
internal sealed record VariableDefinition(string Name, VariableDefinitionNode Node, IInputType? Type);
