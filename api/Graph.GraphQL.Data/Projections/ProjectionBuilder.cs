using System.Linq.Expressions;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Data.Projections;

// CONTRACT (to be implemented by the projection work).
internal static class ProjectionBuilder
{
    /// <summary>
    /// The projection of <typeparamref name="T"/> to what <paramref name="selections"/> (fields whose type is the object type
    /// bound to T, e.g. Query.books, or a connection's nodes and edges.node) select, or null when nothing can be projected.
    /// </summary>
    public static Expression<Func<T, T>>? Build<T>(IReadOnlyList<ISelection> selections, IResolverContext context) => throw new NotImplementedException();
}
