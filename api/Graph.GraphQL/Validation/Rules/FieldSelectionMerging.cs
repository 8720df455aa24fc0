using System.Text;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Field Selection Merging: fields with the same response name that can meet on one object have the same name and
/// arguments and mergeable sub-selections, and fields with the same response name always return results of the same
/// shape. Implements the spec's <c>FieldsInSetCanMerge</c> the way the reference implementation does it: the fields and
/// fragment names of each selection set are collected once, fragment pairs (and field-set / fragment pairs) are compared
/// once per run, so documents with many fragments stay linear-ish instead of exponential.
/// <see href="https://spec.graphql.org/draft/#sec-Field-Selection-Merging"/>
/// </summary>
public sealed class FieldSelectionMerging : IValidationRule
{
    /// <summary>The shared instance.</summary>
    public static FieldSelectionMerging Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Field-Selection-Merging";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(this);

    /// <summary>A field selection with the type it was selected on and its definition (null when unknown).</summary>
    private readonly record struct FieldEntry(INamedType? ParentType, FieldNode Node, IOutputField? Definition);

    /// <summary>The fields of a selection set (through inline fragments) by response name, in first-seen order.</summary>
    private sealed class FieldMap
    {
        public List<string> Names { get; } = [];

        public Dictionary<string, List<FieldEntry>> Fields { get; } = new(StringComparer.Ordinal);

        public void Add(string responseName, FieldEntry entry)
        {
            if (!Fields.TryGetValue(responseName, out var list))
            {
                list = [];
                Fields.Add(responseName, list);
                Names.Add(responseName);
            }
            list.Add(entry);
        }
    }

    private sealed record FieldsAndFragmentNames(FieldMap FieldMap, List<string> FragmentNames);

    /// <summary>Why two fields conflict: a reason text, or the conflicts of their sub-fields.</summary>
    private sealed class Conflict(string responseName, string? reason, List<Conflict>? subConflicts, List<FieldNode> fields1, List<FieldNode> fields2)
    {
        public string ResponseName { get; } = responseName;

        public string? Reason { get; } = reason;

        public List<Conflict>? SubConflicts { get; } = subConflicts;

        public List<FieldNode> Fields1 { get; } = fields1;

        public List<FieldNode> Fields2 { get; } = fields2;

