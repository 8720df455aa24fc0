using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>The opaque IDs the graph gives its nodes, for tests that start from database keys.</summary>
public static class GlobalIds
{
    private static readonly DefaultNodeIdSerializer Serializer = new();

    public static string Book(Guid id) => Serializer.Format("Book", id);

    public static string Author(Guid id) => Serializer.Format("Author", id);

    /// <summary>The database key inside a Book or Author ID.</summary>
    public static Guid KeyOf(string id) => (Guid)Serializer.Parse(id).Key;
}
