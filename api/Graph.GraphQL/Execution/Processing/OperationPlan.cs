using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>
/// The compiled form of an operation for one combination of the <c>@skip</c>/<c>@include</c> variables it uses: the
/// spec's CollectFields done once, with selection sets per runtime object type collected lazily and cached, so that
/// executing a cached document never collects fields again (list items share the selection set of their field).
/// </summary>
internal sealed class OperationPlan
{
    private readonly Operation _operation;
    private readonly ulong[] _conditions;

    internal OperationPlan(Operation operation, ulong[] conditions)
    {
        _operation = operation;
        _conditions = conditions;
        RootSelectionSet = Collect(operation.RootType, [operation.Definition.SelectionSet]);
    }

    public Operation Operation => _operation;

    /// <summary>The grouped field set of the operation's selection set on the root type.</summary>
    public SelectionSet RootSelectionSet { get; }

    /// <summary>CollectSubfields: the merged sub-selections of <paramref name="fieldNodes"/> on <paramref name="type"/>.</summary>
    public SelectionSet CollectSubfields(ObjectType type, FieldNode[] fieldNodes)
    {
        var selectionSets = new List<SelectionSetNode>(fieldNodes.Length);
        foreach (var node in fieldNodes)
        {
            if (node.SelectionSet is { } selectionSet)
            {
                selectionSets.Add(selectionSet);
            }
        }
        return Collect(type, selectionSets);
    }

    private SelectionSet Collect(ObjectType type, List<SelectionSetNode> selectionSets)
    {
        var keys = new List<string>();
        var groups = new Dictionary<string, List<FieldNode>>(StringComparer.Ordinal);
        var visitedFragments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selectionSet in selectionSets)
        {
            CollectFields(type, selectionSet, keys, groups, visitedFragments);
        }

        var schema = _operation.Schema;
        var selections = new List<Selection>(keys.Count);
        foreach (var key in keys)
        {
            var nodes = groups[key];
            var first = nodes[0];
            if (schema.GetFieldDefinition(type, first.Name.Value) is not ObjectField field)
            {
                // ExecuteSelectionSet skips fields the type does not define (validation rejects them anyway).
                continue;
            }
            selections.Add(new Selection(this, type, field, key, nodes.ToArray(), ArgumentPlan.Create(field, first)));
        }
        return new SelectionSet(type, selections.ToArray());
    }

    private void CollectFields(
        ObjectType type,
        SelectionSetNode selectionSet,
        List<string> keys,
        Dictionary<string, List<FieldNode>> groups,
        HashSet<string> visitedFragments)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (!ShouldInclude(selection.Directives))
            {
                continue;
            }
            switch (selection)
            {
                case FieldNode field:
                    var key = field.ResponseName;
                    if (!groups.TryGetValue(key, out var nodes))
                    {
                        groups[key] = nodes = [];
                        keys.Add(key);
                    }
                    nodes.Add(field);
                    break;

                case FragmentSpreadNode spread:
                    var name = spread.Name.Value;
                    if (!visitedFragments.Add(name))
                    {
                        continue;
                    }
                    if (!_operation.Fragments.TryGetValue(name, out var fragment)
                        || !DoesFragmentTypeApply(type, fragment.TypeCondition))
                    {
                        continue;
                    }
                    CollectFields(type, fragment.SelectionSet, keys, groups, visitedFragments);
                    break;

                case InlineFragmentNode inline:
                    if (inline.TypeCondition is { } condition && !DoesFragmentTypeApply(type, condition))
                    {
                        continue;
                    }
                    CollectFields(type, inline.SelectionSet, keys, groups, visitedFragments);
                    break;
            }
        }
    }

    private bool DoesFragmentTypeApply(ObjectType objectType, NamedTypeNode typeCondition)
    {
        if (!_operation.Schema.TryGetType(typeCondition.Name.Value, out var fragmentType))
        {
            return false;
        }
        return fragmentType switch
        {
            ObjectType obj => ReferenceEquals(obj, objectType),
            InterfaceType or UnionType => _operation.Schema.IsPossibleType(fragmentType, objectType),
            _ => false,
        };
    }

    private bool ShouldInclude(IReadOnlyList<DirectiveNode> directives)
    {
        for (var i = 0; i < directives.Count; i++)
        {
            var directive = directives[i];
            var name = directive.Name.Value;
            var isSkip = string.Equals(name, BuiltInDirectives.Skip, StringComparison.Ordinal);
            if (!isSkip && !string.Equals(name, BuiltInDirectives.Include, StringComparison.Ordinal))
            {
                continue;
            }
            var value = ConditionValue(directive);
            if (isSkip ? value : !value)
            {
                return false;
            }
        }
        return true;
    }

    private bool ConditionValue(DirectiveNode directive)
    {
        foreach (var argument in directive.Arguments)
        {
            if (!string.Equals(argument.Name.Value, "if", StringComparison.Ordinal))
            {
                continue;
            }
            switch (argument.Value)
            {
                case BooleanValueNode boolean:
                    return boolean.Value;
                case VariableNode variable:
                    var index = _operation.IndexOfConditionVariable(variable.Name.Value);
                    return index >= 0 && (_conditions[index >> 6] & (1UL << (index & 63))) != 0;
            }
        }
        // Validation guarantees an "if" argument; without one neither directive excludes anything.
        return string.Equals(directive.Name.Value, BuiltInDirectives.Include, StringComparison.Ordinal);
    }
}
