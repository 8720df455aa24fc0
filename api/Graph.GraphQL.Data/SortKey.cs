using System.Linq.Expressions;
using System.Reflection;

namespace Graph.GraphQL.Data;

/// <summary>
/// One key of an ordering: a selector from the entity to a value (<c>b =&gt; b.Author.Name</c>), its direction, and the
/// dotted path of GraphQL field names it came from (<c>author.name</c>), which cursors record.
/// </summary>
public sealed record SortKey(string Path, LambdaExpression Selector, bool Descending)
{
    /// <summary>The CLR type of the key.</summary>
    public Type KeyType => Selector.ReturnType;

    /// <summary>The ascending key on <paramref name="property"/> of <paramref name="entityType"/> (<c>item =&gt; item.Id</c>).</summary>
    internal static SortKey Ascending(Type entityType, PropertyInfo property)
    {
        var item = Expression.Parameter(entityType, "item");
        return new SortKey(property.Name, Expression.Lambda(Expression.Property(item, property), item), Descending: false);
    }

    /// <summary>
    /// Whether the selector only reads members off the item (<c>e =&gt; e.Writer.Name</c>): two such keys with the same
    /// <see cref="Path"/> read the same value, so what is built from one serves the other.
    /// </summary>
    internal bool IsMemberPath
    {
        get
        {
            var body = Selector.Body;
            while (body is UnaryExpression { NodeType: ExpressionType.Convert } convert)
            {
                body = convert.Operand;
            }
            while (body is MemberExpression member)
            {
                body = member.Expression;
            }
            return body == Selector.Parameters[0];
        }
    }

    /// <summary>Whether this key is <paramref name="key"/>'s property read straight off the item.</summary>
    internal bool IsOn(SortKey key) =>
        Selector.Body is MemberExpression { Member: var member, Expression: ParameterExpression }
        && key.Selector.Body is MemberExpression { Member: var other }
        && member.Name == other.Name && member.DeclaringType == other.DeclaringType;
}

/// <summary>Applies and reads orderings on queryables.</summary>
internal static class QueryableOrdering
{
    private static readonly MethodInfo OrderByMethod = QueryableMethod(nameof(Queryable.OrderBy));
    private static readonly MethodInfo OrderByDescendingMethod = QueryableMethod(nameof(Queryable.OrderByDescending));
    private static readonly MethodInfo ThenByMethod = QueryableMethod(nameof(Queryable.ThenBy));
    private static readonly MethodInfo ThenByDescendingMethod = QueryableMethod(nameof(Queryable.ThenByDescending));

    /// <summary>Orders <paramref name="query"/> by <paramref name="keys"/> (replacing any earlier ordering).</summary>
    public static IQueryable<T> Apply<T>(IQueryable<T> query, IReadOnlyList<SortKey> keys, bool reverse = false)
    {
        var expression = query.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var descending = key.Descending != reverse;
            var method = i == 0
                ? descending ? OrderByDescendingMethod : OrderByMethod
                : descending ? ThenByDescendingMethod : ThenByMethod;
            expression = Expression.Call(method.MakeGenericMethod(typeof(T), key.KeyType), expression, Expression.Quote(key.Selector));
        }
        return query.Provider.CreateQuery<T>(expression);
    }

    /// <summary>
    /// Splits a trailing <c>OrderBy(..).ThenBy(..)</c> chain off <paramref name="query"/>: returns the keys it orders by and
    /// the query without them, or no keys when the query is not ordered at its end.
    /// </summary>
    public static (IQueryable<T> Query, List<SortKey> Keys) Split<T>(IQueryable<T> query)
    {
        var keys = new List<SortKey>();
        var expression = query.Expression;
        while (expression is MethodCallExpression call && call.Method.DeclaringType == typeof(Queryable) && call.Arguments.Count == 2)
        {
            var name = call.Method.Name;
            var isThenBy = name is nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending);
            var isOrderBy = name is nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending);
            if (!isThenBy && !isOrderBy)
            {
                break;
            }
            var selector = (LambdaExpression)StripQuotes(call.Arguments[1]);
            keys.Insert(0, new SortKey(PathOf(selector), selector, name.EndsWith("Descending", StringComparison.Ordinal)));
            expression = call.Arguments[0];
            if (isOrderBy)
            {
                return (query.Provider.CreateQuery<T>(expression), keys);
            }
        }
        // A ThenBy without its OrderBy cannot happen in a well-typed query; keep the query as it was.
        return (query, []);
    }

    private static Expression StripQuotes(Expression expression)
    {
        while (expression.NodeType == ExpressionType.Quote)
        {
            expression = ((UnaryExpression)expression).Operand;
        }
        return expression;
    }

    /// <summary>A readable path for a selector (<c>Author.Name</c>), used in cursors to tell orderings apart.</summary>
    private static string PathOf(LambdaExpression selector)
    {
        var parts = new List<string>();
        var body = selector.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            body = convert.Operand;
        }
        while (body is MemberExpression member)
        {
            parts.Insert(0, member.Member.Name);
            body = member.Expression;
        }
        return parts.Count > 0 && body is ParameterExpression ? string.Join('.', parts) : selector.Body.ToString();
    }

    private static MethodInfo QueryableMethod(string name) =>
        typeof(Queryable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == 2);
}
