using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Fragment Spread Target Defined: every named spread refers to a fragment defined in the document.
/// <see href="https://spec.graphql.org/draft/#sec-Fragment-spread-target-defined"/>
/// </summary>
public sealed class FragmentSpreadTargetDefined : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public FragmentSpreadTargetDefined()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static FragmentSpreadTargetDefined Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Fragment-spread-target-defined";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node)
        {
            if (context.GetFragment(node.Name.Value) is null)
            {
                ReportError(context, $"Unknown fragment \"{node.Name.Value}\".", node.Name);
            }
            return true;
        }
    }
}
