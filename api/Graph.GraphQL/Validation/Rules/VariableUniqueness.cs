using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Variable Uniqueness: an operation defines each variable name once.
/// <see href="https://spec.graphql.org/draft/#sec-Variable-Uniqueness"/>
/// </summary>
public sealed class VariableUniqueness : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public VariableUniqueness()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static VariableUniqueness Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Variable-Uniqueness";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterOperationDefinition(ValidationContext context, OperationDefinitionNode node)
        {
            var definitions = node.VariableDefinitions;
            for (var i = 0; i < definitions.Count; i++)
            {
                var name = definitions[i].Variable.Name.Value;
                var seenBefore = false;
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(definitions[j].Variable.Name.Value, name, StringComparison.Ordinal))
                    {
                        seenBefore = true;
                        break;
                    }
                }
                if (seenBefore)
                {
                    continue;
                }
                List<ISyntaxNode>? group = null;
                for (var j = i + 1; j < definitions.Count; j++)
                {
                    if (string.Equals(definitions[j].Variable.Name.Value, name, StringComparison.Ordinal))
                    {
                        group ??= [definitions[i].Variable.Name];
                        group.Add(definitions[j].Variable.Name);
                    }
                }
                if (group is not null)
                {
                    ReportError(context, $"There can be only one variable named \"${name}\".", group);
                }
            }
            return false;
        }

        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => false;
    }
}
