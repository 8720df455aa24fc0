using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation;

/// <summary>The check the type-existence rules share: a named type reference must name a type of the schema.</summary>
internal static class KnownTypeNames
{
    public static string? Check(ValidationContext context, NamedTypeNode node)
    {
        var typeName = node.Name.Value;
        if (context.Schema.TryGetType(typeName, out _))
        {
            return null;
        }
        var types = context.Schema.Types;
        var names = new List<string>(types.Count);
        for (var i = 0; i < types.Count; i++)
        {
            names.Add(types[i].Name);
        }
        return $"Unknown type \"{typeName}\".{Suggestions.DidYouMean(null, typeName, names)}";
    }
}
