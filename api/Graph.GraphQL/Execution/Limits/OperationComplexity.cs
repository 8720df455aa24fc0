using System.Globalization;
using System.Runtime.CompilerServices;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Execution.Limits;

/// <summary>
/// What an operation would cost if executed, measured on its document before execution: the deepest field nesting,
/// the field cost (weights of every resolution) and the type cost (objects returned). See <see cref="CostOptions"/>.
/// </summary>
/// <param name="Depth">The deepest field nesting (root fields are at depth 1; introspection fields are not counted).</param>
/// <param name="FieldCost">The sum of the weights of every field resolution the operation may cause.</param>
/// <param name="TypeCost">How many objects the operation may return.</param>
public sealed record OperationComplexity(int Depth, double FieldCost, double TypeCost)
{
    private static readonly ConditionalWeakTable<Operation, OperationComplexity> Constant = new();

    /// <summary>
    /// Measures <paramref name="operation"/> with its coerced <paramref name="variables"/>. Operations whose sizes do not
    /// depend on variables are measured once and remembered with the operation.
    /// </summary>
    /// <exception cref="GraphQLException">A list field that requires one slicing argument got none or several.</exception>
    public static OperationComplexity Measure(Operation operation, IReadOnlyDictionary<string, object?> variables, CostOptions options)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(options);
        if (Constant.TryGetValue(operation, out var known))
        {
            return known;
        }
        var analyzer = new ComplexityAnalyzer(operation, variables, options);
        var complexity = analyzer.Run();
        if (!analyzer.UsedVariables)
        {
            Constant.AddOrUpdate(operation, complexity);
        }
        return complexity;
    }
}

/// <summary>One walk of an operation's selections, with the fragments measured once per use context.</summary>
internal sealed class ComplexityAnalyzer(Operation operation, IReadOnlyDictionary<string, object?> variables, CostOptions options)
{
    private readonly Dictionary<(string Fragment, SizedChildren? Sized, bool IsRoot), Measure> _fragments = [];

    /// <summary>Whether a slicing argument came from a variable (the measure then holds for these variables only).</summary>
    public bool UsedVariables { get; private set; }

    public OperationComplexity Run()
    {
        var measure = SelectionSet(operation.Definition.SelectionSet, operation.RootType, sized: null, isRoot: true);
        return new OperationComplexity(measure.Depth, measure.FieldCost, measure.TypeCost);
    }

    private Measure SelectionSet(SelectionSetNode selectionSet, INamedType parentType, SizedChildren? sized, bool isRoot = false)
    {
        var total = default(Measure);
        foreach (var selection in selectionSet.Selections)
        {
            var measure = selection switch
            {
                FieldNode field => Field(field, parentType, sized, isRoot),
                InlineFragmentNode inline => SelectionSet(
                    inline.SelectionSet,
                    inline.TypeCondition is { } condition && operation.Schema.TryGetType(condition.Name.Value, out var type) ? type : parentType,
                    sized,
                    isRoot),
                FragmentSpreadNode spread => Fragment(spread.Name.Value, sized, isRoot),
                _ => default,
            };
            total = total.Add(measure);
        }
        return total;
    }

    private Measure Fragment(string name, SizedChildren? sized, bool isRoot)
    {
        if (_fragments.TryGetValue((name, sized, isRoot), out var known))
        {
            return known;
        }
        if (!operation.Fragments.TryGetValue(name, out var fragment)
            || !operation.Schema.TryGetType(fragment.TypeCondition.Name.Value, out var type))
        {
            return default;
        }
        var measure = SelectionSet(fragment.SelectionSet, type, sized, isRoot);
        _fragments[(name, sized, isRoot)] = measure;
        return measure;
    }

    private Measure Field(FieldNode node, INamedType parentType, SizedChildren? sized, bool isRoot)
    {
        var name = node.Name.Value;
        if (name is IntrospectionNames.Schema or IntrospectionNames.Type)
        {
            return default;
        }
        if (name == IntrospectionNames.TypeName || operation.Schema.GetFieldDefinition(parentType, name) is not { } field)
        {
            return new Measure(1, 0, 0);
        }

        var costs = FieldCosts.Of(field);
        var resultType = field.Type.NamedType();
        var isComposite = resultType is IComplexOutputType or UnionType;
        var weight = costs.Weight
            ?? (isRoot && operation.Type == OperationType.Mutation ? options.MutationFieldCost
            : isComposite ? FieldCosts.TypeWeight(resultType) ?? 1
            : 0);

        // How many times the selections below run: the list's size, or the size a sized parent gave this child.
        var multiplier = 1.0;
        SizedChildren? childSized = null;
        if (sized is not null && sized.Fields.Contains(name))
        {
            multiplier = sized.Size;
        }
        else if (costs.ListSize is { SizedFields.Count: > 0 } sizedList)
        {
            childSized = new SizedChildren(sizedList.SizedFields, ListSize(node, field, sizedList));
        }
        else if (costs.ListSize is { } listSize)
        {
            multiplier = ListSize(node, field, listSize);
        }
        else if (field.Type.IsListType())
        {
            multiplier = options.DefaultListSize;
        }

        var children = node.SelectionSet is { } selectionSet ? SelectionSet(selectionSet, resultType, childSized) : default;
        var typeWeight = isComposite ? FieldCosts.TypeWeight(resultType) ?? 1 : 0;
        return new Measure(
            1 + children.Depth,
            weight + multiplier * children.FieldCost,
            multiplier * (typeWeight + children.TypeCost));
    }

