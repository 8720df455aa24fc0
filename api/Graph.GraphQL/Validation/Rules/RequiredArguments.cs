using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Required Arguments: every required argument (non-null, without default) of a field or directive is given. Checked when
/// leaving the field or directive, so errors inside it come first. (An explicit <c>null</c> for a required argument is
/// reported by <see cref="ValuesOfCorrectType"/>.) <see href="https://spec.graphql.org/draft/#sec-Required-Arguments"/>
/// </summary>
public sealed class RequiredArguments : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public RequiredArguments()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static RequiredArguments Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Required-Arguments";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private static bool IsProvided(IReadOnlyList<ArgumentNode> arguments, string name)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (string.Equals(arguments[i].Name.Value, name, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override void LeaveField(ValidationContext context, FieldNode node)
        {
            if (context.TypeInfo.FieldDefinition is not { } field)
            {
                return;
            }
            foreach (var argument in field.Arguments)
            {
                if (argument.IsRequired && !IsProvided(node.Arguments, argument.Name))
                {
                    ReportError(
                        context,
                        $"Field \"{field.Name}\" argument \"{argument.Name}\" of type \"{argument.Type.Print()}\" is required, but it was not provided.",
                        node);
                }
            }
        }

        public override void LeaveDirective(ValidationContext context, DirectiveNode node, ISyntaxNode parent)
        {
            if (context.GetDocumentDirective(node.Name.Value) is { } definition)
            {
                // A directive definition of the document stands for the schema's, as in the reference implementation.
                foreach (var argument in definition.Arguments)
                {
                    if (argument.Type is NonNullTypeNode && argument.DefaultValue is null && !IsProvided(node.Arguments, argument.Name.Value))
                    {
                        ReportError(
                            context,
                            $"Directive \"@{definition.Name.Value}\" argument \"{argument.Name.Value}\" of type \"{argument.Type.Print()}\" is required, but it was not provided.",
                            node);
                    }
                }
                return;
            }
            if (context.TypeInfo.Directive is not { } directive)
            {
                return;
            }
            foreach (var argument in directive.Arguments)
            {
                if (argument.IsRequired && !IsProvided(node.Arguments, argument.Name))
                {
                    ReportError(
                        context,
                        $"Directive \"@{directive.Name}\" argument \"{argument.Name}\" of type \"{argument.Type.Print()}\" is required, but it was not provided.",
                        node);
                }
            }
        }
    }
}
