using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Data.Paging;

// CONTRACT (paging work in progress).
internal sealed class CursorPagingSettings;

internal sealed class OffsetPagingSettings;

internal static class CursorPager<T>
{
    public static ValueTask<object?> PageAsync(DataField field, CursorPagingSettings settings, IQueryable<T> query, IReadOnlyList<SortKey>? sort, IResolverContext context) => throw new NotImplementedException();
}

internal static class OffsetPager<T>
{
    public static ValueTask<object?> PageAsync(DataField field, OffsetPagingSettings settings, IQueryable<T> query, IResolverContext context) => throw new NotImplementedException();
}
