using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of filtering on the GraphQL server builder.</summary>
public static class FilteringRequestExecutorBuilderExtensions
{
    /// <summary>
    /// Enables <c>[UseFiltering]</c> (fields get a <c>where</c> argument translated to SQL) with its options
    /// (see <see cref="FilteringOptions"/>).
    /// </summary>
    public static IRequestExecutorBuilder AddFiltering(this IRequestExecutorBuilder builder, Action<FilteringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FilteringOptions();
        configure?.Invoke(options);
        return builder.ConfigureSchema(schema => schema.ModifyOptions(o => o.ContextData[FilteringOptions.ContextKey] = options));
    }
}
