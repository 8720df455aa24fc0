namespace Graph.GraphQL.Data;

/// <summary>How a cursor-paged field pages (see <see cref="UsePagingAttribute"/>).</summary>
public sealed class CursorPagingSettings
{
    /// <summary>The page size when neither <c>first</c> nor <c>last</c> is given. Default 10.</summary>
    public int DefaultPageSize { get; set; } = 10;

    /// <summary>The largest <c>first</c> or <c>last</c> accepted. Default 50.</summary>
    public int MaxPageSize { get; set; } = 50;

    /// <summary>Whether <c>last</c> and <c>before</c> exist. Default true.</summary>
    public bool AllowBackwardPagination { get; set; } = true;

    /// <summary>Whether a request must give <c>first</c> or <c>last</c>. Default false (the default page size applies).</summary>
    public bool RequirePagingBoundaries { get; set; }

    /// <summary>
    /// The property that makes the order unique (appended to every ordering as the last key so that keyset cursors
    /// stay valid under concurrent inserts). Default <c>Id</c>.
    /// </summary>
    public string KeyProperty { get; set; } = "Id";

    /// <summary>The connection type's name; default the entity type's name + <c>Connection</c> (<c>BookConnection</c>).</summary>
    public string? ConnectionName { get; set; }

    internal void Validate(string field) => PageSizes.Validate(field, DefaultPageSize, MaxPageSize);
}

/// <summary>How an offset-paged field pages (see <see cref="UseOffsetPagingAttribute"/>).</summary>
public sealed class OffsetPagingSettings
{
    /// <summary>The page size when <c>take</c> is not given. Default 10.</summary>
    public int DefaultPageSize { get; set; } = 10;

    /// <summary>The largest <c>take</c> accepted. Default 50.</summary>
    public int MaxPageSize { get; set; } = 50;

    /// <summary>The property ordering the items when the resolver and the client give no order. Default <c>Id</c>.</summary>
    public string KeyProperty { get; set; } = "Id";

    /// <summary>The segment type's name; default the entity type's name + <c>CollectionSegment</c>.</summary>
    public string? CollectionSegmentName { get; set; }

    internal void Validate(string field) => PageSizes.Validate(field, DefaultPageSize, MaxPageSize);
}

internal static class PageSizes
{
    public static void Validate(string field, int defaultPageSize, int maxPageSize)
    {
        if (defaultPageSize < 1 || maxPageSize < 1 || defaultPageSize > maxPageSize)
        {
            throw new ArgumentException($"The paging of {field} needs 1 <= DefaultPageSize ({defaultPageSize}) <= MaxPageSize ({maxPageSize}).");
        }
    }
}
