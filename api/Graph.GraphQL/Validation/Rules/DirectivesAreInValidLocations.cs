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
            if (GetLocation(context, parent) is not { } location)
            {
                return false;
            }
            var allowed = context.GetDocumentDirective(node.Name.Value) is { } definition
                ? IsListed(definition.Locations, location.ToSpecName())
                : context.TypeInfo.Directive is not { } directive || directive.IsAllowedAt(location);
            if (!allowed)
            {
                ReportError(context, $"Directive \"@{node.Name.Value}\" may not be used on {location.ToSpecName()}.", node);
            }
            return false;
        }

        /// <summary>Whether a directive definition of the document lists the location (it stands for the schema's, as in the reference implementation).</summary>
        private static bool IsListed(IReadOnlyList<NameNode> locations, string name)
        {
            for (var i = 0; i < locations.Count; i++)
            {
                if (string.Equals(locations[i].Value, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }

        private static DirectiveLocation? GetLocation(ValidationContext context, ISyntaxNode parent) => parent switch
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
            SchemaDefinitionNode or SchemaExtensionNode => DirectiveLocation.Schema,
            ScalarTypeDefinitionNode or ScalarTypeExtensionNode => DirectiveLocation.Scalar,
            ObjectTypeDefinitionNode or ObjectTypeExtensionNode => DirectiveLocation.Object,
            FieldDefinitionNode => DirectiveLocation.FieldDefinition,
            InterfaceTypeDefinitionNode or InterfaceTypeExtensionNode => DirectiveLocation.Interface,
            UnionTypeDefinitionNode or UnionTypeExtensionNode => DirectiveLocation.Union,
            EnumTypeDefinitionNode or EnumTypeExtensionNode => DirectiveLocation.Enum,
            EnumValueDefinitionNode => DirectiveLocation.EnumValue,
            InputObjectTypeDefinitionNode or InputObjectTypeExtensionNode => DirectiveLocation.InputObject,
            InputValueDefinitionNode => context.TypeSystemDefinition is InputObjectTypeDefinitionNode or InputObjectTypeExtensionNode
                ? DirectiveLocation.InputFieldDefinition
                : DirectiveLocation.ArgumentDefinition,
            _ => null,
        };
    }
}
