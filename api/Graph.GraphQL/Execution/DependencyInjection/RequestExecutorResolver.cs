using Graph.GraphQL.Configuration;
using Graph.GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Graph.GraphQL.Execution.Configuration;

/// <summary>Provides the request executor of each registered schema (HotChocolate's <c>IRequestExecutorResolver</c>).</summary>
public interface IRequestExecutorResolver
{
    /// <summary>
    /// The executor of <paramref name="schemaName"/> (the default schema when null), built on first use from what
    /// <c>AddGraphQLServer</c> collected and then reused.
    /// </summary>
    /// <exception cref="InvalidOperationException">The schema is not registered.</exception>
    /// <exception cref="Types.SchemaException">The schema is invalid.</exception>
    ValueTask<IRequestExecutor> GetRequestExecutorAsync(string? schemaName = null, CancellationToken cancellationToken = default);
}

/// <summary>Builds each schema's executor once, thread-safely, and caches it (a failed build is retried on the next call).</summary>
public sealed class RequestExecutorResolver : IRequestExecutorResolver
{
    /// <summary>The name of the schema of <c>AddGraphQLServer()</c> without a name.</summary>
    public const string DefaultSchemaName = "_Default";

    private readonly IServiceProvider _services;
    private readonly IOptionsMonitor<RequestExecutorSetup> _setups;
    private readonly object _sync = new();
    private readonly Dictionary<string, IRequestExecutor> _executors = new(StringComparer.Ordinal);

    /// <summary>Creates the resolver over the application services and the collected setups.</summary>
    public RequestExecutorResolver(IServiceProvider services, IOptionsMonitor<RequestExecutorSetup> setups)
    {
        _services = services;
        _setups = setups;
    }

    /// <inheritdoc />
    public ValueTask<IRequestExecutor> GetRequestExecutorAsync(string? schemaName = null, CancellationToken cancellationToken = default)
    {
        var name = schemaName ?? DefaultSchemaName;
        lock (_sync)
        {
            if (!_executors.TryGetValue(name, out var executor))
            {
                executor = Build(name);
                _executors[name] = executor;
            }
            return ValueTask.FromResult(executor);
        }
    }

    private RequestExecutor Build(string name)
    {
        var setup = _setups.Get(name);
        if (!setup.IsRegistered)
        {
            throw new InvalidOperationException($"No GraphQL server named \"{name}\" is registered: call services.AddGraphQLServer({(name == DefaultSchemaName ? string.Empty : "\"" + name + "\"")}).");
        }

        var validator = _services.GetRequiredService<IDocumentValidator>();

        var builder = SchemaBuilder.New();
        foreach (var configure in setup.SchemaBuilderActions)
        {
            configure(_services, builder);
        }
        var schema = builder.Create();

        var options = new RequestExecutorOptions();
        foreach (var modify in setup.RequestOptionsActions)
        {
            modify(options);
        }
        var parserOptions = new RequestParserOptions();
        foreach (var modify in setup.ParserOptionsActions)
        {
            modify(parserOptions);
        }
        var filters = new List<IErrorFilter>(setup.ErrorFilters.Count);
        foreach (var factory in setup.ErrorFilters)
        {
            filters.Add(factory(_services));
        }
        return new RequestExecutor(schema, _services, validator, options, parserOptions.ToParserOptions(), filters, [.. setup.Pipeline]);
    }
}
