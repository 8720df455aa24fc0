using System.Linq.Expressions;
using System.Reflection;

namespace Graph.GraphQL.Resolvers;

/// <summary>
/// Binds resolver parameters of some kind to a value the library provides (registered in
/// <c>SchemaOptions.ParameterBindings</c>): the seam through which, for example, a resolver receives a DbContext of its own
/// from a pooled factory instead of the request's shared one. Bindings are asked in registration order, before the
/// built-in rules for arguments and services; the expression they return is compiled into the resolver once.
/// </summary>
public abstract class ResolverParameterBinding
{
    /// <summary>Whether this binding supplies <paramref name="parameter"/>.</summary>
    public abstract bool CanBind(ParameterInfo parameter);

    /// <summary>
    /// The expression producing the parameter's value from <paramref name="context"/> (an <see cref="IResolverContext"/>);
    /// its type must be assignable to the parameter type.
    /// </summary>
    public abstract Expression Bind(ParameterInfo parameter, Expression context);
}
