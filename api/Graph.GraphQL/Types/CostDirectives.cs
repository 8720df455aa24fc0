using System.Globalization;
using System.Reflection;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>
/// The directives of the IBM GraphQL Cost specification that the cost analysis reads: <c>@cost</c> (the weight of a
/// field, or of every field returning an object type) and <c>@listSize</c> (how many items a list field returns). The
/// schema builder declares them only when a schema applies them, so schemas without costs print as before.
/// </summary>
public static class CostDirectives
{
    public const string Cost = "cost";
    public const string ListSize = "listSize";

    /// <summary>The definitions added to a schema that applies <c>@cost</c> or <c>@listSize</c>.</summary>
    public const string Sdl = """
        "The relative cost of resolving a field, or of every field returning an object type; the operation cost adds them up."
        directive @cost(
          "The weight, a number written as a string (e.g. \"10\")."
          weight: String!
        ) on FIELD_DEFINITION | OBJECT

        "How many items a list field returns, for the cost analysis."
        directive @listSize(
          "The size to assume when no slicing argument gives one."
          assumedSize: Int
          "Arguments whose value is the number of items returned (e.g. first, last)."
          slicingArguments: [String!]
          "Child fields that carry the sized list (e.g. edges, nodes of a connection) instead of this field."
          sizedFields: [String!]
          "Whether exactly one slicing argument must be set when there is no assumed size."
          requireOneSlicingArgument: Boolean = true
        ) on FIELD_DEFINITION
        """;

    /// <summary>Whether <paramref name="name"/> is one of these directives.</summary>
    public static bool IsCostDirectiveName(string name) => name is Cost or ListSize;
}

/// <summary>Sets the cost weight of a field (<c>@cost(weight: "10")</c>) for the cost analysis.</summary>
public sealed class CostAttribute(double weight) : ObjectFieldDescriptorAttribute
{
    /// <summary>The weight of one resolution of the field.</summary>
    public double Weight { get; } = weight;

    protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member) =>
        descriptor.Cost(Weight);
}

/// <summary>Tells the cost analysis how many items a list field returns (<c>@listSize</c>).</summary>
public sealed class ListSizeAttribute : ObjectFieldDescriptorAttribute
{
    /// <summary>The size to assume when no slicing argument gives one; 0 or less means none.</summary>
    public int AssumedSize { get; set; }

    /// <summary>Arguments whose value is the number of items returned.</summary>
    public string[]? SlicingArguments { get; set; }

    /// <summary>Child fields that carry the sized list (a connection's <c>edges</c> and <c>nodes</c>).</summary>
    public string[]? SizedFields { get; set; }

    /// <summary>Whether exactly one slicing argument must be set when there is no assumed size; default true.</summary>
    public bool RequireOneSlicingArgument { get; set; } = true;

    protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member) =>
        descriptor.ListSize(AssumedSize > 0 ? AssumedSize : null, SlicingArguments, SizedFields, RequireOneSlicingArgument);
}

/// <summary>The cost directives on field descriptors.</summary>
public static class CostDescriptorExtensions
{
    /// <summary>Applies <c>@cost(weight: ...)</c>: the weight of one resolution of the field.</summary>
    public static IObjectFieldDescriptor Cost(this IObjectFieldDescriptor descriptor, double weight)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        return descriptor.Directive(CostDirectives.Cost,
            new ArgumentNode("weight", new StringValueNode(weight.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>Applies <c>@listSize</c>: how many items the list field returns.</summary>
    public static IObjectFieldDescriptor ListSize(
        this IObjectFieldDescriptor descriptor,
        int? assumedSize = null,
        IReadOnlyList<string>? slicingArguments = null,
        IReadOnlyList<string>? sizedFields = null,
        bool requireOneSlicingArgument = true)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var arguments = new List<ArgumentNode>();
        if (assumedSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(size, nameof(assumedSize));
            arguments.Add(new ArgumentNode("assumedSize", new IntValueNode(size)));
        }
        if (slicingArguments is { Count: > 0 })
        {
            arguments.Add(new ArgumentNode("slicingArguments", Strings(slicingArguments)));
        }
        if (sizedFields is { Count: > 0 })
        {
            arguments.Add(new ArgumentNode("sizedFields", Strings(sizedFields)));
        }
        if (!requireOneSlicingArgument)
        {
            arguments.Add(new ArgumentNode("requireOneSlicingArgument", new BooleanValueNode(false)));
        }
        return descriptor.Directive(CostDirectives.ListSize, [.. arguments]);
    }

    private static ListValueNode Strings(IReadOnlyList<string> values) =>
        new([.. values.Select(static value => (IValueNode)new StringValueNode(value))]);
}
