using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Data.Sorting;

/// <summary>
/// Reads a field's <c>order</c> argument into sort keys. Elements give keys in list order; within one element, fields
/// written as a literal give keys in the order written (<c>{ pages: DESC, name: ASC }</c> sorts by pages first), but an
/// element that comes from a variable is a coerced input object, whose fields follow the input type's field order. One
/// field per element (<c>[{ pages: DESC }, { name: ASC }]</c>) is the reliable way to order several keys.
/// </summary>
internal sealed class SortApplier(SortInputInfo input)
{
    /// <summary>The name of the argument.</summary>
    public const string ArgumentName = "order";

    private readonly ConcurrentDictionary<(Type, string), LambdaExpression> _selectors = new();

    /// <summary>The sort input type the argument takes.</summary>
    public SortInputInfo Input { get; } = input;

    /// <summary>The keys of the `order` argument, or null when the client gave none (or an empty list).</summary>
    public IReadOnlyList<SortKey>? GetSortKeys<T>(IResolverContext context)
    {
        if (!context.HasArgument(ArgumentName) || context.ArgumentValue(ArgumentName) is not { } value)
        {
            return null;
        }
        var literal = context.Selection.Arguments.FirstOrDefault(a => a.Name.Value == ArgumentName)?.Value;
        var elements = value is IEnumerable list and not IDictionary<string, object?> and not IReadOnlyDictionary<string, object?>
            ? list.Cast<object?>().ToList()
            : [value];
        var keys = new List<SortKey>();
        for (var i = 0; i < elements.Count; i++)
        {
            var elementLiteral = literal switch
            {
                ListValueNode items when i < items.Items.Count => items.Items[i] as ObjectValueNode,
                ObjectValueNode single when i == 0 => single,
                _ => null,
            };
            var before = keys.Count;
            Read<T>(context, Input, AsObject(context, elements[i]), elementLiteral, "", [], keys);
            if (keys.Count == before)
            {
                throw Invalid(context, $"element {i} of \"{ArgumentName}\" sets no field. Give one field per element, e.g. {ArgumentName}: [{{ {Input.Fields.Keys.First()}: ASC }}].");
            }
        }
        return keys.Count == 0 ? null : keys;
    }

    private void Read<T>(
        IResolverContext context, SortInputInfo input, IReadOnlyDictionary<string, object?> values, ObjectValueNode? literal,
        string prefix, List<PropertyInfo> chain, List<SortKey> keys)
    {
        foreach (var name in InWrittenOrder(values, literal))
        {
            if (values[name] is not { } value || !input.Fields.TryGetValue(name, out var field))
            {
                continue; // null means "not this field"
            }
            var path = prefix + name;
            chain.Add(field.Property);
            if (field.Nested is { } nested)
            {
                var nestedLiteral = literal?.Fields.FirstOrDefault(f => f.Name.Value == name)?.Value as ObjectValueNode;
                var before = keys.Count;
                Read<T>(context, nested, AsObject(context, value), nestedLiteral, path + ".", chain, keys);
                if (keys.Count == before)
                {
                    throw Invalid(context, $"\"{path}\" sets no field of {nested.Name}.");
                }
            }
            else
            {
                var selector = _selectors.GetOrAdd((typeof(T), path), static (key, properties) => Selector(key.Item1, properties), chain.ToArray());
                keys.Add(new SortKey(path, selector, Direction(context, path, value) == SortEnumType.Desc));
            }
            chain.RemoveAt(chain.Count - 1);
        }
    }

    /// <summary>The fields given, in the order the literal writes them when there is one, else in the type's order.</summary>
    private static IEnumerable<string> InWrittenOrder(IReadOnlyDictionary<string, object?> values, ObjectValueNode? literal)
    {
        if (literal is null)
        {
            return values.Keys;
        }
        var written = literal.Fields.Select(f => f.Name.Value).Where(values.ContainsKey);
        return written.Concat(values.Keys.Except(written, StringComparer.Ordinal)).ToList();
    }

    /// <summary><c>entity =&gt; entity.Writer.Name</c> for the property chain of a path.</summary>
    private static LambdaExpression Selector(Type entityType, PropertyInfo[] chain)
    {
        var parameter = Expression.Parameter(entityType, "e");
        Expression body = parameter;
        foreach (var property in chain)
        {
            body = Expression.Property(body, property);
        }
        return Expression.Lambda(body, parameter);
    }

    private static SortEnumType Direction(IResolverContext context, string path, object value) => value switch
    {
        SortEnumType direction => direction,
        string text when Enum.TryParse<SortEnumType>(text, ignoreCase: true, out var parsed) => parsed,
        _ => throw Invalid(context, $"\"{path}\" must be ASC or DESC."),
    };

    private static IReadOnlyDictionary<string, object?> AsObject(IResolverContext context, object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map,
        IDictionary<string, object?> dictionary => dictionary.AsReadOnly(),
        _ => throw Invalid(context, $"each element of \"{ArgumentName}\" must be an input object."),
    };

    private static GraphQLException Invalid(IResolverContext context, string problem) =>
        new($"Invalid sorting on {context.Field.Coordinate}: {problem}", ErrorCodes.SortInvalid);
}