        public void AppendReason(StringBuilder builder)
        {
            if (SubConflicts is null)
            {
                builder.Append(Reason);
                return;
            }
            for (var i = 0; i < SubConflicts.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(" and ");
                }
                builder.Append("subfields \"").Append(SubConflicts[i].ResponseName).Append("\" conflict because ");
                SubConflicts[i].AppendReason(builder);
            }
        }
    }

    /// <summary>
    /// Pairs already compared, remembering whether they were compared as mutually exclusive: a pair compared as not
    /// mutually exclusive covers both cases, one compared as mutually exclusive only that case.
    /// </summary>
    private sealed class PairSet<TKey>(IEqualityComparer<(TKey, string)> comparer)
    {
        private readonly Dictionary<(TKey, string), bool> _data = new(comparer);

        public bool Has((TKey, string) key, bool areMutuallyExclusive) =>
            _data.TryGetValue(key, out var stored) && (areMutuallyExclusive || !stored);

        public void Add((TKey, string) key, bool areMutuallyExclusive) => _data[key] = areMutuallyExclusive;
    }

    private sealed class FieldMapAndNameComparer : IEqualityComparer<(FieldMap, string)>
    {
        public static FieldMapAndNameComparer Instance { get; } = new();

        public bool Equals((FieldMap, string) x, (FieldMap, string) y) =>
            ReferenceEquals(x.Item1, y.Item1) && string.Equals(x.Item2, y.Item2, StringComparison.Ordinal);

        public int GetHashCode((FieldMap, string) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), StringComparer.Ordinal.GetHashCode(obj.Item2));
    }

    private sealed class NamePairComparer : IEqualityComparer<(string, string)>
    {
        public static NamePairComparer Instance { get; } = new();

        public bool Equals((string, string) x, (string, string) y) =>
            string.Equals(x.Item1, y.Item1, StringComparison.Ordinal) && string.Equals(x.Item2, y.Item2, StringComparison.Ordinal);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Item1), StringComparer.Ordinal.GetHashCode(obj.Item2));
    }

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        private readonly Dictionary<SelectionSetNode, FieldsAndFragmentNames> _cache = new(ReferenceEqualityComparer.Instance);
        private readonly PairSet<string> _comparedFragmentPairs = new(NamePairComparer.Instance);
        private readonly PairSet<FieldMap> _comparedFieldsAndFragmentPairs = new(FieldMapAndNameComparer.Instance);
        private ValidationContext _context = null!;

        public override bool EnterSelectionSet(ValidationContext context, SelectionSetNode node)
        {
            _context = context;
            var conflicts = new List<Conflict>();
            FindConflictsWithinSelectionSet(conflicts, context.TypeInfo.ParentType, node);
            foreach (var conflict in conflicts)
            {
                var message = new StringBuilder("Fields \"").Append(conflict.ResponseName).Append("\" conflict because ");
                conflict.AppendReason(message);
                message.Append(". Use different aliases on the fields to fetch both if this was intentional.");
                var nodes = new List<ISyntaxNode>(conflict.Fields1.Count + conflict.Fields2.Count);
                nodes.AddRange(conflict.Fields1);
                nodes.AddRange(conflict.Fields2);
                ReportError(context, message.ToString(), nodes);
            }
            return true;
        }

        private void FindConflictsWithinSelectionSet(List<Conflict> conflicts, INamedType? parentType, SelectionSetNode selectionSet)
        {
            var (fieldMap, fragmentNames) = GetFieldsAndFragmentNames(parentType, selectionSet);
            CollectConflictsWithin(conflicts, fieldMap);
            for (var i = 0; i < fragmentNames.Count; i++)
            {
                CollectConflictsBetweenFieldsAndFragment(conflicts, false, fieldMap, fragmentNames[i]);
                for (var j = i + 1; j < fragmentNames.Count; j++)
                {
                    CollectConflictsBetweenFragments(conflicts, false, fragmentNames[i], fragmentNames[j]);
                }
            }
        }

        private void CollectConflictsBetweenFieldsAndFragment(List<Conflict> conflicts, bool areMutuallyExclusive, FieldMap fieldMap, string fragmentName)
        {
            if (_comparedFieldsAndFragmentPairs.Has((fieldMap, fragmentName), areMutuallyExclusive))
            {
                return;
            }
            _comparedFieldsAndFragmentPairs.Add((fieldMap, fragmentName), areMutuallyExclusive);
            if (_context.GetFragment(fragmentName) is not { } fragment)
            {
                return;
            }
            var (fieldMap2, referencedFragmentNames) = GetReferencedFieldsAndFragmentNames(fragment);
            if (ReferenceEquals(fieldMap, fieldMap2))
            {
                return;
            }
            CollectConflictsBetween(conflicts, areMutuallyExclusive, fieldMap, fieldMap2);
            foreach (var referenced in referencedFragmentNames)
            {
                CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fieldMap, referenced);
            }
        }

        private void CollectConflictsBetweenFragments(List<Conflict> conflicts, bool areMutuallyExclusive, string fragmentName1, string fragmentName2)
        {
            if (string.Equals(fragmentName1, fragmentName2, StringComparison.Ordinal))
            {
                return;
            }
            var key = string.CompareOrdinal(fragmentName1, fragmentName2) < 0 ? (fragmentName1, fragmentName2) : (fragmentName2, fragmentName1);
            if (_comparedFragmentPairs.Has(key, areMutuallyExclusive))
            {
                return;
            }
            _comparedFragmentPairs.Add(key, areMutuallyExclusive);
            if (_context.GetFragment(fragmentName1) is not { } fragment1 || _context.GetFragment(fragmentName2) is not { } fragment2)
            {
                return;
            }
            var (fieldMap1, referenced1) = GetReferencedFieldsAndFragmentNames(fragment1);
            var (fieldMap2, referenced2) = GetReferencedFieldsAndFragmentNames(fragment2);
            CollectConflictsBetween(conflicts, areMutuallyExclusive, fieldMap1, fieldMap2);
            foreach (var name in referenced2)
            {
                CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, fragmentName1, name);
            }
            foreach (var name in referenced1)
            {
                CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, name, fragmentName2);
            }
        }

        private List<Conflict> FindConflictsBetweenSubSelectionSets(
            bool areMutuallyExclusive,
            INamedType? parentType1,
            SelectionSetNode selectionSet1,
            INamedType? parentType2,
            SelectionSetNode selectionSet2)
        {
            var conflicts = new List<Conflict>();
            var (fieldMap1, fragmentNames1) = GetFieldsAndFragmentNames(parentType1, selectionSet1);
            var (fieldMap2, fragmentNames2) = GetFieldsAndFragmentNames(parentType2, selectionSet2);
            CollectConflictsBetween(conflicts, areMutuallyExclusive, fieldMap1, fieldMap2);
            foreach (var name in fragmentNames2)
            {
                CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fieldMap1, name);
            }
            foreach (var name in fragmentNames1)
            {
                CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, fieldMap2, name);
            }
            foreach (var name1 in fragmentNames1)
            {
                foreach (var name2 in fragmentNames2)
                {
                    CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, name1, name2);
                }
            }
            return conflicts;
        }

        private void CollectConflictsWithin(List<Conflict> conflicts, FieldMap fieldMap)
        {
            foreach (var responseName in fieldMap.Names)
            {
                var fields = fieldMap.Fields[responseName];
                for (var i = 0; i < fields.Count; i++)
                {
                    for (var j = i + 1; j < fields.Count; j++)
                    {
                        if (FindConflict(false, responseName, fields[i], fields[j]) is { } conflict)
                        {
                            conflicts.Add(conflict);
                        }
                    }
                }
            }
        }

        private void CollectConflictsBetween(List<Conflict> conflicts, bool parentFieldsAreMutuallyExclusive, FieldMap fieldMap1, FieldMap fieldMap2)
        {
            foreach (var responseName in fieldMap1.Names)
            {
                if (!fieldMap2.Fields.TryGetValue(responseName, out var fields2))
                {
                    continue;
                }
                foreach (var field1 in fieldMap1.Fields[responseName])
                {
                    foreach (var field2 in fields2)
                    {
                        if (FindConflict(parentFieldsAreMutuallyExclusive, responseName, field1, field2) is { } conflict)
                        {
                            conflicts.Add(conflict);
                        }
                    }
                }
            }
        }

        private Conflict? FindConflict(bool parentFieldsAreMutuallyExclusive, string responseName, FieldEntry field1, FieldEntry field2)
        {
            // Fields on different object types can never meet on one object: only their shapes must agree.
            var areMutuallyExclusive = parentFieldsAreMutuallyExclusive
                || (!ReferenceEquals(field1.ParentType, field2.ParentType) && field1.ParentType is ObjectType && field2.ParentType is ObjectType);
            var node1 = field1.Node;
            var node2 = field2.Node;
            if (!areMutuallyExclusive)
            {
                var name1 = node1.Name.Value;
                var name2 = node2.Name.Value;
                if (!string.Equals(name1, name2, StringComparison.Ordinal))
                {
                    return new Conflict(responseName, $"\"{name1}\" and \"{name2}\" are different fields", null, [node1], [node2]);
                }
                if (!SameArguments(node1.Arguments, node2.Arguments))
                {
                    return new Conflict(responseName, "they have differing arguments", null, [node1], [node2]);
                }
            }
            var type1 = field1.Definition?.Type;
            var type2 = field2.Definition?.Type;
            if (type1 is not null && type2 is not null && DoTypesConflict(type1, type2))
            {
                return new Conflict(responseName, $"they return conflicting types \"{type1.Print()}\" and \"{type2.Print()}\"", null, [node1], [node2]);
            }
            if (node1.SelectionSet is { } selectionSet1 && node2.SelectionSet is { } selectionSet2)
            {
                var subConflicts = FindConflictsBetweenSubSelectionSets(
                    areMutuallyExclusive,
                    type1?.NamedType(),
                    selectionSet1,
                    type2?.NamedType(),
                    selectionSet2);
                if (subConflicts.Count > 0)
                {
                    var fields1 = new List<FieldNode> { node1 };
                    var fields2 = new List<FieldNode> { node2 };
                    foreach (var sub in subConflicts)
                    {
                        fields1.AddRange(sub.Fields1);
                        fields2.AddRange(sub.Fields2);
                    }
                    return new Conflict(responseName, null, subConflicts, fields1, fields2);
                }
            }
            return null;
        }

        private static bool DoTypesConflict(IType type1, IType type2)
        {
            while (true)
            {
                if (type1 is ListType list1)
                {
                    if (type2 is not ListType list2)
                    {
                        return true;
                    }
                    type1 = list1.OfType;
                    type2 = list2.OfType;
                    continue;
                }
                if (type2 is ListType)
                {
                    return true;
                }
                if (type1 is NonNullType nonNull1)
                {
                    if (type2 is not NonNullType nonNull2)
                    {
                        return true;
                    }
                    type1 = nonNull1.OfType;
                    type2 = nonNull2.OfType;
                    continue;
                }
                if (type2 is NonNullType)
                {
                    return true;
                }
                if (type1 is ILeafType || type2 is ILeafType)
                {
                    return !ReferenceEquals(type1, type2);
                }
                return false;
            }
        }

        private FieldsAndFragmentNames GetFieldsAndFragmentNames(INamedType? parentType, SelectionSetNode selectionSet)
        {
            if (_cache.TryGetValue(selectionSet, out var cached))
            {
                return cached;
            }
            var fieldMap = new FieldMap();
            var fragmentNames = new List<string>();
            CollectFieldsAndFragmentNames(parentType, selectionSet, fieldMap, fragmentNames);
            var result = new FieldsAndFragmentNames(fieldMap, fragmentNames);
            _cache[selectionSet] = result;
            return result;
        }

        private FieldsAndFragmentNames GetReferencedFieldsAndFragmentNames(FragmentDefinitionNode fragment)
        {
            if (_cache.TryGetValue(fragment.SelectionSet, out var cached))
            {
                return cached;
            }
            _context.Schema.TryGetType(fragment.TypeCondition.Name.Value, out var fragmentType);
            return GetFieldsAndFragmentNames(fragmentType, fragment.SelectionSet);
        }

        private void CollectFieldsAndFragmentNames(INamedType? parentType, SelectionSetNode selectionSet, FieldMap fieldMap, List<string> fragmentNames)
        {
            var selections = selectionSet.Selections;
            for (var i = 0; i < selections.Count; i++)
            {
                switch (selections[i])
                {
                    case FieldNode field:
                        var definition = parentType is IComplexOutputType complex ? complex.Fields.Find(field.Name.Value) : null;
                        fieldMap.Add(field.ResponseName, new FieldEntry(parentType, field, definition));
                        break;
                    case FragmentSpreadNode spread:
                        if (!fragmentNames.Contains(spread.Name.Value))
                        {
                            fragmentNames.Add(spread.Name.Value);
                        }
                        break;
                    case InlineFragmentNode inline:
                        var inlineType = parentType;
                        if (inline.TypeCondition is { } condition)
                        {
                            inlineType = _context.Schema.TryGetType(condition.Name.Value, out var conditionType) ? conditionType : null;
                        }
                        CollectFieldsAndFragmentNames(inlineType, inline.SelectionSet, fieldMap, fragmentNames);
                        break;
                }
            }
        }

        private static bool SameArguments(IReadOnlyList<ArgumentNode> arguments1, IReadOnlyList<ArgumentNode> arguments2)
        {
            if (arguments1.Count != arguments2.Count)
            {
                return false;
            }
            for (var i = 0; i < arguments1.Count; i++)
            {
                var argument1 = arguments1[i];
                ArgumentNode? argument2 = null;
                for (var j = arguments2.Count - 1; j >= 0; j--)
                {
                    if (string.Equals(arguments2[j].Name.Value, argument1.Name.Value, StringComparison.Ordinal))
                    {
                        argument2 = arguments2[j];
                        break;
                    }
                }
                if (argument2 is null || !SameValue(argument1.Value, argument2.Value))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Whether two values print the same once the fields of every object value are sorted by name.</summary>
        private static bool SameValue(IValueNode value1, IValueNode value2)
        {
            if (value1.Kind != value2.Kind)
            {
                return false;
            }
            switch (value1)
            {
                case NullValueNode:
                    return true;
                case BooleanValueNode boolean1:
                    return boolean1.Value == ((BooleanValueNode)value2).Value;
                case StringValueNode string1:
                    var string2 = (StringValueNode)value2;
                    return string1.Block == string2.Block && string.Equals(string1.Value, string2.Value, StringComparison.Ordinal);
                case ListValueNode list1:
                    var items1 = list1.Items;
                    var items2 = ((ListValueNode)value2).Items;
                    if (items1.Count != items2.Count)
                    {
                        return false;
                    }
                    for (var i = 0; i < items1.Count; i++)
                    {
                        if (!SameValue(items1[i], items2[i]))
                        {
                            return false;
                        }
                    }
                    return true;
                case ObjectValueNode object1:
                    var fields1 = SortedFields(object1);
                    var fields2 = SortedFields((ObjectValueNode)value2);
                    if (fields1.Count != fields2.Count)
                    {
                        return false;
                    }
                    for (var i = 0; i < fields1.Count; i++)
                    {
                        if (!string.Equals(fields1[i].Name.Value, fields2[i].Name.Value, StringComparison.Ordinal)
                            || !SameValue(fields1[i].Value, fields2[i].Value))
                        {
                            return false;
                        }
                    }
                    return true;
                default:
                    // Int, Float and Enum values and variables: same kind and same text.
                    return string.Equals(value1.Value as string, value2.Value as string, StringComparison.Ordinal);
            }
        }

        private static List<ObjectFieldNode> SortedFields(ObjectValueNode value)
        {
            var fields = new List<ObjectFieldNode>(value.Fields.Count);
            foreach (var field in value.Fields)
            {
                var index = fields.Count;
                while (index > 0 && NaturalOrder.Compare(fields[index - 1].Name.Value, field.Name.Value) > 0)
                {
                    index--;
                }
                fields.Insert(index, field);
            }
            return fields;
        }
    }
}
