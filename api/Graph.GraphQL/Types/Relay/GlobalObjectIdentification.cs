using Graph.GraphQL.Configuration;

namespace Graph.GraphQL.Types.Relay;

/// <summary>Options of global object identification.</summary>
public sealed class GlobalObjectIdentificationOptions
{
    /// <summary>The most IDs <c>nodes(ids:)</c> accepts in one call (default 50); more is an error <see cref="ErrorCodes.NodeLimitExceeded"/>.</summary>
    public int MaxAllowedNodeBatchSize { get; set; } = 50;
}

/// <summary>
/// Global object identification (<see href="https://relay.dev/graphql/objectidentification.htm">the Relay spec</see>) on a
/// schema builder: the <c>Node</c> interface, <c>node(id: ID!): Node</c> and <c>nodes(ids: [ID!]!): [Node]!</c> on the query
/// type, node types from <see cref="NodeAttribute"/> (or <c>ImplementsNode()</c>), and <see cref="IDAttribute"/> members
/// carrying global IDs. Without it, <see cref="IDAttribute"/> only types values as <c>ID</c> and the schema is unchanged.
/// </summary>
public static class GlobalObjectIdentification
{
    /// <summary>The name of the node interface.</summary>
    public const string NodeInterfaceName = "Node";

    /// <summary>Context data of an output field whose values are formatted as global IDs of the named type.</summary>
    internal const string IdTypeNameKey = "Graph.Relay.IdTypeName";

    private const string NodeInterfaceSdl = """
        "An object with a globally unique ID, which node(id:) fetches again."
        interface Node {
          "The globally unique ID of the object."
          id: ID!
        }
        """;

    /// <summary>Adds global object identification with <paramref name="serializer"/> formatting and parsing the IDs.</summary>
    public static SchemaBuilder AddGlobalObjectIdentification(this SchemaBuilder builder, INodeIdSerializer serializer, GlobalObjectIdentificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(serializer);
        options ??= new GlobalObjectIdentificationOptions();
        if (options.MaxAllowedNodeBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxAllowedNodeBatchSize must be at least 1.");
        }
        return builder
            .AddDocumentFromString(NodeInterfaceSdl)
            .ModifyOptions(o => o.ParameterBindings.Add(new NodeIdParameterBinding(serializer)))
            .ConfigureDefinitions(context =>
            {
                NodeFields.AddToQueryType(context, serializer, options.MaxAllowedNodeBatchSize);
                NodeIdOutput.Apply(context, serializer);
            });
    }
}
