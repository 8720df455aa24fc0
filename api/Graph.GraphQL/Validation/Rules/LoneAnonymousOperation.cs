using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Lone Anonymous Operation: an anonymous operation must be the only operation of its document.
/// <see href="https://spec.graphql.org/draft/#sec-Lone-Anonymous-Operation"/>
/// </summary>
public sealed class LoneAnonymousOperation : IValidationRule
{
    /// <summary>The shared instance.</summary>
    public static LoneAnonymousOperation Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Lone-Anonymous-Operation";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(this);

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        private int _operationCount;

        public override bool EnterDocument(ValidationContext context, DocumentNode node)
        {
            var definitions = node.Definitions;
            for (var i = 0; i < definitions.Count; i++)
            {
                if (definitions[i] is OperationDefinitionNode)
                {
                    _operationCount++;
                }
            }
            return true;
        }

        public override bool EnterOperationDefinition(ValidationContext context, OperationDefinitionNode node)
        {
            if (node.Name is null && _operationCount > 1)
            {
                ReportError(context, "This anonymous operation must be the only defined operation.", node);
            }
            return false;
        }

        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => false;
    }
}
