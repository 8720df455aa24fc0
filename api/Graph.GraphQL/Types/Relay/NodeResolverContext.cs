using System.Linq.Expressions;
using System.Reflection;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types.Relay;

/// <summary>
/// The context a node resolver runs in: the <c>node</c> (or <c>nodes</c>) field's context plus the key parsed from one
/// global ID, so that <c>nodes(ids:)</c> can run the resolver for every ID at once, each with its own key.
/// </summary>
internal sealed class NodeResolverContext(IResolverContext inner, string typeName, object key) : IResolverContext
{
    /// <summary>The name of the node type the ID belongs to.</summary>
    public string TypeName { get; } = typeName;

    /// <summary>The key parsed from the global ID.</summary>
    public object Key { get; } = key;

    public ISchema Schema => inner.Schema;

    public ObjectType ObjectType => inner.ObjectType;

    public ObjectField Field => inner.Field;

    public FieldNode Selection => inner.Selection;

    public ISelection FieldSelection => inner.FieldSelection;

    public IReadOnlyList<FieldNode> FieldNodes => inner.FieldNodes;

    public string ResponseName => inner.ResponseName;

    public Path Path => inner.Path;

    public IServiceProvider Services => inner.Services;

    public CancellationToken RequestAborted => inner.RequestAborted;

    public object? Result => inner.Result;

    public IDictionary<string, object?> ContextData => inner.ContextData;

    public IReadOnlyDictionary<string, object?> Variables => inner.Variables;

    public object? Parent() => inner.Parent();

    public T Parent<T>() => inner.Parent<T>();

    public T ArgumentValue<T>(string name) => inner.ArgumentValue<T>(name);

    public object? ArgumentValue(string name) => inner.ArgumentValue(name);

    public bool HasArgument(string name) => inner.HasArgument(name);

    public T Service<T>() where T : notnull => inner.Service<T>();

    public void ReportError(GraphQLError error) => inner.ReportError(error);

    public void RegisterForCleanup(Action cleanup) => inner.RegisterForCleanup(cleanup);
}

/// <summary>Binds the node resolver's parameter named <c>id</c> to the key of the global ID being resolved.</summary>
internal sealed class NodeKeyParameterBinding : ResolverParameterBinding
{
    private static readonly MethodInfo KeyMethod = typeof(NodeKeyParameterBinding).GetMethod(nameof(Key), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static NodeKeyParameterBinding Instance { get; } = new();

    /// <summary>Whether <paramref name="parameter"/> receives the key: it is named <c>id</c>.</summary>
    public static bool IsKeyParameter(ParameterInfo parameter) => string.Equals(parameter.Name, "id", StringComparison.OrdinalIgnoreCase);

    public override bool CanBind(ParameterInfo parameter) => IsKeyParameter(parameter);

    public override Expression Bind(ParameterInfo parameter, Expression context) =>
        Expression.Call(KeyMethod.MakeGenericMethod(parameter.ParameterType), context);

    private static T Key<T>(IResolverContext context)
    {
        var node = context as NodeResolverContext
            ?? throw new InvalidOperationException($"A node resolver runs only through node(id:) and nodes(ids:) (resolving {context.Field.Coordinate}).");
        return NodeKeys.Convert<T>(node.TypeName, node.Key);
    }
}

/// <summary>Converts keys parsed from global IDs to the key type a resolver asks for.</summary>
internal static class NodeKeys
{
    /// <exception cref="GraphQLException">The key does not fit <typeparamref name="T"/> (code <see cref="ErrorCodes.InvalidNodeId"/>).</exception>
    public static T Convert<T>(string typeName, object key) => (T)Convert(typeName, key, typeof(T))!;

    /// <inheritdoc cref="Convert{T}(string, object)"/>
    public static object? Convert(string typeName, object key, Type keyType)
    {
        if (keyType.IsInstanceOfType(key))
        {
            return key;
        }
        try
        {
            return ValueConverter.Convert(key, keyType);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            throw new GraphQLException(NodeErrors.WrongKey(typeName, key, Nullable.GetUnderlyingType(keyType) ?? keyType));
        }
    }
}
