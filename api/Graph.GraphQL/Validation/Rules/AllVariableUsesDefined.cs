using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// All Variable Uses Defined: every variable used by an operation, directly or in the fragments it spreads, is defined
/// by that operation. <see href="https://spec.graphql.org/draft/#sec-All-Variable-Uses-Defined"/>
/// </summary>
public sealed class AllVariableUsesDefined : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public AllVariableUsesDefined()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static AllVariableUsesDefined Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-All-Variable-Uses-Defined";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => false;

        public override void LeaveOperationDefinition(ValidationContext context, OperationDefinitionNode node)
        {
            var usages = context.GetRecursiveVariableUsages(node);
            for (var i = 0; i < usages.Count; i++)
            {
                var variable = usages[i].Node;
                var name = variable.Name.Value;
                if (VariableDefinitions.Find(node, name) is null)
                {
                    ReportError(
                        context,
                        node.Name is null
                            ? $"Variable \"${name}\" is not defined."
                            : $"Variable \"${name}\" is not defined by operation \"{node.Name.Value}\".",
                        variable,
                        node);
                }
            }
        }
    }
}
