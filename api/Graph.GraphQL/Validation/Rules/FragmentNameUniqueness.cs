using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Fragment Name Uniqueness: each fragment is the only fragment of its name in the document.
/// <see href="https://spec.graphql.org/draft/#sec-Fragment-Name-Uniqueness"/>
/// </summary>
public sealed class FragmentNameUniqueness : IValidationRule
{
    /// <summary>The shared instance.</summary>
    public static FragmentNameUniqueness Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Fragment-Name-Uniqueness";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(this);

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

        public override bool EnterOperationDefinition(ValidationContext context, OperationDefinitionNode node) => false;

        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
        {
            var name = node.Name;
            if (_known.TryGetValue(name.Value, out var first))
            {
                ReportError(context, $"There can be only one fragment named \"{name.Value}\".", first, name);
            }
            else
            {
                _known.Add(name.Value, name);
            }
            return false;
        }
    }
}
