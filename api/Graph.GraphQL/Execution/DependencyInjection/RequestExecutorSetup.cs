using Graph.GraphQL.Configuration;
using Graph.GraphQL.Execution.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Execution.Configuration;

/// <summary>
/// Everything <c>AddGraphQLServer()</c> collects for one schema (named options): schema configurations, executor and
/// parser options, error filters and custom middleware. The executor is built from it once, on first use.
/// </summary>
public sealed class RequestExecutorSetup
{
    /// <summary>Whether <c>AddGraphQLServer</c> registered this schema name.</summary>
    public bool IsRegistered { get; set; }

    /// <summary>
    /// The schema configurations, applied in order to a new <see cref="SchemaBuilder"/>. Further sources of types
    /// (annotated classes, type extensions) plug in here as more configurations.
    /// </summary>
    public IList<Action<IServiceProvider, SchemaBuilder>> SchemaBuilderActions { get; } = [];

    /// <summary>Edits of the executor options, applied in order.</summary>
    public IList<Action<RequestExecutorOptions>> RequestOptionsActions { get; } = [];

    /// <summary>Edits of the parser options, applied in order.</summary>
    public IList<Action<RequestParserOptions>> ParserOptionsActions { get; } = [];

    /// <summary>Factories of the error filters, in the order they run.</summary>
    public IList<Func<IServiceProvider, IErrorFilter>> ErrorFilters { get; } = [];

    /// <summary>The custom middleware, in registration order.</summary>
    public IList<RequestMiddlewareConfiguration> Pipeline { get; } = [];
}

/// <summary>Configures one GraphQL server (schema and executor): returned by <c>AddGraphQLServer()</c>.</summary>
public interface IRequestExecutorBuilder
{
    /// <summary>The schema name (<see cref="RequestExecutorResolver.DefaultSchemaName"/> unless given).</summary>
    string Name { get; }

    /// <summary>The application's service collection.</summary>
    IServiceCollection Services { get; }
}

internal sealed class DefaultRequestExecutorBuilder(string name, IServiceCollection services) : IRequestExecutorBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;
}
