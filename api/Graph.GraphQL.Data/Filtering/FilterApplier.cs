using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Data.Filtering;

// CONTRACT (to be implemented by the filtering work): applies the field's `where` argument.
internal sealed class FilterApplier
{
    public IQueryable<T> Apply<T>(IQueryable<T> query, IResolverContext context) => throw new NotImplementedException();
}
