using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// All Variable Usages Are Allowed: a variable's type fits every position it is used in (a nullable variable may feed a
/// non-null position only when the variable or the position has a default value), and a variable used as a field of a
/// <c>@oneOf</c> input object is non-null. <see href="https://spec.graphql.org/draft/#sec-All-Variable-Usages-Are-Allowed"/>
/// </summary>
public sealed class AllVariableUsagesAreAllowed : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public AllVariableUsagesAreAllowed()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static AllVariableUsagesAreAllowed Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-All-Variable-Usages-Are-Allowed";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => false;

        public override void LeaveOperationDefinition(ValidationContext context, OperationDefinitionNode node)
        {
            if (node.VariableDefinitions.Count == 0)
            {
                return;
            }
            var usages = context.GetRecursiveVariableUsages(node);
            for (var i = 0; i < usages.Count; i++)
            {
                var usage = usages[i];
                var name = usage.Node.Name.Value;
                if (usage.Type is not { } locationType || VariableDefinitions.Find(node, name) is not { } definition)
                {
                    continue;
                }
                if (TypeInfo.TypeFromSyntax(context.Schema, definition.Type) is not { } variableType)
                {
                    continue;
                }
                if (!IsAllowed(context.Schema, variableType, definition.DefaultValue, locationType, usage.HasLocationDefaultValue))
                {
                    ReportError(
                        context,
                        $"Variable \"${name}\" of type \"{variableType.Print()}\" used in position expecting type \"{locationType.Print()}\".",
                        definition,
                        usage.Node);
                }
                if (usage.ParentType is InputObjectType { IsOneOf: true } oneOf && variableType is not NonNullType)
                {
                    ReportError(
                        context,
                        $"Variable \"${name}\" is of type \"{variableType.Print()}\" but must be non-nullable to be used for OneOf Input Object \"{oneOf.Name}\".",
                        definition,
                        usage.Node);
                }
            }
        }

        private static bool IsAllowed(ISchema schema, IType variableType, IValueNode? variableDefault, IType locationType, bool hasLocationDefault)
        {
            if (locationType is NonNullType nonNullLocation && variableType is not NonNullType)
            {
                var hasNonNullVariableDefault = variableDefault is not null and not NullValueNode;
                if (!hasNonNullVariableDefault && !hasLocationDefault)
                {
                    return false;
                }
                return schema.IsTypeSubTypeOf(variableType, nonNullLocation.OfType);
            }
            return schema.IsTypeSubTypeOf(variableType, locationType);
        }
    }
}
