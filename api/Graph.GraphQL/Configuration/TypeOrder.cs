using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>
/// Orders a schema's types as the reference implementation's schema constructor does: each defined type in definition
/// order, followed by the not yet seen types it references (depth first: interfaces, then fields with their arguments,
/// member types, input fields); then the types reached from the root types and directive arguments; then introspection.
/// </summary>
internal static class TypeOrder
{
    public static List<INamedType> Collect(
        IEnumerable<INamedType> definedTypes,
        ObjectType? query,
        ObjectType? mutation,
        ObjectType? subscription,
        IEnumerable<DirectiveType> directives,
        INamedType introspectionRoot)
    {
        var defined = definedTypes.Where(t => !IntrospectionNames.IsIntrospectionType(t.Name)).ToList();
        var order = new List<INamedType>(defined);
        var seen = new HashSet<string>(defined.Select(t => t.Name), StringComparer.Ordinal);
        foreach (var type in defined)
        {
            // Move the type to the end, then append what it references and has not been seen.
            order.Remove(type);
            seen.Remove(type.Name);
            Visit(type, order, seen);
        }
        foreach (var root in new[] { query, mutation, subscription })
        {
            if (root is not null)
            {
                Visit(root, order, seen);
            }
        }
        foreach (var directive in directives)
        {
            foreach (var argument in directive.Arguments)
            {
                Visit(argument.Type.NamedType(), order, seen);
            }
        }
        Visit(introspectionRoot, order, seen);
        return order;
    }

    private static void Visit(INamedType type, List<INamedType> order, HashSet<string> seen)
    {
        if (!seen.Add(type.Name))
        {
            return;
        }
        order.Add(type);
        switch (type)
        {
            case UnionType union:
                foreach (var member in union.Types)
                {
                    Visit(member, order, seen);
                }
                break;
            case IComplexOutputType complex:
                foreach (var iface in complex.Interfaces)
                {
                    Visit(iface, order, seen);
                }
                foreach (var field in complex.Fields)
                {
                    Visit(field.Type.NamedType(), order, seen);
                    foreach (var argument in field.Arguments)
                    {
                        Visit(argument.Type.NamedType(), order, seen);
                    }
                }
                break;
            case InputObjectType input:
                foreach (var field in input.Fields)
                {
                    Visit(field.Type.NamedType(), order, seen);
                }
                break;
        }
    }
}
