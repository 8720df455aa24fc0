using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Introspection;

/// <summary>
/// Runs a query against the introspection resolvers with a tiny synchronous walker (fields, fragments, lists, leaves),
/// so the introspection model can be tested before the executor exists.
/// </summary>
internal static class IntrospectionRunner
{
    public static Dictionary<string, object?> Run(ISchema schema, string query)
    {
        var document = Parser.Parse(query);
        var fragments = document.Definitions.OfType<FragmentDefinitionNode>().ToDictionary(f => f.Name.Value);
        var operation = document.Definitions.OfType<OperationDefinitionNode>().Single();
        return ExecuteSelectionSet(schema, fragments, schema.QueryType, operation.SelectionSet, null);
    }

    private static Dictionary<string, object?> ExecuteSelectionSet(
        ISchema schema, Dictionary<string, FragmentDefinitionNode> fragments, ObjectType type, SelectionSetNode selectionSet, object? parent)
    {
        var result = new Dictionary<string, object?>();
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    var definition = (ObjectField)(schema.GetFieldDefinition(type, field.Name.Value)
                        ?? throw new InvalidOperationException($"Unknown field {type.Name}.{field.Name.Value}."));
                    var arguments = field.Arguments.ToDictionary(
                        a => a.Name.Value,
                        a => InputCoercion.CoerceLiteral(a.Value, definition.Arguments[a.Name.Value].Type, null));
                    var context = new TestResolverContext(schema, type, definition, parent, arguments);
                    var value = definition.PureResolver is { } pure ? pure(context) : definition.Resolver(context).AsTask().GetAwaiter().GetResult();
                    result[field.ResponseName] = Complete(schema, fragments, definition.Type, value, field.SelectionSet);
                    break;
                case FragmentSpreadNode spread:
                    Merge(result, ExecuteSelectionSet(schema, fragments, type, fragments[spread.Name.Value].SelectionSet, parent));
                    break;
                case InlineFragmentNode inline:
                    Merge(result, ExecuteSelectionSet(schema, fragments, type, inline.SelectionSet, parent));
                    break;
            }
        }
        return result;
    }

    private static void Merge(Dictionary<string, object?> target, Dictionary<string, object?> source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }

    private static object? Complete(ISchema schema, Dictionary<string, FragmentDefinitionNode> fragments, IType type, object? value, SelectionSetNode? selectionSet)
    {
        if (value is null)
        {
            return type.IsNonNull() ? throw new InvalidOperationException($"Null for non-null {type.Print()}.") : null;
        }
        return type switch
        {
            NonNullType nonNull => Complete(schema, fragments, nonNull.OfType, value, selectionSet),
            ListType list => ((System.Collections.IEnumerable)value).Cast<object?>().Select(item => Complete(schema, fragments, list.OfType, item, selectionSet)).ToList(),
            ILeafType leaf => leaf.Serialize(value),
            ObjectType obj => ExecuteSelectionSet(schema, fragments, obj, selectionSet!, value),
            _ => throw new InvalidOperationException($"Unexpected type {type.Print()}."),
        };
    }
}
