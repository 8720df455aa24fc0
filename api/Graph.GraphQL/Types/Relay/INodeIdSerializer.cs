namespace Graph.GraphQL.Types.Relay;

/// <summary>A parsed global ID: the GraphQL name of the node type and the type's own key.</summary>
/// <param name="TypeName">The name of the object type the ID belongs to (<c>Book</c>).</param>
/// <param name="Key">The key within that type: a <see cref="Guid"/>, <see cref="int"/>, <see cref="long"/> or <see cref="string"/>.</param>
public readonly record struct NodeId(string TypeName, object Key);

/// <summary>
/// Turns a type name and a key into the opaque global ID clients see, and back
/// (<see href="https://graphql.org/learn/global-object-identification/">Global Object Identification</see>).
/// Registered as a singleton by <c>AddGlobalObjectIdentification()</c>; replace the service to change the format.
/// </summary>
public interface INodeIdSerializer
{
    /// <summary>The global ID of the object of type <paramref name="typeName"/> with key <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The type name is not a GraphQL name, or the key is not of a supported type.</exception>
    string Format(string typeName, object key);

    /// <summary>The type name and key encoded in <paramref name="id"/>.</summary>
    /// <exception cref="GraphQLException">The ID is not one this serializer produced (code <see cref="ErrorCodes.InvalidNodeId"/>).</exception>
    NodeId Parse(string id);

    /// <summary>Like <see cref="Parse"/>, without exception: false when <paramref name="id"/> is not a valid global ID.</summary>
    bool TryParse(string? id, out NodeId nodeId);
}
