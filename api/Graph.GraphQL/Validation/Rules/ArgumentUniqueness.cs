using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Argument Uniqueness: a field or directive is given each argument at most once.
/// <see href="https://spec.graphql.org/draft/#sec-Argument-Uniqueness"/>
/// </summary>
public sealed class ArgumentUniqueness : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public ArgumentUniqueness()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static ArgumentUniqueness Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Argument-Uniqueness";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterField(ValidationContext context, FieldNode node)
        {
            Check(context, node.Arguments);
            return true;
        }

        public override bool EnterDirective(ValidationContext context, DirectiveNode node, ISyntaxNode parent)
        {
            Check(context, node.Arguments);
            return true;
        }

        private void Check(ValidationContext context, IReadOnlyList<ArgumentNode> arguments)
        {
            for (var i = 0; i < arguments.Count - 1; i++)
            {
                var name = arguments[i].Name.Value;
                var seenBefore = false;
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(arguments[j].Name.Value, name, StringComparison.Ordinal))
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
                for (var j = i + 1; j < arguments.Count; j++)
                {
                    if (string.Equals(arguments[j].Name.Value, name, StringComparison.Ordinal))
                    {
                        group ??= [arguments[i].Name];
                        group.Add(arguments[j].Name);
                    }
                }
                if (group is not null)
                {
                    ReportError(context, $"There can be only one argument named \"{name}\".", group);
                }
            }
        }
    }
}
