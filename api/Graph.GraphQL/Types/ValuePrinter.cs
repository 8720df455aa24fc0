using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>Prints value literals as the reference implementation prints default values: strings always quoted (never block strings).</summary>
public static class ValuePrinter
{
    /// <summary>Prints <paramref name="value"/> as GraphQL source.</summary>
    public static string Print(IValueNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Printer.Print(Normalize(value));
    }

    private static IValueNode Normalize(IValueNode value) => value switch
    {
        StringValueNode { Block: true } s => new StringValueNode(s.Value),
        ListValueNode list => new ListValueNode(null, list.Items.Select(Normalize).ToArray()),
        ObjectValueNode obj => new ObjectValueNode(null, obj.Fields.Select(f => new ObjectFieldNode(f.Name.Value, Normalize(f.Value))).ToArray()),
        _ => value,
    };
}
