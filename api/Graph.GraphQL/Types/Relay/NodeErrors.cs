namespace Graph.GraphQL.Types.Relay;

/// <summary>The errors of global object identification, all with an <c>extensions.code</c> clients can branch on.</summary>
public static class NodeErrors
{
    /// <summary>The ID is not a global ID at all (<see cref="ErrorCodes.InvalidNodeId"/>).</summary>
    public static GraphQLError InvalidId(string? id) =>
        new GraphQLError($"The ID \"{Shorten(id)}\" is not a valid node ID.").WithCode(ErrorCodes.InvalidNodeId);

    /// <summary>The ID is well formed but names a type that is not a node type of the schema (<see cref="ErrorCodes.InvalidNodeId"/>).</summary>
    public static GraphQLError NotANodeType(string id, string typeName) =>
        new GraphQLError($"The ID \"{Shorten(id)}\" refers to the type \"{typeName}\", which is not a node type of this schema.").WithCode(ErrorCodes.InvalidNodeId);

    /// <summary>The ID belongs to another type than the one expected (<see cref="ErrorCodes.InvalidNodeId"/>).</summary>
    public static GraphQLError WrongType(string id, string expectedType, string actualType) =>
        new GraphQLError($"The ID \"{Shorten(id)}\" is not a valid ID of type \"{expectedType}\": it is an ID of \"{actualType}\".").WithCode(ErrorCodes.InvalidNodeId);

    /// <summary>The ID's key does not fit the key type of its node type (<see cref="ErrorCodes.InvalidNodeId"/>).</summary>
    public static GraphQLError WrongKey(string typeName, object key, Type keyType) =>
        new GraphQLError($"The key {key} is not a valid {keyType.Name} key of the type \"{typeName}\".").WithCode(ErrorCodes.InvalidNodeId);

    /// <summary>More IDs than <c>nodes</c> accepts at once (<see cref="ErrorCodes.NodeLimitExceeded"/>).</summary>
    public static GraphQLError LimitExceeded(int count, int max) =>
        new GraphQLError($"The nodes field accepts at most {max} IDs at once, but {count} were given.").WithCode(ErrorCodes.NodeLimitExceeded);

    /// <summary>IDs are echoed back in messages, but never whole when a client sends a huge one.</summary>
    private static string Shorten(string? id) => id is null ? string.Empty : id.Length <= 100 ? id : id[..100] + "...";
}
