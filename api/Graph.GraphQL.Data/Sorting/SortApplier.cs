using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Data.Sorting;

// CONTRACT (to be implemented by the sorting work): reads the field's `order` argument.
internal sealed class SortApplier
{
    /// <summary>The keys of the `order` argument, or null when the client gave none.</summary>
    public IReadOnlyList<SortKey>? GetSortKeys<T>(IResolverContext context) => throw new NotImplementedException();
}
