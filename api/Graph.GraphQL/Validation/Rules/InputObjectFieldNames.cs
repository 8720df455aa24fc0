using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Input Object Field Names: every field of an input object literal is defined by the expected input object type (with
/// "did you mean" hints). <see href="https://spec.graphql.org/draft/#sec-Input-Object-Field-Names"/>
/// </summary>
public sealed class InputObjectFieldNames : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public InputObjectFieldNames()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static InputObjectFieldNames Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Input-Object-Field-Names";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterObjectField(ValidationContext context, ObjectFieldNode node)
        {
            var typeInfo = context.TypeInfo;
            if (typeInfo.InputType is null && typeInfo.ParentInputType?.NamedType() is InputObjectType parentType)
            {
                var names = new List<string>(parentType.Fields.Count);
                foreach (var field in parentType.Fields)
                {
                    names.Add(field.Name);
                }
                var name = node.Name.Value;
                ReportError(
                    context,
                    $"Field \"{name}\" is not defined by type \"{parentType.Name}\".{Suggestions.DidYouMean(null, name, names)}",
                    node);
            }
            return true;
        }
    }
}
