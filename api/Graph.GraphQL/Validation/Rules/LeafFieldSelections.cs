using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Leaf Field Selections: fields of scalar and enum type have no selection set; fields of object, interface and union
/// type have one. <see href="https://spec.graphql.org/draft/#sec-Leaf-Field-Selections"/>
/// </summary>
public sealed class LeafFieldSelections : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public LeafFieldSelections()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static LeafFieldSelections Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Leaf-Field-Selections";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterField(ValidationContext context, FieldNode node)
        {
            if (context.TypeInfo.Type is not { } type)
            {
                return true;
            }
            if (type.NamedType() is ILeafType)
            {
                if (node.SelectionSet is not null)
                {
                    ReportError(
                        context,
                        $"Field \"{node.Name.Value}\" must not have a selection since type \"{type.Print()}\" has no subfields.",
                        node.SelectionSet);
                }
            }
            else if (node.SelectionSet is null)
            {
                ReportError(
                    context,
                    $"Field \"{node.Name.Value}\" of type \"{type.Print()}\" must have a selection of subfields. Did you mean \"{node.Name.Value} {{ ... }}\"?",
                    node);
            }
            return true;
        }
    }
}
