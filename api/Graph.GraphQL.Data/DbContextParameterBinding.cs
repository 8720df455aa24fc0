using System.Linq.Expressions;
using System.Reflection;
using Graph.GraphQL.Resolvers;
using Microsoft.EntityFrameworkCore;

namespace Graph.GraphQL.Data;

/// <summary>
/// Gives each resolver that takes a <typeparamref name="TContext"/> parameter a context of its own, rented from the
/// registered <see cref="IDbContextFactory{TContext}"/> (pooled with <c>AddPooledDbContextFactory</c>) and disposed once
/// the field's value is completed. Resolvers run in parallel, and an EF Core context allows one operation at a time: one
/// context per resolver is what keeps "a second operation was started on this context" from ever happening, while a
/// returned <c>IQueryable</c> stays usable until the executor (or the data pipeline) has enumerated it.
/// </summary>
internal sealed class DbContextParameterBinding<TContext> : ResolverParameterBinding
    where TContext : DbContext
{
    private static readonly MethodInfo LeaseMethod = typeof(DbContextParameterBinding<TContext>).GetMethod(nameof(Lease), BindingFlags.NonPublic | BindingFlags.Static)!;

    public override bool CanBind(ParameterInfo parameter) => parameter.ParameterType == typeof(TContext);

    public override Expression Bind(ParameterInfo parameter, Expression context) => Expression.Call(LeaseMethod, context);

    private static TContext Lease(IResolverContext context)
    {
        if (context.Services.GetService(typeof(IDbContextFactory<TContext>)) is not IDbContextFactory<TContext> factory)
        {
            throw new InvalidOperationException(
                $"{context.Field.Coordinate} takes a {typeof(TContext).Name}, registered with RegisterDbContextFactory<{typeof(TContext).Name}>(), " +
                $"but no IDbContextFactory<{typeof(TContext).Name}> is registered: call AddPooledDbContextFactory<{typeof(TContext).Name}>(...).");
        }
        var db = factory.CreateDbContext();
        context.RegisterForCleanup(db.Dispose);
        return db;
    }
}
