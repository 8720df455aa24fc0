using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>The opaque IDs the graph gives its nodes, for tests that start from database keys.</summary>
public static class GlobalIds
{
    private static readonly DefaultNodeIdSerializer Serializer = new();

    public static string Book(Guid id) => Serializer.Format("Book", id);

    public static string Author(Guid id) => Serializer.Format("Author", id);

    public static string Tontine(Guid id) => Serializer.Format("Tontine", id);

    public static string User(Guid id) => Serializer.Format("User", id);

    /// <summary>The global ID of any node type's key, e.g. <c>Of("TontineSession", id)</c>.</summary>
    public static string Of(string typeName, Guid id) => Serializer.Format(typeName, id);

    /// <summary>The database key inside a global ID.</summary>
    public static Guid KeyOf(string id) => (Guid)Serializer.Parse(id).Key;
}
