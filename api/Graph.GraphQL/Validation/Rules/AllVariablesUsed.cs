using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// All Variables Used: every variable an operation defines is used by it, directly or in the fragments it spreads.
/// <see href="https://spec.graphql.org/draft/#sec-All-Variables-Used"/>
/// </summary>
public sealed class AllVariablesUsed : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public AllVariablesUsed()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static AllVariablesUsed Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-All-Variables-Used";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => false;

        public override void LeaveOperationDefinition(ValidationContext context, OperationDefinitionNode node)
        {
            var definitions = node.VariableDefinitions;
            if (definitions.Count == 0)
            {
                return;
            }
            var usages = context.GetRecursiveVariableUsages(node);
            for (var i = 0; i < definitions.Count; i++)
            {
                var name = definitions[i].Variable.Name.Value;
                var used = false;
                for (var j = 0; j < usages.Count; j++)
                {
                    if (string.Equals(usages[j].Node.Name.Value, name, StringComparison.Ordinal))
                    {
                        used = true;
                        break;
                    }
                }
                if (!used)
                {
                    ReportError(
                        context,
                        node.Name is null
                            ? $"Variable \"${name}\" is never used."
                            : $"Variable \"${name}\" is never used in operation \"{node.Name.Value}\".",
                        definitions[i]);
                }
            }
        }
    }
}
