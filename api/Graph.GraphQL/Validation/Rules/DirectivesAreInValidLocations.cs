using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Directives Are In Valid Locations: every defined directive is used only at locations its definition lists.
/// <see href="https://spec.graphql.org/draft/#sec-Directives-Are-In-Valid-Locations"/>
/// </summary>
public sealed class DirectivesAreInValidLocations : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public DirectivesAreInValidLocations()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static DirectivesAreInValidLocations Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Directives-Are-In-Valid-Locations";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterDirective(ValidationContext context, DirectiveNode node, ISyntaxNode parent)
        {
            if (context.TypeInfo.Directive is { } directive && GetLocation(parent) is { } location && !directive.IsAllowedAt(location))
            {
                ReportError(context, $"Directive \"@{node.Name.Value}\" may not be used on {location.ToSpecName()}.", node);
            }
            return false;
        }

        private static DirectiveLocation? GetLocation(ISyntaxNode parent) => parent switch
        {
            OperationDefinitionNode operation => operation.Operation switch
            {
                OperationType.Mutation => DirectiveLocation.Mutation,
                OperationType.Subscription => DirectiveLocation.Subscription,
                _ => DirectiveLocation.Query,
            },
            FieldNode => DirectiveLocation.Field,
            FragmentSpreadNode => DirectiveLocation.FragmentSpread,
            InlineFragmentNode => DirectiveLocation.InlineFragment,
            FragmentDefinitionNode => DirectiveLocation.FragmentDefinition,
            VariableDefinitionNode => DirectiveLocation.VariableDefinition,
            _ => null,
        };
    }
}
