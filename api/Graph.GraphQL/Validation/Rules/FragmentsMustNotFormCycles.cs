using System.Text;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Fragment Spreads Must Not Form Cycles: no fragment spreads itself, directly or through other fragments. Each cycle is
/// reported once, at the spreads that form it.
/// <see href="https://spec.graphql.org/draft/#sec-Fragment-spreads-must-not-form-cycles"/>
/// </summary>
public sealed class FragmentsMustNotFormCycles : IValidationRule
{
    /// <summary>The shared instance.</summary>
    public static FragmentsMustNotFormCycles Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Fragment-spreads-must-not-form-cycles";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(this);

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
        private readonly List<FragmentSpreadNode> _spreadPath = [];
        private readonly Dictionary<string, int> _spreadPathIndexByName = new(StringComparer.Ordinal);

        public override bool EnterOperationDefinition(ValidationContext context, OperationDefinitionNode node) => false;

        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
        {
            DetectCycles(context, node);
            return false;
        }

        private void DetectCycles(ValidationContext context, FragmentDefinitionNode fragment)
        {
            var fragmentName = fragment.Name.Value;
            if (!_visited.Add(fragmentName))
            {
                return;
            }
            var spreads = context.GetFragmentSpreads(fragment.SelectionSet);
            if (spreads.Count == 0)
            {
                return;
            }
            _spreadPathIndexByName[fragmentName] = _spreadPath.Count;
            for (var i = 0; i < spreads.Count; i++)
            {
                var spread = spreads[i];
                var spreadName = spread.Name.Value;
                _spreadPath.Add(spread);
                if (!_spreadPathIndexByName.TryGetValue(spreadName, out var cycleIndex))
                {
                    if (context.GetFragment(spreadName) is { } target)
                    {
                        DetectCycles(context, target);
                    }
                }
                else
                {
                    var cyclePath = _spreadPath.GetRange(cycleIndex, _spreadPath.Count - cycleIndex);
                    var message = new StringBuilder("Cannot spread fragment \"").Append(spreadName).Append("\" within itself");
                    if (cyclePath.Count > 1)
                    {
                        message.Append(" via ");
                        for (var j = 0; j < cyclePath.Count - 1; j++)
                        {
                            if (j > 0)
                            {
                                message.Append(", ");
                            }
                            message.Append('"').Append(cyclePath[j].Name.Value).Append('"');
                        }
                    }
                    message.Append('.');
                    ReportError(context, message.ToString(), cyclePath);
                }
                _spreadPath.RemoveAt(_spreadPath.Count - 1);
            }
            _spreadPathIndexByName.Remove(fragmentName);
        }
    }
}
