using System.Linq.Expressions;
using Graph.GraphQL.Data.Projections;
using Graph.GraphQL.Resolvers;
using Microsoft.EntityFrameworkCore.Query;

namespace Graph.GraphQL.Data.Paging;

/// <summary>
/// Cursor paging over a queryable with keyset conditions: the ordering (the client's <c>order</c>, else the resolver's
/// own <c>OrderBy</c>, else none) always ends with the unique key, a cursor holds the keys of its item, and a page is
/// <c>WHERE (keys beyond the cursor) ORDER BY keys LIMIT n + 1</c> (the extra row tells whether another page follows).
/// <c>last</c> reads the reversed order and turns the rows back. The items and their cursor keys come from one query;
/// the total, when selected, from a second (COUNT) query.
/// </summary>
internal static class CursorPager<T>
{
    public static async ValueTask<object?> PageAsync(DataField field, CursorPagingSettings settings, IQueryable<T> query, IReadOnlyList<SortKey>? sort, IResolverContext context)
    {
        var arguments = PagingArguments.Read(context, settings);
        var (source, resolverOrder) = QueryableOrdering.Split(query);
        var keys = UniqueOrder(sort ?? resolverOrder, field.UniqueKey!);
        var signature = CursorCodec.Signature(context.Field.Coordinate, keys);
        var afterValues = arguments.After is { } after ? CursorCodec.Decode(after, signature, keys, "after") : null;
        var beforeValues = arguments.Before is { } before ? CursorCodec.Decode(before, signature, keys, "before") : null;

        var selection = PageSelection.Of(context.FieldSelection);
        var cancellationToken = context.RequestAborted;
        int? totalCount = selection.NeedsTotalCount ? await QueryExecution.CountAsync(source, cancellationToken).ConfigureAwait(false) : null;
        if (!selection.NeedsItems)
        {
            return new Connection<T>([], new PageInfo(false, false, null, null), totalCount);
        }

        var nullsFirstWhenAscending = source.Provider is not IAsyncQueryProvider;
        var page = source;
        if (afterValues is not null)
        {
            page = page.Where(KeysetPredicate.Build<T>(keys, afterValues, after: true, nullsFirstWhenAscending));
        }
        if (beforeValues is not null)
        {
            page = page.Where(KeysetPredicate.Build<T>(keys, beforeValues, after: false, nullsFirstWhenAscending));
        }
        var backward = arguments.Last is not null;
        var size = arguments.First ?? arguments.Last ?? settings.DefaultPageSize;
        page = QueryableOrdering.Apply(page, keys, reverse: backward).Take(size + 1);

        var projection = field.Projection ? ProjectionBuilder.Build<T>(selection.ItemSelections, context) : null;
        var rows = await QueryExecution.ToListAsync(page.Select(PageRow<T>.Selector(projection, keys)), cancellationToken).ConfigureAwait(false);

        var hasMore = rows.Count > size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        if (backward)
        {
            rows.Reverse();
        }
        var edges = new Edge<T>[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            edges[i] = new Edge<T>(CursorCodec.Encode(signature, rows[i].Keys), rows[i].Node);
        }
        // Looking the other way is not free, so it is reported from what the request says: items lie before an `after`
        // cursor (its own item at least) and after a `before` cursor.
        var pageInfo = new PageInfo(
            HasNextPage: backward ? beforeValues is not null : hasMore,
            HasPreviousPage: backward ? hasMore : afterValues is not null,
            StartCursor: edges.Length > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Length > 0 ? edges[^1].Cursor : null);
        return new Connection<T>(edges, pageInfo, totalCount);
    }

    /// <summary>The ordering with the unique key appended (unless the ordering already ends on it).</summary>
    private static List<SortKey> UniqueOrder(IReadOnlyList<SortKey> order, SortKey uniqueKey)
    {
        var keys = new List<SortKey>(order.Count + 1);
        keys.AddRange(order);
        if (!keys.Exists(key => key.IsOn(uniqueKey)))
        {
            keys.Add(uniqueKey);
        }
        return keys;
    }
}

/// <summary>The paging arguments of a request, checked against the field's settings.</summary>
internal readonly record struct PagingArguments(int? First, string? After, int? Last, string? Before)
{
    public static PagingArguments Read(IResolverContext context, CursorPagingSettings settings)
    {
        var first = context.ArgumentValue<int?>("first");
        var after = context.ArgumentValue<string?>("after");
        int? last = null;
        string? before = null;
        if (settings.AllowBackwardPagination)
        {
            last = context.ArgumentValue<int?>("last");
            before = context.ArgumentValue<string?>("before");
        }
        var coordinate = context.Field.Coordinate;
        if (first is not null && last is not null)
        {
            throw new GraphQLException($"Give either `first` or `last` to {coordinate}, not both.", ErrorCodes.PagingArgumentInvalid);
        }
        CheckSize("first", first, settings.MaxPageSize, coordinate);
        CheckSize("last", last, settings.MaxPageSize, coordinate);
        if (settings.RequirePagingBoundaries && first is null && last is null)
        {
            throw new GraphQLException($"Give `first` or `last` to {coordinate}: it returns at most {settings.MaxPageSize} items per page.", ErrorCodes.PagingArgumentInvalid);
        }
        return new PagingArguments(first, after, last, before);
    }

    public static void CheckSize(string argument, int? value, int max, string coordinate)
    {
        if (value < 0)
        {
            throw new GraphQLException($"`{argument}` must not be negative (it is {value}).", ErrorCodes.PagingArgumentInvalid);
        }
        if (value > max)
        {
            throw new GraphQLException($"`{argument}` is {value}, but {coordinate} returns at most {max} items per page.", ErrorCodes.PagingMaxPageSizeExceeded);
        }
    }
}

/// <summary>An item of a page with the values of its ordering keys (for its cursor), read by the same query.</summary>
internal sealed class PageRow<T>
{
    public T Node { get; set; } = default!;

    public object?[] Keys { get; set; } = [];

    /// <summary><c>item =&gt; new PageRow { Node = projection(item), Keys = new object[] { key1(item), ... } }</c>.</summary>
    public static Expression<Func<T, PageRow<T>>> Selector(Expression<Func<T, T>>? projection, IReadOnlyList<SortKey> keys)
    {
        var item = Expression.Parameter(typeof(T), "item");
        var node = projection is null ? item : ExpressionRebinding.Invoke(projection, item);
        var values = new Expression[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            values[i] = Expression.Convert(ExpressionRebinding.Invoke(keys[i].Selector, item), typeof(object));
        }
        var body = Expression.MemberInit(
            Expression.New(typeof(PageRow<T>)),
            Expression.Bind(typeof(PageRow<T>).GetProperty(nameof(Node))!, node),
            Expression.Bind(typeof(PageRow<T>).GetProperty(nameof(Keys))!, Expression.NewArrayInit(typeof(object), values)));
        return Expression.Lambda<Func<T, PageRow<T>>>(body, item);
    }
}
