using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Argument Names: every argument given to a field or directive is defined by it (with "did you mean" hints).
/// <see href="https://spec.graphql.org/draft/#sec-Argument-Names"/>
/// </summary>
public sealed class ArgumentNames : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public ArgumentNames()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static ArgumentNames Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Argument-Names";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private static List<string> Names(IFieldCollection<Argument> arguments)
    {
        var names = new List<string>(arguments.Count);
        for (var i = 0; i < arguments.Count; i++)
        {
            names.Add(arguments[i].Name);
        }
        return names;
    }

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterDirective(ValidationContext context, DirectiveNode node, ISyntaxNode parent)
        {
            // A directive definition of the document stands for the schema's, as in the reference implementation.
            List<string> known;
            if (context.GetDocumentDirective(node.Name.Value) is { } definition)
            {
                known = new List<string>(definition.Arguments.Count);
                for (var i = 0; i < definition.Arguments.Count; i++)
                {
                    known.Add(definition.Arguments[i].Name.Value);
                }
            }
            else if (context.TypeInfo.Directive is { } directive)
            {
                known = Names(directive.Arguments);
            }
            else
            {
                return false;
            }
            var arguments = node.Arguments;
            for (var i = 0; i < arguments.Count; i++)
            {
                var name = arguments[i].Name.Value;
                if (!known.Contains(name))
                {
                    ReportError(
                        context,
                        $"Unknown argument \"{name}\" on directive \"@{node.Name.Value}\".{Suggestions.DidYouMean(null, name, known)}",
                        arguments[i]);
                }
            }
            return false;
        }

        public override bool EnterArgument(ValidationContext context, ArgumentNode node)
        {
            var typeInfo = context.TypeInfo;
            if (typeInfo.Argument is null && typeInfo.FieldDefinition is { } field && typeInfo.ParentType is { } parentType)
            {
                var name = node.Name.Value;
                ReportError(
                    context,
                    $"Unknown argument \"{name}\" on field \"{parentType.Name}.{field.Name}\".{Suggestions.DidYouMean(null, name, Names(field.Arguments))}",
                    node);
            }
            return true;
        }
    }
}
