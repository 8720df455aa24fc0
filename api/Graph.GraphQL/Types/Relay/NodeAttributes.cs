using Graph.GraphQL.Configuration;

namespace Graph.GraphQL.Types.Relay;

/// <summary>
/// Makes the object type of the annotated class a node (<c>type Book implements Node</c>): its key member (<c>Id</c>, the
/// member named by <see cref="IdField"/>, or the one marked <see cref="IDAttribute"/>) becomes <c>id: ID!</c>, formatted as
/// the global ID, and <c>node(id:)</c> fetches objects of the type with its node resolver: a method marked
/// <see cref="NodeResolverAttribute"/> (or a static <c>Get</c>/<c>GetAsync</c>) on the class, on
/// <see cref="NodeResolverType"/>, or on an extension class of the type. The resolver's parameter named <c>id</c> receives
/// the key; its other parameters bind like any resolver's (services, DataLoaders, <see cref="CancellationToken"/>).
/// Needs <c>AddGlobalObjectIdentification()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false)]
public sealed class NodeAttribute : ObjectTypeDescriptorAttribute
{
    /// <summary>The name of the CLR property holding the key, when it is neither <c>Id</c> nor marked <see cref="IDAttribute"/>.</summary>
    public string? IdField { get; set; }

    /// <summary>A class holding the node resolver, when it is neither on the node class nor on an extension class.</summary>
    public Type? NodeResolverType { get; set; }

    /// <summary>The name of the node resolver method, when it is not marked <see cref="NodeResolverAttribute"/>.</summary>
    public string? NodeResolver { get; set; }

    /// <inheritdoc />
    protected override void OnConfigure(IDescriptorContext context, IObjectTypeDescriptor descriptor, Type type)
    {
        var node = new NodeConfiguration(type)
        {
            IdMemberName = IdField,
            ResolverType = NodeResolverType,
            ResolverName = NodeResolver,
        };
        NodeTypeConfigurer.Configure(descriptor, node);
    }
}

/// <summary>
/// Marks the method that fetches a node by its key (<c>static Task&lt;Book?&gt; GetBookAsync(Guid id, BookByIdDataLoader loader)</c>).
/// Returning null means the object does not exist: <c>node(id:)</c> then gives null. Node resolvers are not fields.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NodeResolverAttribute : Attribute;
