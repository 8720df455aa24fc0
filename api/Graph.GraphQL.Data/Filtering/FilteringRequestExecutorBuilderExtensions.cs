using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of filtering on the GraphQL server builder.</summary>
public static class FilteringRequestExecutorBuilderExtensions
{
    /// <summary>
    /// Sets the options of <c>[UseFiltering]</c> fields (see <see cref="FilteringOptions"/>). Calling it is optional:
    /// filtering works with the default options without it.
    /// </summary>
    public static IRequestExecutorBuilder AddFiltering(this IRequestExecutorBuilder builder, Action<FilteringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FilteringOptions();
        configure?.Invoke(options);
        return builder.ConfigureSchema(schema => schema.AddTypeDefinitionSource(new FilteringOptionsSource(options)));
    }
}
