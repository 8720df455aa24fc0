using Graph.GraphQL.Data;
using Graph.GraphQL.Execution.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of projections on the GraphQL server builder.</summary>
public static class ProjectionRequestExecutorBuilderExtensions
{
    /// <summary>Enables <c>[UseProjection]</c>: queries load only the selected columns and navigations.</summary>
    public static IRequestExecutorBuilder AddProjections(this IRequestExecutorBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureSchema(schema => schema.ModifyOptions(o => o.ContextData[ProjectionObjectFieldDescriptorExtensions.OptionsKey] = true));
    }
}
