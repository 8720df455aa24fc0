using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Variables Are Input Types: variables are of scalar, enum or input object types (possibly wrapped).
/// <see href="https://spec.graphql.org/draft/#sec-Variables-Are-Input-Types"/>
/// </summary>
public sealed class VariablesAreInputTypes : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public VariablesAreInputTypes()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static VariablesAreInputTypes Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Variables-Are-Input-Types";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node)
        {
            if (context.Schema.TryGetType(node.Type.NamedType().Name.Value, out var type) && !type.IsInputType())
            {
                ReportError(
                    context,
                    $"Variable \"${node.Variable.Name.Value}\" cannot be non-input type \"{node.Type.Print()}\".",
                    node.Type);
            }
            return true;
        }
    }
}
