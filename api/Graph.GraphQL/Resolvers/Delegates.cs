namespace Graph.GraphQL.Resolvers;

/// <summary>Produces the value of a field.</summary>
public delegate ValueTask<object?> FieldResolverDelegate(IResolverContext context);

/// <summary>Produces the value of a field synchronously and without side effects (property getters, introspection).</summary>
public delegate object? PureFieldResolverDelegate(IResolverContext context);

/// <summary>Creates the source event stream of a subscription root field; each event is then resolved with the field's resolver.</summary>
public delegate ValueTask<IAsyncEnumerable<object?>> SubscribeResolverDelegate(IResolverContext context);
