using System.Collections;
using System.Linq.Expressions;

namespace Graph.GraphQL.Data.Filtering;

/// <summary>
/// The pieces shared by object and operation filters: combining conditions (null stands for "no condition", true), reading
/// the coerced <c>where</c> value (input objects are dictionaries, lists are lists), and the <c>FILTER_INVALID</c> error.
/// </summary>
internal static class FilterLogic
{
    /// <summary>Both conditions; null is "no condition".</summary>
    public static Expression? And(Expression? left, Expression? right) =>
        left is null ? right : right is null ? left : Expression.AndAlso(left, right);

    /// <summary><c>and: [...]</c>: every item holds; an empty list holds.</summary>
    public static Expression? All(object? value, string path, Func<IReadOnlyDictionary<string, object?>, string, Expression?> build)
    {
        Expression? result = null;
        var index = 0;
        foreach (var item in Items(value, path))
        {
            result = And(result, build(item, $"{path}[{index++}]"));
        }
        return result;
    }

    /// <summary><c>or: [...]</c>: at least one item holds; an empty list never holds, an empty item always does.</summary>
    public static Expression? AnyOf(object? value, string path, Func<IReadOnlyDictionary<string, object?>, string, Expression?> build)
    {
        Expression? result = null;
        var index = 0;
        foreach (var item in Items(value, path))
        {
            if (build(item, $"{path}[{index++}]") is not { } condition)
            {
                return null;
            }
            result = result is null ? condition : Expression.OrElse(result, condition);
        }
        return result ?? Expression.Constant(false);
    }

    /// <summary>The filter object at <paramref name="path"/>; null is an error (leave the field out instead).</summary>
    public static IReadOnlyDictionary<string, object?> Map(object? value, string path) =>
        value as IReadOnlyDictionary<string, object?>
        ?? throw Invalid(path, value is null
            ? $"{path} is null. Give a filter object or leave the field out (to match a missing value, write {{ eq: null }} on a scalar field)."
            : $"{path} is not a filter object.");

    /// <summary>The error for a filter that is well-typed but cannot be applied.</summary>
    public static GraphQLException Invalid(string path, string message) =>
        new(new GraphQLError(message).WithCode(ErrorCodes.FilterInvalid).WithExtension("filter", path));

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Items(object? value, string path)
    {
        if (value is not IEnumerable items || value is string)
        {
            throw Invalid(path, $"{path} needs a list of filters, not null.");
        }
        var index = 0;
        foreach (var item in items)
        {
            yield return Map(item, $"{path}[{index++}]");
        }
    }
}
