using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Fragments Must Be Used: every fragment is spread by some operation, directly or through other fragments.
/// <see href="https://spec.graphql.org/draft/#sec-Fragments-Must-Be-Used"/>
/// </summary>
public sealed class FragmentsMustBeUsed : IValidationRule
{
    /// <summary>The shared instance.</summary>
    public static FragmentsMustBeUsed Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Fragments-Must-Be-Used";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(this);

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        private readonly List<OperationDefinitionNode> _operations = [];
        private readonly List<FragmentDefinitionNode> _fragments = [];

        public override bool EnterOperationDefinition(ValidationContext context, OperationDefinitionNode node)
        {
            _operations.Add(node);
            return false;
        }

        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
        {
            _fragments.Add(node);
            return false;
        }

        public override void LeaveDocument(ValidationContext context, DocumentNode node)
        {
            if (_fragments.Count == 0)
            {
                return;
            }
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in _operations)
            {
                var fragments = context.GetRecursivelyReferencedFragments(operation);
                for (var i = 0; i < fragments.Count; i++)
                {
                    used.Add(fragments[i].Name.Value);
                }
            }
            foreach (var fragment in _fragments)
            {
                if (!used.Contains(fragment.Name.Value))
                {
                    ReportError(context, $"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
                }
            }
        }
    }
}
