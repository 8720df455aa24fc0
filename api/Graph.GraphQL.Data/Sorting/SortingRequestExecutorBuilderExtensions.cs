using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of sorting on the GraphQL server builder.</summary>
public static class SortingRequestExecutorBuilderExtensions
{
    /// <summary>Enables <c>[UseSorting]</c>: fields get an <c>order</c> argument translated to ORDER BY.</summary>
    public static IRequestExecutorBuilder AddSorting(this IRequestExecutorBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureSchema(schema => schema.ModifyOptions(o => o.ContextData[SortingObjectFieldDescriptorExtensions.OptionsKey] = true));
    }
}
