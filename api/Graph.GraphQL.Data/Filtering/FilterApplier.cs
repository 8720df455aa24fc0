using System.Linq.Expressions;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Data.Filtering;

/// <summary>
/// Applies a field's <c>where</c> argument: translates it into a predicate over the entity (see
/// <see cref="FilterExpressionBuilder"/>) and adds it with <c>Queryable.Where</c>, so EF Core filters in SQL. No
/// argument, a null one or an empty filter leaves the query as it is. Invalid filters throw a <see cref="GraphQLException"/>
/// with the code <c>FILTER_INVALID</c> before any query runs.
/// </summary>
internal sealed class FilterApplier(FilterObjectInfo filter, FilteringOptions options)
{
    /// <summary>The name of the argument.</summary>
    public const string ArgumentName = "where";

    private readonly FilterExpressionBuilder _builder = new(options);

    /// <summary>The filter input type of the field.</summary>
    public FilterObjectInfo Filter { get; } = filter;

    public IQueryable<T> Apply<T>(IQueryable<T> query, IResolverContext context)
    {
        if (context.ArgumentValue(ArgumentName) is not IReadOnlyDictionary<string, object?> where)
        {
            return query;
        }
        var entity = Expression.Parameter(typeof(T), "x");
        return _builder.Object(Filter, entity, where, ArgumentName) is { } predicate
            ? query.Where(Expression.Lambda<Func<T, bool>>(predicate, entity))
            : query;
    }
}
