using System.Collections;
using Graph.GraphQL.Data.Paging;

namespace Graph.GraphQL.Data;

/// <summary>Where a page sits among all items: what the Relay <c>PageInfo</c> type reports.</summary>
public sealed class PageInfo
{
    private readonly ICursorSource? _cursors;
    private readonly string? _startCursor;
    private readonly string? _endCursor;

    /// <summary>Creates the page's position.</summary>
    public PageInfo(bool hasNextPage, bool hasPreviousPage, string? startCursor, string? endCursor)
    {
        HasNextPage = hasNextPage;
        HasPreviousPage = hasPreviousPage;
        _startCursor = startCursor;
        _endCursor = endCursor;
    }

    /// <summary>The position of a page whose cursors are encoded when first read.</summary>
    internal PageInfo(bool hasNextPage, bool hasPreviousPage, ICursorSource cursors)
    {
        HasNextPage = hasNextPage;
        HasPreviousPage = hasPreviousPage;
        _cursors = cursors;
    }

    /// <summary>Whether items follow the page.</summary>
    public bool HasNextPage { get; }

    /// <summary>Whether items precede the page.</summary>
    public bool HasPreviousPage { get; }

    /// <summary>The cursor of the first item, or null for an empty page.</summary>
    public string? StartCursor => _cursors is { Count: > 0 } cursors ? cursors.CursorAt(0) : _startCursor;

    /// <summary>The cursor of the last item, or null for an empty page.</summary>
    public string? EndCursor => _cursors is { Count: > 0 } cursors ? cursors.CursorAt(cursors.Count - 1) : _endCursor;
}

/// <summary>One item of a connection and the cursor that points at it.</summary>
public sealed class Edge<T> : IEdge
{
    private readonly object?[]? _keys;
    private readonly string? _signature;
    private string? _cursor;

    /// <summary>Creates the edge.</summary>
    public Edge(string cursor, T node)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        _cursor = cursor;
        Node = node;
    }

    /// <summary>An edge whose cursor is encoded from the item's ordering key values when first read.</summary>
    internal Edge(T node, object?[]? keys, string signature)
    {
        Node = node;
        _keys = keys;
        _signature = signature;
    }

    /// <summary>Where this edge is: pass it as <c>after</c> or <c>before</c> to page from here.</summary>
    public string Cursor => _cursor ??= _keys is not null
        ? CursorCodec.Encode(_signature!, _keys)
        : throw new InvalidOperationException("This page was read without its ordering keys, because no cursor was selected.");

    /// <summary>The item.</summary>
    public T Node { get; }

    object? IEdge.Node => Node;
}

/// <summary>A page of a cursor-paged list (a Relay connection).</summary>
/// <remarks>
/// The pager reads the items and, only when the client selects cursors, their ordering keys; edges and cursors are made
/// when first read, so <c>nodes { ... }</c> costs neither an edge nor a cursor per item.
/// </remarks>
public sealed class Connection<T> : IConnection, ICursorSource
{
    private readonly IReadOnlyList<T> _nodes;
    private readonly IReadOnlyList<object?[]>? _keys;
    private readonly string _signature = "";
    private IReadOnlyList<Edge<T>>? _edges;

    /// <summary>Creates the page.</summary>
    public Connection(IReadOnlyList<Edge<T>> edges, PageInfo pageInfo, int? totalCount = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(pageInfo);
        _edges = edges;
        _nodes = edges.Select(static e => e.Node).ToArray();
        PageInfo = pageInfo;
        TotalCount = totalCount;
    }

    /// <summary>
    /// The page of <paramref name="nodes"/> (a list, as the executor completes lists by index) with, when cursors are
    /// wanted, the ordering <paramref name="keys"/> of each item and the <paramref name="signature"/> cursors carry.
    /// </summary>
    internal Connection(List<T> nodes, IReadOnlyList<object?[]>? keys, string signature, bool hasNextPage, bool hasPreviousPage, int? totalCount)
    {
        _nodes = nodes;
        _keys = keys;
        _signature = signature;
        PageInfo = new PageInfo(hasNextPage, hasPreviousPage, this);
        TotalCount = totalCount;
    }

    /// <summary>The items with their cursors, in order.</summary>
    public IReadOnlyList<Edge<T>> Edges => _edges ??= CreateEdges();

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<T> Nodes => _nodes;

    /// <summary>Where the page sits.</summary>
    public PageInfo PageInfo { get; }

    /// <summary>How many items there are in all (when it was counted).</summary>
    public int? TotalCount { get; }

    IEnumerable IConnection.Edges => Edges;

    IEnumerable IConnection.Nodes => _nodes;

    int ICursorSource.Count => _nodes.Count;

    string ICursorSource.CursorAt(int index) => Edges[index].Cursor;

    private Edge<T>[] CreateEdges()
    {
        var edges = new Edge<T>[_nodes.Count];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = new Edge<T>(_nodes[i], _keys?[i], _signature);
        }
        return edges;
    }
}

/// <summary>The shape the connection types read, whatever the item type.</summary>
internal interface IConnection
{
    IEnumerable Edges { get; }

    IEnumerable Nodes { get; }

    PageInfo PageInfo { get; }

    int? TotalCount { get; }
}

/// <summary>The cursors of a page's items, encoded on demand.</summary>
internal interface ICursorSource
{
    int Count { get; }

    string CursorAt(int index);
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

    IEnumerable ICollectionSegment.Items => Items;
}

/// <summary>The shape the collection segment types read, whatever the item type.</summary>
internal interface ICollectionSegment
{
    IEnumerable Items { get; }

    CollectionSegmentInfo PageInfo { get; }

    int? TotalCount { get; }
}
