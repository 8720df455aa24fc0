using Graph.GraphQL.Data.Projections;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Data.Paging;

/// <summary>
/// Offset paging: <c>ORDER BY ... OFFSET skip LIMIT take + 1</c> (the extra row tells whether another page follows),
/// ordered by the client's <c>order</c>, else the resolver's, else the key, so that pages are stable. The total, when
/// selected, comes from a COUNT query.
/// </summary>
internal static class OffsetPager<T>
{
    public static async ValueTask<object?> PageAsync(DataField field, OffsetPagingSettings settings, IQueryable<T> query, IReadOnlyList<SortKey>? sort, IResolverContext context)
    {
        var skip = context.ArgumentValue<int?>("skip") ?? 0;
        var take = context.ArgumentValue<int?>("take") ?? settings.DefaultPageSize;
        PagingArguments.CheckSize("skip", skip, int.MaxValue, context.Field.Coordinate);
        PagingArguments.CheckSize("take", take, settings.MaxPageSize, context.Field.Coordinate);

        var (source, resolverOrder) = QueryableOrdering.Split(query);
        var order = sort ?? (resolverOrder.Count > 0 ? resolverOrder : null);
        var selection = PageSelection.Of(context.FieldSelection);
        var cancellationToken = context.RequestAborted;
        int? totalCount = selection.NeedsTotalCount ? await QueryExecution.CountAsync(source, cancellationToken).ConfigureAwait(false) : null;
        if (!selection.NeedsItems)
        {
            return new CollectionSegment<T>([], new CollectionSegmentInfo(false, skip > 0), totalCount);
        }
        var ordered = QueryableOrdering.Apply(source, order ?? [field.UniqueKey!]);
        var page = ordered.Skip(skip).Take(take + 1);
        if (field.Projection && ProjectionBuilder.Build<T>(selection.ItemSelections, context) is { } projection)
        {
            page = page.Select(projection);
        }
        var items = await QueryExecution.ToListAsync(page, cancellationToken).ConfigureAwait(false);
        var hasMore = items.Count > take;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }
        return new CollectionSegment<T>(items, new CollectionSegmentInfo(hasMore, skip > 0), totalCount);
    }
}
