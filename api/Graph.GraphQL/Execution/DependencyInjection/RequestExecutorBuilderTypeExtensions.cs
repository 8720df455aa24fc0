using Graph.GraphQL.Execution.Configuration;
using Graph.GraphQL.Types;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Types from annotated classes and code-first descriptors on a GraphQL server, as in HotChocolate:
/// <c>services.AddGraphQLServer().AddQueryType().AddTypeExtension&lt;BookQueries&gt;()</c>.
/// Each method forwards to the <see cref="Graph.GraphQL.Configuration.SchemaBuilder"/> method of the same name.
/// </summary>
public static class RequestExecutorBuilderTypeExtensions
{
    /// <summary>An empty Query type, to be filled by <c>[ExtendObjectType(OperationTypeNames.Query)]</c> classes.</summary>
    public static IRequestExecutorBuilder AddQueryType(this IRequestExecutorBuilder builder) =>
        builder.ConfigureSchema(b => b.AddQueryType(d => d.Name(OperationTypeNames.Query)));

    public static IRequestExecutorBuilder AddQueryType<T>(this IRequestExecutorBuilder builder) =>
        builder.ConfigureSchema(b => b.AddQueryType<T>());

    public static IRequestExecutorBuilder AddQueryType(this IRequestExecutorBuilder builder, Action<IObjectTypeDescriptor> configure) =>
        builder.ConfigureSchema(b => b.AddQueryType(configure));

    /// <summary>An empty Mutation type, to be filled by <c>[ExtendObjectType(OperationTypeNames.Mutation)]</c> classes.</summary>
    public static IRequestExecutorBuilder AddMutationType(this IRequestExecutorBuilder builder) =>
        builder.ConfigureSchema(b => b.AddMutationType(d => d.Name(OperationTypeNames.Mutation)));

    public static IRequestExecutorBuilder AddMutationType<T>(this IRequestExecutorBuilder builder) =>
        builder.ConfigureSchema(b => b.AddMutationType<T>());

    public static IRequestExecutorBuilder AddMutationType(this IRequestExecutorBuilder builder, Action<IObjectTypeDescriptor> configure) =>
        builder.ConfigureSchema(b => b.AddMutationType(configure));

    /// <summary>An empty Subscription type, to be filled by <c>[ExtendObjectType(OperationTypeNames.Subscription)]</c> classes.</summary>
    public static IRequestExecutorBuilder AddSubscriptionType(this IRequestExecutorBuilder builder) =>
        builder.ConfigureSchema(b => b.AddSubscriptionType(d => d.Name(OperationTypeNames.Subscription)));

    public static IRequestExecutorBuilder AddSubscriptionType<T>(this IRequestExecutorBuilder builder) =>
        builder.ConfigureSchema(b => b.AddSubscriptionType<T>());

    public static IRequestExecutorBuilder AddSubscriptionType(this IRequestExecutorBuilder builder, Action<IObjectTypeDescriptor> configure) =>
        builder.ConfigureSchema(b => b.AddSubscriptionType(configure));

    /// <summary>A type from a class: an object, enum, interface, union, input object, scalar or code-first type class.</summary>
    public static IRequestExecutorBuilder AddType<T>(this IRequestExecutorBuilder builder) =>
        builder.ConfigureSchema(b => b.AddType<T>());

    public static IRequestExecutorBuilder AddType(this IRequestExecutorBuilder builder, INamedType type) =>
        builder.ConfigureSchema(b => b.AddType(type));

    /// <summary>Fields added to an existing type by an <c>[ExtendObjectType]</c> class.</summary>
    public static IRequestExecutorBuilder AddTypeExtension<T>(this IRequestExecutorBuilder builder) =>
        builder.ConfigureSchema(b => b.AddTypeExtension<T>());
}
