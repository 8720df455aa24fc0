using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types.Relay;

/// <summary>The <c>node(id:)</c> and <c>nodes(ids:)</c> fields of the query type and how they dispatch to node resolvers.</summary>
internal static class NodeFields
{
    public static void AddToQueryType(SchemaDefinitionContext context, INodeIdSerializer serializer, int maxBatchSize)
    {
        var queryName = context.Schema.RootTypes.TryGetValue(OperationType.Query, out var root) ? root.Name.Value : OperationTypeNames.Query;
        if (context.FindType(queryName) is not ObjectTypeDefinition query)
        {
            context.Errors.Add(new SchemaError($"Global object identification adds node(id:) to the query type, but there is no query type \"{queryName}\"."));
            return;
        }
        foreach (var name in new[] { "node", "nodes" })
        {
            if (query.Fields.Exists(f => f.Name == name))
            {
                context.Errors.Add(new SchemaError($"Global object identification adds {queryName}.{name}, which is already defined."));
                return;
            }
        }
        var node = new OutputFieldDefinition("node", new NamedTypeNode(GlobalObjectIdentification.NodeInterfaceName))
        {
            Description = "Fetches the object with the given global ID; null when it does not exist.",
            Resolver = c => ResolveAsync(c, serializer, c.ArgumentValue<string>("id")),
        };
        node.Arguments.Add(new InputValueDefinition("id", Parser.ParseType("ID!")) { Description = "The global ID of the object." });
        var nodes = new OutputFieldDefinition("nodes", Parser.ParseType($"[{GlobalObjectIdentification.NodeInterfaceName}]!"))
        {
            Description = $"Fetches the objects with the given global IDs, in order; null for each one that does not exist. At most {maxBatchSize} IDs.",
            Resolver = c => ResolveManyAsync(c, serializer, maxBatchSize),
        };
        nodes.Arguments.Add(new InputValueDefinition("ids", Parser.ParseType("[ID!]!")) { Description = "The global IDs of the objects." });
        query.Fields.Add(node);
        query.Fields.Add(nodes);
    }

    /// <summary>Parses <paramref name="id"/>, finds its node type and runs the type's node resolver with the key.</summary>
    /// <exception cref="GraphQLException">The ID is malformed or not of a node type (<see cref="ErrorCodes.InvalidNodeId"/>).</exception>
    public static ValueTask<object?> ResolveAsync(IResolverContext context, INodeIdSerializer serializer, string? id)
    {
        if (!serializer.TryParse(id, out var nodeId))
        {
            throw new GraphQLException(NodeErrors.InvalidId(id));
        }
        if (!context.Schema.TryGetType<ObjectType>(nodeId.TypeName, out var type)
            || !type.ContextData.TryGetValue(NodeTypeInfo.ContextDataKey, out var value) || value is not NodeTypeInfo info)
        {
            throw new GraphQLException(NodeErrors.NotANodeType(id!, nodeId.TypeName));
        }
        var key = NodeKeys.Convert(nodeId.TypeName, nodeId.Key, info.KeyType)!;
        return info.Resolver(new NodeResolverContext(context, nodeId.TypeName, key));
    }

    /// <summary>
    /// Starts every ID's node resolver before awaiting any, so DataLoaders batch the keys of one type into one fetch. An
    /// invalid ID gives null at its index and an error with the item's path; the other IDs still resolve.
    /// </summary>
    private static async ValueTask<object?> ResolveManyAsync(IResolverContext context, INodeIdSerializer serializer, int maxBatchSize)
    {
        var ids = context.ArgumentValue<List<string>>("ids");
        if (ids.Count > maxBatchSize)
        {
            throw new GraphQLException(NodeErrors.LimitExceeded(ids.Count, maxBatchSize));
        }
        var pending = new Task<object?>[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            pending[i] = ResolveItemAsync(context, serializer, ids[i], i);
        }
        return await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private static async Task<object?> ResolveItemAsync(IResolverContext context, INodeIdSerializer serializer, string id, int index)
    {
        try
        {
            return await ResolveAsync(context, serializer, id).ConfigureAwait(false);
        }
        catch (GraphQLException ex)
        {
            foreach (var error in ex.Errors)
            {
                context.ReportError(error.WithPath(context.Path.Append(index)));
            }
            return null;
        }
    }
}
