using System.Collections;
using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types.Relay;

/// <summary>
/// Formats the values of ID fields as global IDs: the <c>id</c> of node types, and members marked <see cref="IDAttribute"/>
/// (IDs of the attribute's type, else of the type declaring the field). Lists are formatted item by item.
/// </summary>
internal static class NodeIdOutput
{
    public static void Apply(SchemaDefinitionContext context, INodeIdSerializer serializer)
    {
        foreach (var type in context.Types)
        {
            if (type is not ObjectTypeDefinition objectType || IntrospectionNames.IsIntrospectionType(type.Name))
            {
                continue;
            }
            foreach (var field in objectType.Fields)
            {
                if (IdTypeName(context, objectType, field) is { } typeName)
                {
                    Wrap(field, objectType, serializer, typeName);
                }
            }
        }
    }

    private static string? IdTypeName(SchemaDefinitionContext context, ObjectTypeDefinition owner, OutputFieldDefinition field)
    {
        if (field.ContextData.TryGetValue(GlobalObjectIdentification.IdTypeNameKey, out var marked) && marked is string name)
        {
            return name;
        }
        if ((field.ResolverMember ?? field.Member)?.GetCustomAttribute<IDAttribute>(inherit: false) is not { } attribute)
        {
            return null;
        }
        if (attribute.ClrType is { } clrType && context.Types.Find(t => t is ObjectTypeDefinition && t.RuntimeType == clrType) is { } bound)
        {
            return bound.Name;
        }
        return attribute.TypeName ?? owner.Name;
    }

    private static void Wrap(OutputFieldDefinition field, ObjectTypeDefinition owner, INodeIdSerializer serializer, string typeName)
    {
        if (field.Resolver is { } resolver)
        {
            field.Resolver = async context => Format(serializer, typeName, await resolver(context).ConfigureAwait(false));
            return;
        }
        var pure = field.PureResolver ?? DefaultFieldResolver.Create(field.Name, owner.RuntimeType);
        field.PureResolver = context => Format(serializer, typeName, pure(context));
    }

    private static object? Format(INodeIdSerializer serializer, string typeName, object? value) => value switch
    {
        null => null,
        string or Guid => serializer.Format(typeName, value),
        IEnumerable items => items.Cast<object?>().Select(item => Format(serializer, typeName, item)).ToList(),
        _ => serializer.Format(typeName, value),
    };
}
