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

        public override bool EnterTypeSystemNode(ValidationContext context, ISyntaxNode node)
        {
            if (node is not IHasDirectives { Directives: var directives } || directives.Count == 0)
            {
                return true;
            }
            if (node is not (SchemaDefinitionNode or SchemaExtensionNode or ITypeDefinitionNode or ITypeExtensionNode))
            {
                Check(context, directives);
                return true;
            }

            // As in the reference implementation, the definition and the extensions of a type (or of the schema) are one
            // location: a directive already applied by an earlier one of them counts.
            var earlier = new List<DirectiveNode>();
            foreach (var definition in context.Document.Definitions)
            {
                if (ReferenceEquals(definition, node))
                {
                    break;
                }
                if (IsSameLocation(definition, node) && definition is IHasDirectives other)
                {
                    earlier.AddRange(other.Directives);
                }
            }
            for (var i = 0; i < directives.Count; i++)
            {
                var name = directives[i].Name.Value;
                if (!IsUnique(context, name))
                {
                    continue;
                }
                var first = Find(earlier, earlier.Count, name) ?? Find(directives, i, name);
                if (first is not null)
                {
                    ReportError(context, $"The directive \"@{name}\" can only be used once at this location.", first, directives[i]);
                }
            }
            return true;
        }

        private static bool IsSameLocation(IDefinitionNode definition, ISyntaxNode node) => node switch
        {
            SchemaDefinitionNode or SchemaExtensionNode => definition is SchemaDefinitionNode or SchemaExtensionNode,
            INamedSyntaxNode named => definition is ITypeDefinitionNode or ITypeExtensionNode
                && string.Equals(((INamedSyntaxNode)definition).Name.Value, named.Name.Value, StringComparison.Ordinal),
            _ => false,
        };

        private static DirectiveNode? Find(IReadOnlyList<DirectiveNode> directives, int count, string name)
        {
            for (var i = 0; i < count; i++)
            {
                if (string.Equals(directives[i].Name.Value, name, StringComparison.Ordinal))
                {
                    return directives[i];
                }
            }
            return null;
        }

        /// <summary>Whether the directive is known and not repeatable (a directive definition of the document stands for the schema's).</summary>
        private static bool IsUnique(ValidationContext context, string name) => context.GetDocumentDirective(name) is { } definition
            ? !definition.IsRepeatable
            : context.Schema.TryGetDirective(name, out var directive) && !directive.IsRepeatable;

        private void Check(ValidationContext context, IReadOnlyList<DirectiveNode> directives)
        {
            for (var i = 1; i < directives.Count; i++)
            {
                var name = directives[i].Name.Value;
                if (!IsUnique(context, name))
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
