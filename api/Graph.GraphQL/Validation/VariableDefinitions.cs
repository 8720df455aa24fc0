using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation;

/// <summary>Lookups in an operation's variable definitions (operations define few variables: a linear scan beats a map).</summary>
internal static class VariableDefinitions
{
    /// <summary>The last definition of <paramref name="name"/> in <paramref name="operation"/>, or null.</summary>
    public static VariableDefinitionNode? Find(OperationDefinitionNode operation, string name)
    {
        var definitions = operation.VariableDefinitions;
        for (var i = definitions.Count - 1; i >= 0; i--)
        {
            if (string.Equals(definitions[i].Variable.Name.Value, name, StringComparison.Ordinal))
            {
                return definitions[i];
            }
        }
        return null;
    }
}
