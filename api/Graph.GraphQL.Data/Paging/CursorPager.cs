using System.Linq.Expressions;
using Graph.GraphQL.Data.Projections;
using Graph.GraphQL.Resolvers;
using Microsoft.EntityFrameworkCore.Query;

namespace Graph.GraphQL.Data.Paging;

/// <summary>
/// Cursor paging over a queryable with keyset conditions: the ordering (the client's <c>order</c>, else the resolver's
/// own <c>OrderBy</c>, else none) always ends with the unique key, a cursor holds the keys of its item, and a page is
/// <c>WHERE (keys beyond the cursor) ORDER BY keys LIMIT n + 1</c> (the extra row tells whether another page follows).
/// <c>last</c> reads the reversed order and turns the rows back. The items (with the values of their ordering keys
/// when cursors are selected; cursors are encoded when read) come from one query; the total, when selected, from a
/// second (COUNT) query. What depends only on the operation and the ordering is built once (<see cref="PagePlan{T}"/>).
/// </summary>
internal static class CursorPager<T>
{
    public static async ValueTask<object?> PageAsync(DataField field, CursorPagingSettings settings, IQueryable<T> query, IReadOnlyList<SortKey>? sort, IResolverContext context)
    {
        var arguments = PagingArguments.Read(context, settings);
        var (source, resolverOrder) = QueryableOrdering.Split(query);
        var selection = PageSelection.Of(context.FieldSelection);
        var plan = PagePlan<T>.For(field, context, selection, sort ?? resolverOrder);
        var keys = plan.Keys;
        var afterValues = arguments.After is { } after ? CursorCodec.Decode(after, plan.Signature, keys, "after") : null;
        var beforeValues = arguments.Before is { } before ? CursorCodec.Decode(before, plan.Signature, keys, "before") : null;

        var cancellationToken = context.RequestAborted;
        int? totalCount = selection.NeedsTotalCount ? await QueryExecution.CountAsync(source, cancellationToken).ConfigureAwait(false) : null;
        if (!selection.NeedsItems)
        {
            return new Connection<T>([], null, plan.Signature, false, false, totalCount);
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

        List<T> nodes;
        List<object?[]>? cursorKeys = null;
        if (plan.Rows is { } rowSelector)
        {
            // Cursors are selected: the items come with the values of their ordering keys, read by the same query.
            var rows = await QueryExecution.ToListAsync(page.Select(rowSelector), cancellationToken).ConfigureAwait(false);
            nodes = new List<T>(rows.Count);
            cursorKeys = new List<object?[]>(rows.Count);
            foreach (var row in rows)
            {
                nodes.Add(row.Node);
                cursorKeys.Add(row.Keys);
            }
        }
        else
        {
            nodes = await QueryExecution.ToListAsync(plan.Projection is { } projection ? page.Select(projection) : page, cancellationToken).ConfigureAwait(false);
        }

        var hasMore = nodes.Count > size;
        if (hasMore)
        {
            nodes.RemoveAt(nodes.Count - 1);
            cursorKeys?.RemoveAt(cursorKeys.Count - 1);
        }
        if (backward)
        {
            nodes.Reverse();
            cursorKeys?.Reverse();
        }
        // Looking the other way is not free, so it is reported from what the request says: items lie before an `after`
        // cursor (its own item at least) and after a `before` cursor.
        return new Connection<T>(
            nodes,
            cursorKeys,
            plan.Signature,
            hasNextPage: backward ? beforeValues is not null : hasMore,
            hasPreviousPage: backward ? hasMore : afterValues is not null,
            totalCount);
    }
}

/// <summary>
/// What a page query needs beyond the request's values, for one selection of a compiled operation and one ordering: the
/// ordering made unique, the signature its cursors carry, and the projection of the items (with their ordering keys
/// when cursors are selected). Kept with the selection, one per ordering seen (a client's <c>order</c> may change
/// between executions through variables), so that a repeated request builds no expression tree of its own.
/// </summary>
internal sealed class PagePlan<T>
{
    /// <summary>How many orderings a selection keeps plans for; beyond that, plans are built per request.</summary>
    private const int MaxPlansPerSelection = 8;

    private static readonly object StateKey = new();

    private PagePlan(List<SortKey> keys, string signature, Expression<Func<T, T>>? projection, Expression<Func<T, PageRow<T>>>? rows)
    {
        Keys = keys;
        Signature = signature;
        Projection = projection;
        Rows = rows;
    }

    /// <summary>The ordering, ending with the unique key.</summary>
    public List<SortKey> Keys { get; }

    /// <summary>The signature of the field and the ordering that cursors carry.</summary>
    public string Signature { get; }

    /// <summary>The projection of the items when no cursor is selected (null: the items are loaded whole).</summary>
    public Expression<Func<T, T>>? Projection { get; }

    /// <summary>The items with their ordering keys, when cursors are selected.</summary>
    public Expression<Func<T, PageRow<T>>>? Rows { get; }

    public static PagePlan<T> For(DataField field, IResolverContext context, PageSelection selection, IReadOnlyList<SortKey> order)
    {
        var cache = context.FieldSelection.GetOrAddState(StateKey, static _ => new Cache());
        var plans = cache.Plans;
        foreach (var plan in plans)
        {
            if (plan.Orders(order, field.UniqueKey!))
            {
                return plan;
            }
        }
        var created = Create(field, context, selection, order);
        var cacheable = plans.Length < MaxPlansPerSelection;
        foreach (var key in order)
        {
            cacheable &= key.IsMemberPath;
        }
        if (cacheable)
        {
            // Copy on write: readers never lock; two requests racing on a new ordering both build it, one is kept.
            lock (cache)
            {
                if (cache.Plans.Length < MaxPlansPerSelection)
                {
                    cache.Plans = [.. cache.Plans, created];
                }
            }
        }
        return created;
    }

    private static PagePlan<T> Create(DataField field, IResolverContext context, PageSelection selection, IReadOnlyList<SortKey> order)
    {
        var keys = UniqueOrder(order, field.UniqueKey!);
        var signature = CursorCodec.Signature(context.Field.Coordinate, keys);
        var projection = field.Projection ? ProjectionBuilder.Build<T>(selection.ItemSelections, context) : null;
        return selection.NeedsCursors
            ? new PagePlan<T>(keys, signature, null, PageRow<T>.Selector(projection, keys))
            : new PagePlan<T>(keys, signature, projection, null);
    }

    /// <summary>Whether this plan is for <paramref name="order"/> (before the unique key was appended).</summary>
    private bool Orders(IReadOnlyList<SortKey> order, SortKey uniqueKey)
    {
        // Keys is the plan's ordering as given, with the unique key appended unless one of its keys was on it already.
        var count = order.Count;
        if (Keys.Count == count + 1 ? !ReferenceEquals(Keys[count], uniqueKey) : Keys.Count != count)
        {
            return false;
        }
        for (var i = 0; i < count; i++)
        {
            var (mine, theirs) = (Keys[i], order[i]);
            if (mine.Descending != theirs.Descending || mine.KeyType != theirs.KeyType || !string.Equals(mine.Path, theirs.Path, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
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

    private sealed class Cache
    {
        public volatile PagePlan<T>[] Plans = [];
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
