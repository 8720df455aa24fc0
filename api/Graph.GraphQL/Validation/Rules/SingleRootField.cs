using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Single Root Field: a subscription selects exactly one root field, which is not an introspection field, and its top
/// level selections (through fragments) use neither <c>@skip</c> nor <c>@include</c>.
/// <see href="https://spec.graphql.org/draft/#sec-Single-Root-Field"/>
/// </summary>
public sealed class SingleRootField : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public SingleRootField()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static SingleRootField Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Single-Root-Field";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterOperationDefinition(ValidationContext context, OperationDefinitionNode node)
        {
            if (node.Operation != OperationType.Subscription || context.Schema.SubscriptionType is not { } subscriptionType)
            {
                return false;
            }
            var fields = new List<KeyValuePair<string, List<FieldNode>>>();
            var forbidden = new List<ISyntaxNode>();
            Collect(context, subscriptionType, node.SelectionSet, new HashSet<string>(StringComparer.Ordinal), fields, forbidden);
            var prefix = node.Name is null ? "Anonymous Subscription" : "Subscription \"" + node.Name.Value + "\"";
            if (forbidden.Count > 0)
            {
                ReportError(context, prefix + " must not use `@skip` or `@include` directives in the top level selection.", forbidden);
                return false;
            }
            if (fields.Count > 1)
            {
                var extra = new List<ISyntaxNode>();
                for (var i = 1; i < fields.Count; i++)
                {
                    extra.AddRange(fields[i].Value);
                }
                ReportError(context, prefix + " must select only one top level field.", extra);
            }
            foreach (var (_, fieldNodes) in fields)
            {
                if (fieldNodes[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
                {
                    ReportError(context, prefix + " must not select an introspection top level field.", fieldNodes);
                }
            }
            return false;
        }

        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => false;

        private static void Collect(
            ValidationContext context,
            ObjectType objectType,
            SelectionSetNode selectionSet,
            HashSet<string> visitedFragments,
            List<KeyValuePair<string, List<FieldNode>>> fields,
            List<ISyntaxNode> forbidden)
        {
            var selections = selectionSet.Selections;
            for (var i = 0; i < selections.Count; i++)
            {
                var selection = selections[i];
                var directives = selection.Directives;
                for (var d = 0; d < directives.Count; d++)
                {
                    if (directives[d].Name.Value is BuiltInDirectives.Skip or BuiltInDirectives.Include)
                    {
                        forbidden.Add(directives[d]);
                    }
                }
                switch (selection)
                {
                    case FieldNode field:
                        Add(fields, field);
                        break;
                    case FragmentSpreadNode spread:
                        if (!visitedFragments.Add(spread.Name.Value) || context.GetFragment(spread.Name.Value) is not { } fragment
                            || !DoesFragmentTypeApply(context.Schema, objectType, fragment.TypeCondition))
                        {
                            break;
                        }
                        Collect(context, objectType, fragment.SelectionSet, visitedFragments, fields, forbidden);
                        break;
                    case InlineFragmentNode inline:
                        if (inline.TypeCondition is not null && !DoesFragmentTypeApply(context.Schema, objectType, inline.TypeCondition))
                        {
                            break;
                        }
                        Collect(context, objectType, inline.SelectionSet, visitedFragments, fields, forbidden);
                        break;
                }
            }
        }

        private static void Add(List<KeyValuePair<string, List<FieldNode>>> fields, FieldNode field)
        {
            var responseName = field.ResponseName;
            foreach (var (name, list) in fields)
            {
                if (string.Equals(name, responseName, StringComparison.Ordinal))
                {
                    list.Add(field);
                    return;
                }
            }
            fields.Add(new(responseName, [field]));
        }

        private static bool DoesFragmentTypeApply(ISchema schema, ObjectType objectType, NamedTypeNode typeCondition)
        {
            if (!schema.TryGetType(typeCondition.Name.Value, out var type))
            {
                return false;
            }
            return ReferenceEquals(type, objectType) || (type is IAbstractType && schema.IsPossibleType(type, objectType));
        }
    }
}
