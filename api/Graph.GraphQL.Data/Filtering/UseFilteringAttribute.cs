using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Data.Filtering;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data;

/// <summary>
/// Adds a <c>where: &lt;Entity&gt;FilterInput</c> argument to a field whose resolver returns <c>IQueryable&lt;T&gt;</c> (or
/// <c>IEnumerable&lt;T&gt;</c>), and filters the result with it in the data pipeline, in SQL when the queryable is EF Core's.
/// The filter input is generated from the entity's object type, or configured by a <see cref="FilterInputType{T}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = false)]
public sealed class UseFilteringAttribute : ObjectFieldDescriptorAttribute
{
    /// <summary>Filters with the default filter input of the entity.</summary>
    public UseFilteringAttribute()
    {
    }

    /// <summary>Filters with the <see cref="FilterInputType{T}"/> class <paramref name="filterType"/>.</summary>
    public UseFilteringAttribute(Type? filterType) => FilterType = filterType;

    /// <summary>The <see cref="FilterInputType{T}"/> class, or null for the default filter input.</summary>
    public Type? FilterType { get; }

    /// <inheritdoc />
    protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member) =>
        descriptor.UseFiltering(FilterType);
}

/// <summary>Filtering on code-first field descriptors.</summary>
public static class FilterObjectFieldDescriptorExtensions
{
    /// <summary>Filters the field with the default filter input of its entity (see <see cref="UseFilteringAttribute"/>).</summary>
    public static IObjectFieldDescriptor UseFiltering(this IObjectFieldDescriptor descriptor) => descriptor.UseFiltering(null);

    /// <summary>Filters the field with the <see cref="FilterInputType{T}"/> class <typeparamref name="TFilter"/>.</summary>
    public static IObjectFieldDescriptor UseFiltering<TFilter>(this IObjectFieldDescriptor descriptor)
        where TFilter : class => descriptor.UseFiltering(typeof(TFilter));

    /// <summary>Filters the field with the <see cref="FilterInputType{T}"/> class <paramref name="filterType"/>, or the default one when null.</summary>
    public static IObjectFieldDescriptor UseFiltering(this IObjectFieldDescriptor descriptor, Type? filterType)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        descriptor.Extend().OnBeforeCompletion((context, field) => Configure(context, field, filterType));
        return descriptor;
    }

    private static void Configure(IDescriptorContext context, OutputFieldDefinition field, Type? filterType)
    {
        if (FilteringOptions.From(context.Options) is not { } options)
        {
            context.ReportError($"[UseFiltering] on {field.Name} needs AddFiltering() on the GraphQL server builder.");
            return;
        }
        if (DataField.GetOrCreate(context, field, "[UseFiltering]") is not { } data)
        {
            return;
        }
        if (field.Arguments.Any(a => a.Name == FilterApplier.ArgumentName))
        {
            context.ReportError($"[UseFiltering] on {data.Description}: the field already has an argument named \"{FilterApplier.ArgumentName}\".");
            return;
        }
        FilterInputTypeSettings? settings = null;
        if (filterType is not null && (settings = FilterInputTypeSettings.Create(filterType, data.EntityType, out var error)) is null)
        {
            context.ReportError($"[UseFiltering] on {data.Description}: {error}");
            return;
        }
        var usage = $"[UseFiltering] on {data.Description}";
        if (new FilterObjectTypes(context, options).GetOrCreate(data.EntityTypeName, data.EntityType, settings, usage) is not { } filter)
        {
            return;
        }
        data.Filtering = new FilterApplier(filter, options);
        field.Arguments.Add(new InputValueDefinition(FilterApplier.ArgumentName, new NamedTypeNode(filter.TypeName))
        {
            Description = $"Returns only the {data.EntityTypeName} values that match the filter.",
        });
    }
}
