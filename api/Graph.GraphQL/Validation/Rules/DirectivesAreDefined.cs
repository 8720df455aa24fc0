using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Directives Are Defined: every directive used is defined by the schema (or, as the reference implementation counts them,
/// by a directive definition of the document itself).
/// <see href="https://spec.graphql.org/draft/#sec-Directives-Are-Defined"/>
/// </summary>
public sealed class DirectivesAreDefined : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public DirectivesAreDefined()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static DirectivesAreDefined Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Directives-Are-Defined";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterDirective(ValidationContext context, DirectiveNode node, ISyntaxNode parent)
        {
            if (context.TypeInfo.Directive is null && context.GetDocumentDirective(node.Name.Value) is null)
            {
                ReportError(context, $"Unknown directive \"@{node.Name.Value}\".", node);
            }
            return false;
        }
    }
}
