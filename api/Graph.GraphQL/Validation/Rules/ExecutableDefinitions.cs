using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Executable Definitions: a document to execute holds only operations and fragments, no type system definitions or
/// extensions. <see href="https://spec.graphql.org/draft/#sec-Executable-Definitions"/>
/// </summary>
public sealed class ExecutableDefinitions : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public ExecutableDefinitions()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static ExecutableDefinitions Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Executable-Definitions";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterDocument(ValidationContext context, DocumentNode node)
        {
            var definitions = node.Definitions;
            for (var i = 0; i < definitions.Count; i++)
            {
                var definition = definitions[i];
                if (definition is IExecutableDefinitionNode)
                {
                    continue;
                }
                var name = definition switch
                {
                    SchemaDefinitionNode or SchemaExtensionNode => "schema",
                    INamedSyntaxNode named => "\"" + named.Name.Value + "\"",
                    _ => "\"" + definition.Kind + "\"",
                };
                ReportError(context, "The " + name + " definition is not executable.", definition);
            }
            return false;
        }
    }
}
