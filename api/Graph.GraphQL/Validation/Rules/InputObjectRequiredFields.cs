using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Input Object Required Fields: an input object literal gives every required field (non-null, without default) of its
/// type. (An explicit <c>null</c> for such a field is reported by <see cref="ValuesOfCorrectType"/>.)
/// <see href="https://spec.graphql.org/draft/#sec-Input-Object-Required-Fields"/>
/// </summary>
public sealed class InputObjectRequiredFields : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public InputObjectRequiredFields()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static InputObjectRequiredFields Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Input-Object-Required-Fields";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterObjectValue(ValidationContext context, ObjectValueNode node)
        {
            if (context.TypeInfo.InputType?.NamedType() is not InputObjectType type)
            {
                return true;
            }
            foreach (var field in type.Fields)
            {
                if (field.IsRequired && !IsGiven(node, field.Name))
                {
                    ReportError(
                        context,
                        $"Field \"{type.Name}.{field.Name}\" of required type \"{field.Type.Print()}\" was not provided.",
                        node);
                }
            }
            return true;
        }

        private static bool IsGiven(ObjectValueNode node, string name)
        {
            var fields = node.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                if (string.Equals(fields[i].Name.Value, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
