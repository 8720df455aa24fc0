using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Operation Name Uniqueness: each named operation is the only operation of its name in the document.
/// <see href="https://spec.graphql.org/draft/#sec-Operation-Name-Uniqueness"/>
/// </summary>
public sealed class OperationNameUniqueness : IValidationRule
{
    /// <summary>The shared instance.</summary>
    public static OperationNameUniqueness Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Operation-Name-Uniqueness";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(this);

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

        public override bool EnterOperationDefinition(ValidationContext context, OperationDefinitionNode node)
        {
            if (node.Name is { } name)
            {
                if (_known.TryGetValue(name.Value, out var first))
                {
                    ReportError(context, $"There can be only one operation named \"{name.Value}\".", first, name);
                }
                else
                {
                    _known.Add(name.Value, name);
                }
            }
            return false;
        }

        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => false;
    }
}
