using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Data.Sorting;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data;

/// <summary>
/// Adds the argument <c>order: [XSortInput!]</c> to a field returning <c>IQueryable&lt;X&gt;</c> (or an enumerable of X),
/// and orders the result by it in the query itself (ORDER BY). Needs <c>AddSorting()</c> on the server builder.
/// </summary>
public sealed class UseSortingAttribute : ObjectFieldDescriptorAttribute
{
    /// <summary>Sorts by the default sort input of the entity.</summary>
    public UseSortingAttribute()
    {
    }

    /// <summary>Sorts by the sort input <paramref name="type"/> (a <see cref="SortInputType{T}"/> subclass).</summary>
    public UseSortingAttribute(Type type) => Type = type;

    /// <summary>The sort input class, or null for the default one.</summary>
    public Type? Type { get; }

    /// <inheritdoc />
    protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member) =>
        descriptor.UseSorting(Type);
}

/// <summary>Sorting on code-first field descriptors.</summary>
public static class SortingObjectFieldDescriptorExtensions
{
    internal const string OptionsKey = "Graph.Data.Sorting";

    /// <summary>Sorts the field with <typeparamref name="TSortType"/>.</summary>
    public static IObjectFieldDescriptor UseSorting<TSortType>(this IObjectFieldDescriptor descriptor)
        where TSortType : SortInputType =>
        descriptor.UseSorting(typeof(TSortType));

    /// <summary>Sorts the field with the sort input class <paramref name="sortType"/>, or the entity's default one when null.</summary>
    public static IObjectFieldDescriptor UseSorting(this IObjectFieldDescriptor descriptor, Type? sortType = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        descriptor.Extend().OnBeforeCompletion((context, field) => Configure(context, field, sortType));
        return descriptor;
    }

    private static void Configure(IDescriptorContext context, OutputFieldDefinition field, Type? sortType)
    {
        const string attribute = "[UseSorting]";
        if (!context.Options.ContextData.ContainsKey(OptionsKey))
        {
            context.ReportError($"{attribute} on {field.Name} needs AddSorting() on the GraphQL server builder.");
            return;
        }
        if (DataField.GetOrCreate(context, field, attribute) is not { } data || data.Sorting is not null)
        {
            return;
        }
        var usage = $"{attribute} on {data.Description}";
        SortInputType instance;
        if (sortType is null)
        {
            instance = (SortInputType)Activator.CreateInstance(typeof(SortInputType<>).MakeGenericType(data.EntityType))!;
        }
        else if (typeof(SortInputType).IsAssignableFrom(sortType) && !sortType.IsAbstract && sortType.GetConstructor(Type.EmptyTypes) is not null)
        {
            instance = (SortInputType)Activator.CreateInstance(sortType)!;
        }
        else
        {
            context.ReportError($"{usage}: {sortType.Name} must be a SortInputType<T> class with a public parameterless constructor.");
            return;
        }
        if (SortTypeBuilder.GetOrBuild(context, data.EntityTypeName, instance, usage) is not { } input)
        {
            return;
        }
        data.Sorting = new SortApplier(input);
        field.Arguments.Add(new InputValueDefinition(SortApplier.ArgumentName, new ListTypeNode(new NonNullTypeNode(new NamedTypeNode(input.Name))))
        {
            Description = "The order of the results: keys in list order, one field per element.",
        });
    }
}
