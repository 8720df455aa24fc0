using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Graph.GraphQL.Data;

/// <summary>
/// Puts a request's value into a query as a parameter: read from a typed holder (<c>holder.Value</c>), which EF Core
/// turns into a SQL parameter the way it does a captured variable, instead of a constant it would inline. The plan is
/// then cached once per query shape rather than once per value.
/// </summary>
internal static class QueryParameter
{
    /// <summary>The expression reading <paramref name="value"/> as a <paramref name="type"/>.</summary>
    public static MemberExpression Of(object? value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(holder), nameof(StrongBox<object>.Value));
    }
}
