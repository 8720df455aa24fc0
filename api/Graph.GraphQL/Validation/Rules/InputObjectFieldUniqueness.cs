using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Input Object Field Uniqueness: an input object literal gives each field at most once.
/// <see href="https://spec.graphql.org/draft/#sec-Input-Object-Field-Uniqueness"/>
/// </summary>
public sealed class InputObjectFieldUniqueness : IValidationRule
{
    /// <summary>The shared instance.</summary>
    public static InputObjectFieldUniqueness Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Input-Object-Field-Uniqueness";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(this);

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        private readonly Stack<ObjectValueNode> _objects = new();

        public override bool EnterObjectValue(ValidationContext context, ObjectValueNode node)
        {
            _objects.Push(node);
            return true;
        }

        public override void LeaveObjectValue(ValidationContext context, ObjectValueNode node) => _objects.Pop();

        public override bool EnterObjectField(ValidationContext context, ObjectFieldNode node)
        {
            if (!_objects.TryPeek(out var parent))
            {
                return true;
            }
            var fields = parent.Fields;
            var name = node.Name.Value;
            for (var i = 0; i < fields.Count && !ReferenceEquals(fields[i], node); i++)
            {
                if (string.Equals(fields[i].Name.Value, name, StringComparison.Ordinal))
                {
                    ReportError(context, $"There can be only one input field named \"{name}\".", fields[i].Name, node.Name);
                    break;
                }
            }
            return true;
        }
    }
}
