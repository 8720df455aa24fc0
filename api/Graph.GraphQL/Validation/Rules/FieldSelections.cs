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
            var ordered = JavaScriptSort(suggested, (a, b) =>
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

        /// <summary>
        /// Sorts as V8's <c>Array.prototype.sort</c> (TimSort: the first run, made ascending, then binary insertion) does for
        /// the short lists suggestions are. The comparison above is not a total order (an interface sorts before its
        /// implementations but by name against other types), so only the same algorithm gives the reference implementation's order.
        /// </summary>
        private static List<T> JavaScriptSort<T>(List<T> items, Comparison<T> comparison)
        {
            var work = new List<T>(items);
            var count = work.Count;
            if (count < 2)
            {
                return work;
            }
            var run = 2;
            var descending = comparison(work[1], work[0]) < 0;
            for (var i = 2; i < count; i++)
            {
                var order = comparison(work[i], work[i - 1]);
                if (descending ? order >= 0 : order < 0)
                {
                    break;
                }
                run++;
            }
            if (descending)
            {
                work.Reverse(0, run);
            }
            for (var start = run; start < count; start++)
            {
                var pivot = work[start];
                var left = 0;
                var right = start;
                while (left < right)
                {
                    var mid = left + ((right - left) >> 1);
                    if (comparison(pivot, work[mid]) < 0)
                    {
                        right = mid;
                    }
                    else
                    {
                        left = mid + 1;
                    }
                }
                work.RemoveAt(start);
                work.Insert(left, pivot);
            }
            return work;
        }
    }
}
