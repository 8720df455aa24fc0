using Graph.GraphQL.Data.Paging;

namespace Graph.GraphQL.Data;

/// <summary>Where a page sits among all items: what the Relay <c>PageInfo</c> type reports.</summary>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>One item of a connection and the cursor that points at it.</summary>
public sealed record Edge<T>(string Cursor, T Node) : IEdge
{
    object? IEdge.Node => Node;
}

/// <summary>A page of a cursor-paged list (a Relay connection).</summary>
public sealed class Connection<T> : IConnection
{
    /// <summary>Creates the page.</summary>
    public Connection(IReadOnlyList<Edge<T>> edges, PageInfo pageInfo, int? totalCount = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(pageInfo);
        Edges = edges;
        PageInfo = pageInfo;
        TotalCount = totalCount;
    }

    /// <summary>The items with their cursors, in order.</summary>
    public IReadOnlyList<Edge<T>> Edges { get; }

    /// <summary>The items, in order.</summary>
    public IEnumerable<T> Nodes => Edges.Select(static e => e.Node);

    /// <summary>Where the page sits.</summary>
    public PageInfo PageInfo { get; }

    /// <summary>How many items there are in all (when it was counted).</summary>
    public int? TotalCount { get; }

    IEnumerable<object?> IConnection.Edges => Edges;

    IEnumerable<object?> IConnection.Nodes => Edges.Select(static e => (object?)e.Node);
}

/// <summary>The shape the connection types read, whatever the item type.</summary>
internal interface IConnection
{
    IEnumerable<object?> Edges { get; }

    IEnumerable<object?> Nodes { get; }

    PageInfo PageInfo { get; }

    int? TotalCount { get; }
}

/// <summary>What the <c>CollectionSegmentInfo</c> type reports about an offset page.</summary>
public sealed record CollectionSegmentInfo(bool HasNextPage, bool HasPreviousPage);

/// <summary>A page of an offset-paged list.</summary>
public sealed class CollectionSegment<T> : ICollectionSegment
{
    /// <summary>Creates the page.</summary>
    public CollectionSegment(IReadOnlyList<T> items, CollectionSegmentInfo pageInfo, int? totalCount = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(pageInfo);
        Items = items;
        PageInfo = pageInfo;
        TotalCount = totalCount;
    }

    /// <summary>The items of the page, in order.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>Whether there are items before and after the page.</summary>
    public CollectionSegmentInfo PageInfo { get; }

    /// <summary>How many items there are in all (when it was counted).</summary>
    public int? TotalCount { get; }

    IEnumerable<object?> ICollectionSegment.Items => Items.Cast<object?>();
}

/// <summary>The shape the collection segment types read, whatever the item type.</summary>
internal interface ICollectionSegment
{
    IEnumerable<object?> Items { get; }

    CollectionSegmentInfo PageInfo { get; }

    int? TotalCount { get; }
}
