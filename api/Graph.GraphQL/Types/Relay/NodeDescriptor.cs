using System.Linq.Expressions;
using System.Reflection;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types.Relay;

/// <summary>Configures how a code-first node type gets its key and fetches objects (<c>descriptor.ImplementsNode()</c>).</summary>
/// <typeparam name="T">The CLR type of the node type.</typeparam>
public interface INodeDescriptor<T>
{
    /// <summary>Uses <paramref name="member"/> as the key, exposed as <c>id: ID!</c> (default: <c>Id</c>, or the member marked <see cref="IDAttribute"/>).</summary>
    INodeDescriptor<T> IdField(Expression<Func<T, object?>> member);

    /// <summary>Fetches an object by key with <paramref name="resolver"/>; null when it does not exist.</summary>
    /// <typeparam name="TKey">The key type: <see cref="Guid"/>, <see cref="int"/>, <see cref="long"/> or <see cref="string"/>.</typeparam>
    IObjectTypeDescriptor<T> ResolveNode<TKey>(Func<IResolverContext, TKey, Task<T?>> resolver);

    /// <summary>Fetches an object by key with a method of <typeparamref name="TResolver"/> (its parameter named <c>id</c> is the key).</summary>
    IObjectTypeDescriptor<T> ResolveNodeWith<TResolver>(Expression<Func<TResolver, object?>> method);
}

/// <summary>Makes code-first object types nodes.</summary>
public static class NodeObjectTypeDescriptorExtensions
{
    /// <summary>
    /// Makes the type a node (see <see cref="NodeAttribute"/>): it implements <c>Node</c>, and its node resolver is set with
    /// the returned descriptor, else found on the CLR type or an extension class as for <see cref="NodeAttribute"/>.
    /// </summary>
    public static INodeDescriptor<T> ImplementsNode<T>(this IObjectTypeDescriptor<T> descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var node = new NodeConfiguration(typeof(T));
        NodeTypeConfigurer.Configure(descriptor, node);
        return new NodeDescriptor<T>(descriptor, node);
    }
}

internal sealed class NodeDescriptor<T>(IObjectTypeDescriptor<T> descriptor, NodeConfiguration node) : INodeDescriptor<T>
{
    public INodeDescriptor<T> IdField(Expression<Func<T, object?>> member)
    {
        NodeTypeConfigurer.SetIdMember(descriptor, node, MemberExpressions.GetMember(member));
        return this;
    }

    public IObjectTypeDescriptor<T> ResolveNode<TKey>(Func<IResolverContext, TKey, Task<T?>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        node.Delegate = (typeof(TKey), async context =>
        {
            var nodeContext = (NodeResolverContext)context;
            return await resolver(context, NodeKeys.Convert<TKey>(nodeContext.TypeName, nodeContext.Key)).ConfigureAwait(false);
        });
        return descriptor;
    }

    public IObjectTypeDescriptor<T> ResolveNodeWith<TResolver>(Expression<Func<TResolver, object?>> method)
    {
        var member = MemberExpressions.GetMember(method) as MethodInfo
            ?? throw new ArgumentException($"The expression {method} must call a method of {typeof(TResolver).Name}.", nameof(method));
        node.ResolverType = typeof(TResolver);
        node.ResolverName = member.Name;
        return descriptor;
    }
}
