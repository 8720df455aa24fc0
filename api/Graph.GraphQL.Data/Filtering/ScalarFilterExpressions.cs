using System.Collections;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace Graph.GraphQL.Data.Filtering;

/// <summary>
/// Translates one operation filter (<c>{ gt: 100, lte: 300 }</c>) on a member into a condition. Values become query
/// parameters (<see cref="QueryParameter"/>), so the plan is cached once per filter shape rather than once per value.
/// </summary>
internal sealed class ScalarFilterExpressions(FilteringOptions options)
{
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo StringEndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo EnumerableContains = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2);

    /// <summary>The condition <paramref name="filter"/> sets on <paramref name="member"/>, or null when it sets none.</summary>
    public Expression? Build(Expression member, IReadOnlyDictionary<string, object?> filter, string path)
    {
        Expression? result = null;
        foreach (var (operation, value) in filter)
        {
            var at = path + "." + operation;
            var condition = operation switch
            {
                "and" => FilterLogic.All(value, at, (item, p) => Build(member, item, p)),
                "or" => FilterLogic.AnyOf(value, at, (item, p) => Build(member, item, p)),
                "eq" => value is null ? IsNull(member, at) : Expression.Equal(member, Value(value, member.Type, at)),
                "neq" => value is null ? Expression.Not(IsNull(member, at)) : Expression.NotEqual(member, Value(value, member.Type, at)),
                "in" => In(member, value, at),
                "nin" => Expression.Not(In(member, value, at)),
                "gt" => Expression.GreaterThan(member, Value(value, member.Type, at)),
                "gte" => Expression.GreaterThanOrEqual(member, Value(value, member.Type, at)),
                "lt" => Expression.LessThan(member, Value(value, member.Type, at)),
                "lte" => Expression.LessThanOrEqual(member, Value(value, member.Type, at)),
                "contains" => Text(member, StringContains, value, at),
                "ncontains" => Expression.Not(Text(member, StringContains, value, at)),
                "startsWith" => Text(member, StringStartsWith, value, at),
                "nstartsWith" => Expression.Not(Text(member, StringStartsWith, value, at)),
                "endsWith" => Text(member, StringEndsWith, value, at),
                "nendsWith" => Expression.Not(Text(member, StringEndsWith, value, at)),
                _ => throw new InvalidOperationException($"Unknown filter operation {at}."),
            };
            result = FilterLogic.And(result, condition);
        }
        return result;
    }

    /// <summary><c>eq: null</c>: the member is missing; an error on members that always have a value.</summary>
    private static BinaryExpression IsNull(Expression member, string path) =>
        member.Type.IsValueType && Nullable.GetUnderlyingType(member.Type) is null
            ? throw FilterLogic.Invalid(path, $"{path} cannot be null: this field always has a value.")
            : Expression.Equal(member, Expression.Constant(null, member.Type));

    private MethodCallExpression In(Expression member, object? value, string path)
    {
        if (value is not IList items)
        {
            throw FilterLogic.Invalid(path, $"{path} needs a list of values, not null (an empty list is fine).");
        }
        if (items.Count > options.MaxInValues)
        {
            throw FilterLogic.Invalid(path, $"{path} has {items.Count} values; at most {options.MaxInValues} are allowed.");
        }
        var values = Array.CreateInstance(member.Type, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            values.SetValue(Convert(items[i] ?? throw FilterLogic.Invalid(path, $"{path}[{i}] cannot be null."), member.Type, $"{path}[{i}]"), i);
        }
        return Expression.Call(EnumerableContains.MakeGenericMethod(member.Type), QueryParameter.Of(values, values.GetType()), member);
    }

    /// <summary>
    /// <c>contains</c>, <c>startsWith</c>, <c>endsWith</c>: a missing value never matches; with <see cref="FilteringOptions.IgnoreCase"/>
    /// both sides are lower-cased (the column by SQL <c>lower()</c>, the value before it becomes a parameter).
    /// </summary>
    private BinaryExpression Text(Expression member, MethodInfo method, object? value, string path)
    {
        if (value is not string text)
        {
            throw FilterLogic.Invalid(path, $"{path} cannot be null.");
        }
        var target = member;
        if (options.IgnoreCase)
        {
            text = text.ToLowerInvariant();
            target = Expression.Call(member, ToLower);
        }
        return Expression.AndAlso(
            Expression.NotEqual(member, Expression.Constant(null, typeof(string))),
            Expression.Call(target, method, QueryParameter.Of(text, typeof(string))));
    }

    private static Expression Value(object? value, Type type, string path) =>
        value is null
            ? throw FilterLogic.Invalid(path, $"{path} cannot be null.")
            : QueryParameter.Of(Convert(value, type, path), type);

    /// <summary>Converts a coerced GraphQL value (Int as int, DateTime as DateTimeOffset, ...) to the member's CLR type.</summary>
    private static object Convert(object value, Type type, string path)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value))
        {
            return value;
        }
        try
        {
            return value switch
            {
                DateTimeOffset offset when target == typeof(DateTime) => offset.UtcDateTime,
                DateTime dateTime when target == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
                string name when target.IsEnum => Enum.Parse(target, name, ignoreCase: true),
                _ when target.IsEnum => Enum.ToObject(target, value),
                _ => System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException or FormatException or ArgumentException)
        {
            throw FilterLogic.Invalid(path, $"{path}: {value} is not a valid {target.Name} value.");
        }
    }
}

