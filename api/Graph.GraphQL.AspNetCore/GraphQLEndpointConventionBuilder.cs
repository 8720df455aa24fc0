using Microsoft.AspNetCore.Builder;

namespace Graph.GraphQL.AspNetCore;

/// <summary>The endpoints of one <c>MapGraphQL()</c>: conventions (authorization, CORS, ...) apply to all of them.</summary>
public sealed class GraphQLEndpointConventionBuilder : IEndpointConventionBuilder
{
    private readonly GraphQLServerOptions _options;
    private readonly IReadOnlyList<IEndpointConventionBuilder> _endpoints;

    internal GraphQLEndpointConventionBuilder(GraphQLServerOptions options, IReadOnlyList<IEndpointConventionBuilder> endpoints)
    {
        _options = options;
        _endpoints = endpoints;
    }

    /// <summary>Edits the options of these endpoints (GET, body size, schema requests, exception details).</summary>
    public GraphQLEndpointConventionBuilder WithOptions(Action<GraphQLServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    /// <inheritdoc />
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var endpoint in _endpoints)
        {
            endpoint.Add(convention);
        }
    }

    /// <inheritdoc />
    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var endpoint in _endpoints)
        {
            endpoint.Finally(finallyConvention);
        }
    }
}
