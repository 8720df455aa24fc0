using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Directives Are Unique Per Location: a non-repeatable directive is used at most once at each location (unknown
/// directives are left to <see cref="DirectivesAreDefined"/>).
/// <see href="https://spec.graphql.org/draft/#sec-Directives-Are-Unique-Per-Location"/>
/// </summary>
public sealed class DirectivesAreUniquePerLocation : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public DirectivesAreUniquePerLocation()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static DirectivesAreUniquePerLocation Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Directives-Are-Unique-Per-Location";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterOperationDefinition(ValidationContext context, OperationDefinitionNode node)
        {
            Check(context, node.Directives);
            return true;
        }

        public override bool EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node)
        {
            Check(context, node.Directives);
            return true;
        }

        public override bool EnterField(ValidationContext context, FieldNode node)
        {
            Check(context, node.Directives);
            return true;
        }

        public override bool EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node)
        {
            Check(context, node.Directives);
            return true;
        }

        public override bool EnterInlineFragment(ValidationContext context, InlineFragmentNode node)
        {
            Check(context, node.Directives);
            return true;
        }

        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
        {
            Check(context, node.Directives);
            return true;
        }

        private void Check(ValidationContext context, IReadOnlyList<DirectiveNode> directives)
        {
            for (var i = 1; i < directives.Count; i++)
            {
                var name = directives[i].Name.Value;
                if (!context.Schema.TryGetDirective(name, out var definition) || definition.IsRepeatable)
                {
                    continue;
                }
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(directives[j].Name.Value, name, StringComparison.Ordinal))
                    {
                        ReportError(context, $"The directive \"@{name}\" can only be used once at this location.", directives[j], directives[i]);
                        break;
                    }
                }
            }
        }
    }
}
