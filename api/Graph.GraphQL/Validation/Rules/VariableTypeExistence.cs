using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// The type of every variable definition names a type of the schema (the part of Variables Are Input Types about unknown
/// types; the reference implementation reports it with its known-type-names rule, which also checks the types referenced
/// by type system definitions in the document, so this rule does too).
/// <see href="https://spec.graphql.org/draft/#sec-Variables-Are-Input-Types"/>
/// </summary>
public sealed class VariableTypeExistence : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public VariableTypeExistence()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static VariableTypeExistence Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Variables-Are-Input-Types";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterNamedType(ValidationContext context, NamedTypeNode node, ISyntaxNode parent)
        {
            if ((parent is VariableDefinitionNode || context.TypeSystemDefinition is not null) && KnownTypeNames.Check(context, node) is { } message)
            {
                ReportError(context, message, node);
            }
            return true;
        }
    }
}
