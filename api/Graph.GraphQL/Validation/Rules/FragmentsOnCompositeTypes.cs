using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Fragments On Composite Types: fragments and inline fragments are declared on object, interface or union types.
/// <see href="https://spec.graphql.org/draft/#sec-Fragments-On-Composite-Types"/>
/// </summary>
public sealed class FragmentsOnCompositeTypes : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public FragmentsOnCompositeTypes()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static FragmentsOnCompositeTypes Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Fragments-On-Composite-Types";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterInlineFragment(ValidationContext context, InlineFragmentNode node)
        {
            if (node.TypeCondition is { } condition && IsNonComposite(context, condition))
            {
                ReportError(context, $"Fragment cannot condition on non composite type \"{condition.Name.Value}\".", condition);
            }
            return true;
        }

        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
        {
            if (IsNonComposite(context, node.TypeCondition))
            {
                ReportError(
                    context,
                    $"Fragment \"{node.Name.Value}\" cannot condition on non composite type \"{node.TypeCondition.Name.Value}\".",
                    node.TypeCondition);
            }
            return true;
        }

        private static bool IsNonComposite(ValidationContext context, NamedTypeNode condition) =>
            context.Schema.TryGetType(condition.Name.Value, out var type) && !type.IsCompositeType();
    }
}
