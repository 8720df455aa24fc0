using Graph.GraphQL.Execution.Configuration;
using Microsoft.EntityFrameworkCore;

using Graph.GraphQL.Data;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the data features on the GraphQL server builder.</summary>
public static class DataRequestExecutorBuilderExtensions
{
    /// <summary>
    /// Resolver parameters of type <typeparamref name="TContext"/> receive a context of their own from the registered
    /// <see cref="IDbContextFactory{TContext}"/>, disposed once the field's value is completed (safe under parallel resolvers).
    /// </summary>
    public static IRequestExecutorBuilder RegisterDbContextFactory<TContext>(this IRequestExecutorBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureSchema(schema => schema.ModifyOptions(o => o.ParameterBindings.Add(new DbContextParameterBinding<TContext>())));
    }
}
