using Graph.GraphQL;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Execution.Pipeline;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers GraphQL servers (HotChocolate's <c>AddGraphQLServer</c>).</summary>
public static class GraphQLServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GraphQL server <paramref name="schemaName"/> (the default one when null) and returns its builder:
    /// <c>services.AddGraphQLServer().AddDocumentFromString(sdl).AddResolver(...).ModifyRequestOptions(...)</c>. The
    /// executor is built on first use by <see cref="IRequestExecutorResolver"/>. Documents are validated by every rule of the
    /// spec (<see cref="DocumentValidator"/>) unless another <see cref="IDocumentValidator"/> is registered.
    /// </summary>
    public static IRequestExecutorBuilder AddGraphQLServer(this IServiceCollection services, string? schemaName = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var name = schemaName ?? RequestExecutorResolver.DefaultSchemaName;
        services.AddOptions();
        services.TryAddSingleton<IRequestExecutorResolver, RequestExecutorResolver>();
        services.TryAddSingleton<IDocumentValidator>(DocumentValidator.Default);
        services.TryAddScoped<BatchScheduler>();
        services.TryAddScoped<IBatchScheduler>(static sp => sp.GetRequiredService<BatchScheduler>());
        services.TryAddSingleton(static _ => new DataLoaderOptions());
        services.TryAddSingleton(new ServiceLifetimes(services));
        services.Configure<RequestExecutorSetup>(name, static setup => setup.IsRegistered = true);
        var builder = new DefaultRequestExecutorBuilder(name, services);
        // Resolver parameters whose type the container knows are services, not GraphQL arguments.
        builder.ConfigureSchema(static (provider, schema) =>
        {
            if (provider.GetService<IServiceProviderIsService>() is { } registry)
            {
                schema.AddServiceDetection(registry.IsService);
            }
        });
        return builder;
    }
}

/// <summary>Configures a GraphQL server (schema, options, errors, pipeline, DataLoaders).</summary>
public static class RequestExecutorBuilderExtensions
{
    /// <summary>Edits what is collected for the server.</summary>
    public static IRequestExecutorBuilder ConfigureSetup(this IRequestExecutorBuilder builder, Action<RequestExecutorSetup> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }

    /// <summary>Adds a configuration of the schema builder (the seam for every source of types).</summary>
    public static IRequestExecutorBuilder ConfigureSchema(this IRequestExecutorBuilder builder, Action<SchemaBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureSchema((_, schemaBuilder) => configure(schemaBuilder));
    }

    /// <summary>Adds a configuration of the schema builder that uses the application services.</summary>
    public static IRequestExecutorBuilder ConfigureSchema(this IRequestExecutorBuilder builder, Action<IServiceProvider, SchemaBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureSetup(setup => setup.SchemaBuilderActions.Add(configure));
    }

    /// <summary>Adds the type definitions of an SDL document.</summary>
    public static IRequestExecutorBuilder AddDocumentFromString(this IRequestExecutorBuilder builder, string sdl)
    {
        ArgumentNullException.ThrowIfNull(sdl);
        return builder.ConfigureSchema(schema => schema.AddDocumentFromString(sdl));
    }

    /// <summary>Sets the resolver of <c>typeName.fieldName</c>.</summary>
    public static IRequestExecutorBuilder AddResolver(this IRequestExecutorBuilder builder, string typeName, string fieldName, FieldResolverDelegate resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return builder.ConfigureSchema(schema => schema.AddResolver(typeName, fieldName, resolver));
    }

    /// <summary>Sets a synchronous resolver of <c>typeName.fieldName</c>.</summary>
    public static IRequestExecutorBuilder AddResolver(this IRequestExecutorBuilder builder, string typeName, string fieldName, Func<IResolverContext, object?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return builder.ConfigureSchema(schema => schema.AddResolver(typeName, fieldName, resolver));
    }

    /// <summary>Sets a synchronous resolver without side effects of <c>typeName.fieldName</c>.</summary>
    public static IRequestExecutorBuilder AddPureResolver(this IRequestExecutorBuilder builder, string typeName, string fieldName, PureFieldResolverDelegate resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return builder.ConfigureSchema(schema => schema.AddPureResolver(typeName, fieldName, resolver));
    }

    /// <summary>Sets the source stream of the subscription field <c>typeName.fieldName</c>.</summary>
    public static IRequestExecutorBuilder AddSubscribeResolver(this IRequestExecutorBuilder builder, string typeName, string fieldName, SubscribeResolverDelegate subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        return builder.ConfigureSchema(schema => schema.AddSubscribeResolver(typeName, fieldName, subscribe));
    }

    /// <summary>Binds the members of <typeparamref name="T"/> as resolvers of the fields of <paramref name="typeName"/>.</summary>
    public static IRequestExecutorBuilder AddResolver<T>(this IRequestExecutorBuilder builder, string typeName) =>
        builder.ConfigureSchema(schema => schema.AddResolver<T>(typeName));

    /// <summary>Binds the CLR type <typeparamref name="T"/> to <paramref name="typeName"/>.</summary>
    public static IRequestExecutorBuilder BindRuntimeType<T>(this IRequestExecutorBuilder builder, string typeName) =>
        builder.ConfigureSchema(schema => schema.BindRuntimeType<T>(typeName));

