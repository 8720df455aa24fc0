using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Fragment Spread Is Possible: a fragment (named or inline) is spread only where some object type can be both of the
/// parent type and of the fragment's type. <see href="https://spec.graphql.org/draft/#sec-Fragment-spread-is-possible"/>
/// </summary>
public sealed class FragmentSpreadIsPossible : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public FragmentSpreadIsPossible()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static FragmentSpreadIsPossible Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Fragment-spread-is-possible";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterInlineFragment(ValidationContext context, InlineFragmentNode node)
        {
            if (context.TypeInfo.Type is INamedType fragmentType && fragmentType.IsCompositeType()
                && context.TypeInfo.ParentType is { } parentType
                && !context.Schema.DoTypesOverlap(fragmentType, parentType))
            {
                ReportError(
                    context,
                    $"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\".",
                    node);
            }
            return true;
        }

        public override bool EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node)
        {
            var name = node.Name.Value;
            if (context.GetFragment(name) is { } fragment
                && context.Schema.TryGetType(fragment.TypeCondition.Name.Value, out var fragmentType)
                && fragmentType.IsCompositeType()
                && context.TypeInfo.ParentType is { } parentType
                && !context.Schema.DoTypesOverlap(fragmentType, parentType))
            {
                ReportError(
                    context,
                    $"Fragment \"{name}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType.Name}\".",
                    node);
            }
            return true;
        }
    }
}
