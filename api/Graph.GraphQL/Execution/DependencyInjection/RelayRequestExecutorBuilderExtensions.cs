using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Types.Relay;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Global object identification on a GraphQL server (HotChocolate's <c>AddGlobalObjectIdentification</c>).</summary>
public static class RelayRequestExecutorBuilderExtensions
{
    /// <summary>
    /// Adds the <c>Node</c> interface, <c>node(id:)</c> and <c>nodes(ids:)</c> on the query type, node types from
    /// <see cref="NodeAttribute"/> classes, and global IDs for <see cref="Graph.GraphQL.Types.IDAttribute"/> members. IDs are
    /// formatted and parsed by the <see cref="INodeIdSerializer"/> service (<see cref="DefaultNodeIdSerializer"/> unless
    /// another is registered).
    /// </summary>
    public static IRequestExecutorBuilder AddGlobalObjectIdentification(this IRequestExecutorBuilder builder, Action<GlobalObjectIdentificationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<INodeIdSerializer, DefaultNodeIdSerializer>();
        var options = new GlobalObjectIdentificationOptions();
        configure?.Invoke(options);
        return builder.ConfigureSchema((services, schema) =>
            schema.AddGlobalObjectIdentification(services.GetRequiredService<INodeIdSerializer>(), options));
    }
}
