using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Fragment Spread Type Existence: the type condition of every fragment and inline fragment names a type of the schema.
/// <see href="https://spec.graphql.org/draft/#sec-Fragment-Spread-Type-Existence"/>
/// </summary>
public sealed class FragmentSpreadTypeExistence : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public FragmentSpreadTypeExistence()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static FragmentSpreadTypeExistence Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Fragment-Spread-Type-Existence";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterNamedType(ValidationContext context, NamedTypeNode node, ISyntaxNode parent)
        {
            if (parent is FragmentDefinitionNode or InlineFragmentNode && KnownTypeNames.Check(context, node) is { } message)
            {
                ReportError(context, message, node);
            }
            return true;
        }
    }
}
