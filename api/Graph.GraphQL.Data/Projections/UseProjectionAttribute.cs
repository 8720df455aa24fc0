using System.Reflection;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data;

/// <summary>
/// Loads only what the client selects below a field returning <c>IQueryable&lt;X&gt;</c>: the selected columns and
/// navigations (joined in the same SQL statement), the key <c>Id</c>, and the properties marked
/// <see cref="IsProjectedAttribute"/>. Needs <c>AddProjections()</c> on the server builder.
/// </summary>
public sealed class UseProjectionAttribute : ObjectFieldDescriptorAttribute
{
    /// <inheritdoc />
    protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member) =>
        descriptor.UseProjection();
}

/// <summary>Projections on code-first field descriptors.</summary>
public static class ProjectionObjectFieldDescriptorExtensions
{
    internal const string OptionsKey = "Graph.Data.Projections";

    /// <summary>Projects the field's queryable to what the client selects.</summary>
    public static IObjectFieldDescriptor UseProjection(this IObjectFieldDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        descriptor.Extend().OnBeforeCompletion((context, field) =>
        {
            const string attribute = "[UseProjection]";
            if (!context.Options.ContextData.ContainsKey(OptionsKey))
            {
                context.ReportError($"{attribute} on {field.Name} needs AddProjections() on the GraphQL server builder.");
                return;
            }
            if (DataField.GetOrCreate(context, field, attribute) is { } data)
            {
                data.Projection = true;
            }
        });
        return descriptor;
    }
}
