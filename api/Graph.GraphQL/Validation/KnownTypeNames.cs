using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation;

/// <summary>
/// The check the type-existence rules share: a named type reference must name a type of the schema or one the document
/// itself defines (as the reference implementation's known-type-names rule counts them); type system definitions may also
/// name the spec's scalars and introspection types.
/// </summary>
internal static class KnownTypeNames
{
    public static string? Check(ValidationContext context, NamedTypeNode node)
    {
        var typeName = node.Name.Value;
        if (context.Schema.TryGetType(typeName, out _) || context.DocumentTypeNames.Contains(typeName))
        {
            return null;
        }
        if (context.TypeSystemDefinition is not null
            && (BuiltInScalars.IsSpecifiedScalarName(typeName) || IntrospectionNames.IsIntrospectionType(typeName)))
        {
            return null;
        }
        var types = context.Schema.Types;
        var names = new List<string>(types.Count);
        for (var i = 0; i < types.Count; i++)
        {
            names.Add(types[i].Name);
        }
        foreach (var name in context.DocumentTypeNames)
        {
            if (!context.Schema.TryGetType(name, out _))
            {
                names.Add(name);
            }
        }
        return $"Unknown type \"{typeName}\".{Suggestions.DidYouMean(null, typeName, names)}";
    }
}
