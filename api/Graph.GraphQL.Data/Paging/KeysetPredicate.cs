using System.Linq.Expressions;
using System.Reflection;

namespace Graph.GraphQL.Data.Paging;

/// <summary>
/// Builds the keyset condition "the item comes after (or before) the cursor's item in this order": for keys k1..kn with
/// cursor values v1..vn, <c>(k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR ...</c>, where "beyond" follows each key's
/// direction and where nulls sort. The last key is unique, so the condition never skips nor repeats an item, however
/// many rows are inserted between two requests. Values enter the expression through closures, so EF Core sends them as
/// SQL parameters and reuses one plan per shape.
/// </summary>
internal static class KeysetPredicate
{
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <param name="keys">The ordering, unique on its last key.</param>
    /// <param name="values">The cursor's values of the keys.</param>
    /// <param name="after">True for "after the cursor", false for "before".</param>
    /// <param name="nullsFirstWhenAscending">Where the source sorts nulls: PostgreSQL puts them last in ascending order (and first in descending); LINQ to Objects puts them first.</param>
    public static Expression<Func<T, bool>> Build<T>(IReadOnlyList<SortKey> keys, object?[] values, bool after, bool nullsFirstWhenAscending)
    {
        var item = Expression.Parameter(typeof(T), "item");
        Expression? any = null;
        Expression? equalSoFar = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var keyValue = ExpressionRebinding.Invoke(key.Selector, item);
            var cursorValue = QueryParameter.Of(values[i], key.KeyType);
            var nullsFirst = key.Descending ? !nullsFirstWhenAscending : nullsFirstWhenAscending;
            var beyond = Beyond(keyValue, cursorValue, values[i] is null, greater: after != key.Descending, nullsBeyond: nullsFirst != after);
            if (beyond is not null)
            {
                var term = equalSoFar is null ? beyond : Expression.AndAlso(equalSoFar, beyond);
                any = any is null ? term : Expression.OrElse(any, term);
            }
            var equal = values[i] is null
                ? Expression.Equal(keyValue, Expression.Constant(null, key.KeyType))
                : Expression.Equal(keyValue, cursorValue);
            equalSoFar = equalSoFar is null ? equal : Expression.AndAlso(equalSoFar, equal);
        }
        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(false), item);
    }

    /// <summary>
    /// The condition that <paramref name="key"/> lies strictly beyond the cursor value: greater when
    /// <paramref name="greater"/>, else smaller; <paramref name="nullsBeyond"/> tells whether nulls lie beyond every value
    /// in the direction of travel. Null when nothing can lie beyond (a null cursor value with nulls at the near end).
    /// </summary>
    private static Expression? Beyond(Expression key, Expression value, bool valueIsNull, bool greater, bool nullsBeyond)
    {
        if (valueIsNull)
        {
            // Nulls sort together; beyond them lie the non-null values only if nulls come first in this direction.
            return nullsBeyond ? null : Expression.NotEqual(key, Expression.Constant(null, key.Type));
        }
        var compare = Compare(key, value, greater);
        var nullable = !key.Type.IsValueType || Nullable.GetUnderlyingType(key.Type) is not null;
        return nullable && nullsBeyond ? Expression.OrElse(compare, Expression.Equal(key, Expression.Constant(null, key.Type))) : compare;
    }

    private static Expression Compare(Expression left, Expression right, bool greater)
    {
        var type = Nullable.GetUnderlyingType(left.Type) ?? left.Type;
        if (type == typeof(string))
        {
            var call = Expression.Call(StringCompare, left, right);
            return greater ? Expression.GreaterThan(call, Expression.Constant(0)) : Expression.LessThan(call, Expression.Constant(0));
        }
        if (type == typeof(Guid) || type == typeof(bool) || type.IsEnum)
        {
            // No C# operator: CompareTo, which EF Core translates to the column comparison.
            var l = left.Type == type ? left : Expression.Property(left, "Value");
            var r = right.Type == type ? right : Expression.Property(right, "Value");
            var call = Expression.Call(l, type.GetMethod("CompareTo", [type])!, r);
            return greater ? Expression.GreaterThan(call, Expression.Constant(0)) : Expression.LessThan(call, Expression.Constant(0));
        }
        return greater ? Expression.GreaterThan(left, right) : Expression.LessThan(left, right);
    }
}