    private double ListSize(FieldNode node, IOutputField field, ListSizeInfo listSize)
    {
        double? size = null;
        var given = 0;
        foreach (var argumentName in listSize.SlicingArguments)
        {
            if (SlicingValue(node, field, argumentName) is { } value)
            {
                given++;
                size = Math.Max(size ?? 0, value);
            }
        }
        if (listSize.RequireOneSlicingArgument && listSize.SlicingArguments.Count > 0 && given != 1 && listSize.AssumedSize is null)
        {
            throw new GraphQLException(new GraphQLError(
                $"Exactly one slicing argument of {field.Coordinate} ({string.Join(", ", listSize.SlicingArguments)}) must be set.",
                node.Location is { } location ? [location.ToErrorLocation()] : null).WithCode(ErrorCodes.SlicingArgumentRequired));
        }
        return size ?? listSize.AssumedSize ?? options.DefaultListSize;
    }

    private double? SlicingValue(FieldNode node, IOutputField field, string argumentName)
    {
        IValueNode? literal = null;
        foreach (var argument in node.Arguments)
        {
            if (argument.Name.Value == argumentName)
            {
                literal = argument.Value;
                break;
            }
        }
        if (literal is null && field.Arguments.Find(argumentName) is { } definition)
        {
            literal = definition.DefaultValue;
        }
        object? value = literal switch
        {
            VariableNode variable => VariableValue(variable.Name.Value),
            IntValueNode integer => double.TryParse(integer.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
            _ => null,
        };
        return value switch
        {
            int i => Math.Max(i, 0),
            long l => Math.Max(l, 0),
            double d => Math.Max(d, 0),
            decimal m => (double)Math.Max(m, 0),
            _ => null,
        };
    }

    private object? VariableValue(string name)
    {
        UsedVariables = true;
        return variables.TryGetValue(name, out var value) ? value : null;
    }
}

/// <summary>The depth and costs of a selection.</summary>
internal readonly record struct Measure(int Depth, double FieldCost, double TypeCost)
{
    public Measure Add(Measure other) => new(Math.Max(Depth, other.Depth), FieldCost + other.FieldCost, TypeCost + other.TypeCost);
}

/// <summary>The child fields of a connection that carry its size (<c>@listSize(sizedFields:)</c>).</summary>
internal sealed record SizedChildren(IReadOnlyList<string> Fields, double Size)
{
    public bool Equals(SizedChildren? other) =>
        other is not null && Size.Equals(other.Size) && Fields.SequenceEqual(other.Fields, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Size, Fields.Count);
}

/// <summary>What <c>@listSize</c> says of a field.</summary>
internal sealed record ListSizeInfo(int? AssumedSize, IReadOnlyList<string> SlicingArguments, IReadOnlyList<string> SizedFields, bool RequireOneSlicingArgument);

/// <summary>The cost directives of a field or type, read once from its applied directives.</summary>
internal sealed record FieldCosts(double? Weight, ListSizeInfo? ListSize)
{
    private static readonly ConditionalWeakTable<IOutputField, FieldCosts> Fields = new();
    private static readonly ConditionalWeakTable<INamedType, StrongBox<double?>> Types = new();

    public static FieldCosts Of(IOutputField field) => Fields.GetValue(field, static f => new FieldCosts(WeightOf(f.Directives), ListSizeOf(f.Directives)));

    /// <summary>The <c>@cost</c> weight of an object type, or null.</summary>
    public static double? TypeWeight(INamedType type) => Types.GetValue(type, static t => new StrongBox<double?>(WeightOf(t.Directives))).Value;

    private static double? WeightOf(IReadOnlyList<AppliedDirective> directives)
    {
        foreach (var directive in directives)
        {
            if (directive.Name == CostDirectives.Cost
                && directive.GetArgumentLiteral("weight") is StringValueNode { Value: var text }
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                && weight >= 0)
            {
                return weight;
            }
        }
        return null;
    }

    private static ListSizeInfo? ListSizeOf(IReadOnlyList<AppliedDirective> directives)
    {
        foreach (var directive in directives)
        {
            if (directive.Name != CostDirectives.ListSize)
            {
                continue;
            }
            int? assumed = directive.GetArgumentLiteral("assumedSize") is IntValueNode { Value: var size }
                && int.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : null;
            return new ListSizeInfo(
                assumed,
                Strings(directive.GetArgumentLiteral("slicingArguments")),
                Strings(directive.GetArgumentLiteral("sizedFields")),
                directive.GetArgumentLiteral("requireOneSlicingArgument") is not BooleanValueNode { Value: false });
        }
        return null;
    }

    private static string[] Strings(IValueNode? value) => value switch
    {
        ListValueNode list => [.. list.Items.OfType<StringValueNode>().Select(static s => s.Value)],
        StringValueNode single => [single.Value],
        _ => [],
    };
}
