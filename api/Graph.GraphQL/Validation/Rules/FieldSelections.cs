using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Field Selections: every selected field is defined on the type in scope (with "did you mean" hints: an inline fragment
/// on a type that has the field, else similar field names).
/// <see href="https://spec.graphql.org/draft/#sec-Field-Selections"/>
/// </summary>
public sealed class FieldSelections : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public FieldSelections()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static FieldSelections Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Field-Selections";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterField(ValidationContext context, FieldNode node)
        {
            var typeInfo = context.TypeInfo;
            if (typeInfo.ParentType is not { } parentType || typeInfo.FieldDefinition is not null)
            {
                return true;
            }
            var fieldName = node.Name.Value;
            var hint = Suggestions.Format("to use an inline fragment on", SuggestedTypeNames(context.Schema, parentType, fieldName));
            if (hint.Length == 0)
            {
                hint = Suggestions.Format(null, SuggestedFieldNames(parentType, fieldName));
            }
            ReportError(context, $"Cannot query field \"{fieldName}\" on type \"{parentType.Name}\".{hint}", node);
            return true;
        }

        /// <summary>
        /// For an abstract type: the object and interface types among its possible types (and their interfaces) that define the
        /// field, the most used first, super types before sub types, then by name.
        /// </summary>
        private static List<string> SuggestedTypeNames(ISchema schema, INamedType type, string fieldName)
        {
            var result = new List<string>();
            if (type is not IAbstractType)
            {
                return result;
            }
            var suggested = new List<INamedType>();
            var usageCount = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var possibleType in schema.GetPossibleTypes(type))
            {
                if (!possibleType.Fields.ContainsName(fieldName))
                {
                    continue;
                }
                if (!usageCount.ContainsKey(possibleType.Name))
                {
                    suggested.Add(possibleType);
                }
                usageCount[possibleType.Name] = 1;
                foreach (var possibleInterface in possibleType.Interfaces)
                {
                    if (!possibleInterface.Fields.ContainsName(fieldName))
                    {
                        continue;
                    }
                    if (!usageCount.TryGetValue(possibleInterface.Name, out var count))
                    {
                        suggested.Add(possibleInterface);
                    }
                    usageCount[possibleInterface.Name] = count + 1;
                }
            }
            var ordered = StableSort(suggested, (a, b) =>
            {
                var diff = usageCount[b.Name] - usageCount[a.Name];
                if (diff != 0)
                {
                    return diff;
                }
                if (a is InterfaceType && schema.IsSubType(a, b))
                {
                    return -1;
                }
                if (b is InterfaceType && schema.IsSubType(b, a))
                {
                    return 1;
                }
                return NaturalOrder.Compare(a.Name, b.Name);
            });
            foreach (var t in ordered)
            {
                result.Add(t.Name);
            }
            return result;
        }

        private static IReadOnlyList<string> SuggestedFieldNames(INamedType type, string fieldName)
        {
            if (type is not IComplexOutputType complex)
            {
                return [];
            }
            var names = new List<string>(complex.Fields.Count);
            foreach (var field in complex.Fields)
            {
                names.Add(field.Name);
            }
            return Suggestions.SuggestionList(fieldName, names);
        }

        private static List<T> StableSort<T>(List<T> items, Comparison<T> comparison)
        {
            var result = new List<T>(items.Count);
            foreach (var item in items)
            {
                var index = result.Count;
                while (index > 0 && comparison(result[index - 1], item) > 0)
                {
                    index--;
                }
                result.Insert(index, item);
            }
            return result;
        }
    }
}