    /// <summary>Registers a scalar implementation.</summary>
    public static IRequestExecutorBuilder AddType(this IRequestExecutorBuilder builder, ScalarType scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        return builder.ConfigureSchema(schema => schema.AddType(scalar));
    }

    /// <summary>Edits the executor options (<c>IncludeExceptionDetails</c>, <c>ExecutionTimeout</c>, ...).</summary>
    public static IRequestExecutorBuilder ModifyRequestOptions(this IRequestExecutorBuilder builder, Action<RequestExecutorOptions> modify)
    {
        ArgumentNullException.ThrowIfNull(modify);
        return builder.ConfigureSetup(setup => setup.RequestOptionsActions.Add(modify));
    }

    /// <summary>Edits the parser limits.</summary>
    public static IRequestExecutorBuilder ModifyParserOptions(this IRequestExecutorBuilder builder, Action<RequestParserOptions> modify)
    {
        ArgumentNullException.ThrowIfNull(modify);
        return builder.ConfigureSetup(setup => setup.ParserOptionsActions.Add(modify));
    }

    /// <summary>Refuses <c>__schema</c> and <c>__type</c> (requests built with <c>AllowIntrospection()</c> excepted).</summary>
    public static IRequestExecutorBuilder DisableIntrospection(this IRequestExecutorBuilder builder, bool disable = true) =>
        builder.ModifyRequestOptions(options => options.DisableIntrospection = disable);

    /// <summary>Adds an error filter, created from the application services (singleton).</summary>
    public static IRequestExecutorBuilder AddErrorFilter<T>(this IRequestExecutorBuilder builder)
        where T : class, IErrorFilter
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<T>();
        return builder.ConfigureSetup(setup => setup.ErrorFilters.Add(static sp => sp.GetRequiredService<T>()));
    }

    /// <summary>Adds an error filter instance.</summary>
    public static IRequestExecutorBuilder AddErrorFilter(this IRequestExecutorBuilder builder, IErrorFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return builder.ConfigureSetup(setup => setup.ErrorFilters.Add(_ => filter));
    }

    /// <summary>Adds an error filter function.</summary>
    public static IRequestExecutorBuilder AddErrorFilter(this IRequestExecutorBuilder builder, Func<GraphQLError, GraphQLError> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return builder.AddErrorFilter(new DelegateErrorFilter(filter));
    }

    /// <summary>
    /// Inserts a middleware into the request pipeline, by default just before execution (after the document, operation
    /// and variables are known); <paramref name="before"/> or <paramref name="after"/> place it around another key
    /// (see <see cref="RequestMiddlewareKeys"/>, or the key of another custom middleware).
    /// </summary>
    public static IRequestExecutorBuilder UseRequest(
        this IRequestExecutorBuilder builder,
        RequestMiddleware middleware,
        string? key = null,
        string? before = null,
        string? after = null)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        if (before is not null && after is not null)
        {
            throw new ArgumentException("Place a middleware either before or after another one, not both.", nameof(after));
        }
        var configuration = new RequestMiddlewareConfiguration(middleware, key, before, after);
        return builder.ConfigureSetup(setup => setup.Pipeline.Add(configuration));
    }

    /// <summary>Inserts a middleware that needs no factory context.</summary>
    public static IRequestExecutorBuilder UseRequest(
        this IRequestExecutorBuilder builder,
        Func<RequestDelegate, RequestDelegate> middleware,
        string? key = null,
        string? before = null,
        string? after = null)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        return builder.UseRequest((_, next) => middleware(next), key, before, after);
    }

    /// <summary>Registers the DataLoader <typeparamref name="T"/> as a scoped (per request) service.</summary>
    public static IRequestExecutorBuilder AddDataLoader<T>(this IRequestExecutorBuilder builder)
        where T : class, IDataLoader
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped<T>();
        return builder;
    }

    /// <summary>Registers the DataLoader <typeparamref name="TImplementation"/> as the scoped service <typeparamref name="TService"/>.</summary>
    public static IRequestExecutorBuilder AddDataLoader<TService, TImplementation>(this IRequestExecutorBuilder builder)
        where TService : class, IDataLoader
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped<TImplementation>();
        builder.Services.TryAddScoped<TService>(static sp => sp.GetRequiredService<TImplementation>());
        return builder;
    }

    private sealed class DelegateErrorFilter(Func<GraphQLError, GraphQLError> filter) : IErrorFilter
    {
        public GraphQLError OnError(GraphQLError error) => filter(error);
    }
}

/// <summary>Reaches the request executors from the services.</summary>
public static class RequestExecutorServiceProviderExtensions
{
    /// <summary>The executor of <paramref name="schemaName"/> (built on first use).</summary>
    public static ValueTask<IRequestExecutor> GetRequestExecutorAsync(
        this IServiceProvider services,
        string? schemaName = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<IRequestExecutorResolver>().GetRequestExecutorAsync(schemaName, cancellationToken);
    }

    /// <summary>Executes <paramref name="sourceText"/> on the default schema.</summary>
    public static async Task<IExecutionResult> ExecuteRequestAsync(
        this IServiceProvider services,
        string sourceText,
        string? schemaName = null,
        CancellationToken cancellationToken = default)
    {
        var executor = await services.GetRequestExecutorAsync(schemaName, cancellationToken).ConfigureAwait(false);
        return await executor.ExecuteAsync(sourceText, cancellationToken).ConfigureAwait(false);
    }
}
