using System.Linq.Expressions;
using System.Reflection;

namespace Graph.GraphQL.Data.Filtering;

/// <summary>
/// Translates a coerced <c>where</c> value into a predicate over the entity: fields map to properties through the
/// <see cref="FilterObjectInfo"/> built at schema build time; nested objects become null-checked member accesses
/// (<c>x.Writer != null &amp;&amp; x.Writer.Name == @p</c>) and lists <c>Any</c> / <c>All</c> calls, all of which EF Core
/// turns into SQL (joins and <c>EXISTS</c> subqueries).
/// </summary>
internal sealed class FilterExpressionBuilder(FilteringOptions options)
{
    private static readonly MethodInfo AnyMethod = EnumerableMethod(nameof(Enumerable.Any), 1);
    private static readonly MethodInfo AnyWhereMethod = EnumerableMethod(nameof(Enumerable.Any), 2);
    private static readonly MethodInfo AllMethod = EnumerableMethod(nameof(Enumerable.All), 2);

    private readonly ScalarFilterExpressions _scalars = new(options);

    /// <summary>The condition of <paramref name="filter"/> on <paramref name="instance"/>, or null when it sets none.</summary>
    public Expression? Object(FilterObjectInfo info, Expression instance, IReadOnlyDictionary<string, object?> filter, string path)
    {
        Expression? result = null;
        foreach (var (name, value) in filter)
        {
            var at = path + "." + name;
            var condition = name switch
            {
                "and" => FilterLogic.All(value, at, (item, p) => Object(info, instance, item, p)),
                "or" => FilterLogic.AnyOf(value, at, (item, p) => Object(info, instance, item, p)),
                _ when info.Fields.TryGetValue(name, out var field) => Field(field, instance, FilterLogic.Map(value, at), at),
                _ => throw new InvalidOperationException($"{info.TypeName} has no field {name}."),
            };
            result = FilterLogic.And(result, condition);
        }
        return result;
    }

    private Expression? Field(FilterFieldInfo field, Expression instance, IReadOnlyDictionary<string, object?> filter, string path)
    {
        var member = Expression.Property(instance, field.Property);
        switch (field.Kind)
        {
            case FilterFieldKind.Scalar:
                return _scalars.Build(member, filter, path);
            case FilterFieldKind.Object:
                var condition = Object(field.Object!, member, filter, path);
                return condition is null || member.Type.IsValueType
                    ? condition
                    : Expression.AndAlso(Expression.NotEqual(member, Expression.Constant(null, member.Type)), condition);
            default:
                return List(field, member, filter, path);
        }
    }

    /// <summary><c>some</c>, <c>none</c>, <c>all</c> (a filter of the items) and <c>any</c> (whether there are items).</summary>
    private Expression? List(FilterFieldInfo field, Expression member, IReadOnlyDictionary<string, object?> filter, string path)
    {
        var elementType = field.ElementType!;
        Expression? result = null;
        foreach (var (operation, value) in filter)
        {
            var at = path + "." + operation;
            Expression? condition;
            if (operation == "any")
            {
                var hasItems = Expression.Call(AnyMethod.MakeGenericMethod(elementType), member);
                condition = value is bool any
                    ? any ? hasItems : Expression.Not(hasItems)
                    : throw FilterLogic.Invalid(at, $"{at} needs true or false, not null.");
            }
            else
            {
                var item = Expression.Parameter(elementType, "item");
                var itemFilter = FilterLogic.Map(value, at);
                var predicate = field.Kind == FilterFieldKind.ObjectList
                    ? Object(field.Object!, item, itemFilter, at)
                    : _scalars.Build(item, itemFilter, at);
                var lambda = predicate is null ? null : Expression.Lambda(predicate, item);
                condition = operation switch
                {
                    "some" => Some(elementType, member, lambda),
                    "none" => Expression.Not(Some(elementType, member, lambda)),
                    "all" => lambda is null ? null : Expression.Call(AllMethod.MakeGenericMethod(elementType), member, lambda),
                    _ => throw new InvalidOperationException($"Unknown list filter operation {at}."),
                };
            }
            result = FilterLogic.And(result, condition);
        }
        return result;
    }

    private static MethodCallExpression Some(Type elementType, Expression member, LambdaExpression? predicate) =>
        predicate is null
            ? Expression.Call(AnyMethod.MakeGenericMethod(elementType), member)
            : Expression.Call(AnyWhereMethod.MakeGenericMethod(elementType), member, predicate);

    private static MethodInfo EnumerableMethod(string name, int parameters) =>
        typeof(Enumerable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters);
}
