using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Data.Paging;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data;

/// <summary>
/// Pages the list the resolver returns as a Relay connection: arguments <c>first</c>, <c>after</c>, <c>last</c>,
/// <c>before</c>; the field's type becomes <c>XConnection</c> with <c>edges</c>, <c>nodes</c>, <c>pageInfo</c> and
/// <c>totalCount</c> (counted only when selected). Keyset paging in SQL on an order made unique by <see cref="KeyProperty"/>.
/// </summary>
public sealed class UsePagingAttribute : ObjectFieldDescriptorAttribute
{
    /// <summary>The page size when neither <c>first</c> nor <c>last</c> is given. Default 10.</summary>
    public int DefaultPageSize { get; set; } = 10;

    /// <summary>The largest <c>first</c> or <c>last</c>. Default 50.</summary>
    public int MaxPageSize { get; set; } = 50;

    /// <summary>Whether <c>last</c> and <c>before</c> exist. Default true.</summary>
    public bool AllowBackwardPagination { get; set; } = true;

    /// <summary>Whether <c>first</c> or <c>last</c> must be given. Default false.</summary>
    public bool RequirePagingBoundaries { get; set; }

    /// <summary>The property that makes the order unique. Default <c>Id</c>.</summary>
    public string KeyProperty { get; set; } = "Id";

    /// <summary>The connection type's name; default the item type's name + <c>Connection</c>.</summary>
    public string? ConnectionName { get; set; }

    /// <inheritdoc />
    protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member) =>
        descriptor.UsePaging(new CursorPagingSettings
        {
            DefaultPageSize = DefaultPageSize,
            MaxPageSize = MaxPageSize,
            AllowBackwardPagination = AllowBackwardPagination,
            RequirePagingBoundaries = RequirePagingBoundaries,
            KeyProperty = KeyProperty,
            ConnectionName = ConnectionName,
        });
}

/// <summary>
/// Pages the list the resolver returns by offset: arguments <c>skip</c> and <c>take</c>; the field's type becomes
/// <c>XCollectionSegment</c> with <c>items</c>, <c>pageInfo</c> and <c>totalCount</c> (counted only when selected).
/// </summary>
public sealed class UseOffsetPagingAttribute : ObjectFieldDescriptorAttribute
{
    /// <summary>The page size when <c>take</c> is not given. Default 10.</summary>
    public int DefaultPageSize { get; set; } = 10;

    /// <summary>The largest <c>take</c>. Default 50.</summary>
    public int MaxPageSize { get; set; } = 50;

    /// <summary>The property ordering the items when nothing else does. Default <c>Id</c>.</summary>
    public string KeyProperty { get; set; } = "Id";

    /// <summary>The segment type's name; default the item type's name + <c>CollectionSegment</c>.</summary>
    public string? CollectionSegmentName { get; set; }

    /// <inheritdoc />
    protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member) =>
        descriptor.UseOffsetPaging(new OffsetPagingSettings
        {
            DefaultPageSize = DefaultPageSize,
            MaxPageSize = MaxPageSize,
            KeyProperty = KeyProperty,
            CollectionSegmentName = CollectionSegmentName,
        });
}

/// <summary>Paging for code-first fields (<c>descriptor.Field(...).UsePaging()</c>).</summary>
public static class PagingObjectFieldDescriptorExtensions
{
    /// <summary>Pages the field as a Relay connection (see <see cref="UsePagingAttribute"/>).</summary>
    public static IObjectFieldDescriptor UsePaging(this IObjectFieldDescriptor descriptor, CursorPagingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        settings ??= new CursorPagingSettings();
        // Cost analysis: a page holds at most MaxPageSize items, sized by first/last, and counted in edges and nodes.
        descriptor.ListSize(
            assumedSize: settings.MaxPageSize,
            slicingArguments: settings.AllowBackwardPagination ? ["first", "last"] : ["first"],
            sizedFields: ["edges", "nodes"],
            requireOneSlicingArgument: false);
        descriptor.Extend().OnBeforeCompletion((context, field) =>
        {
            if (Prepare(context, field, "[UsePaging]", settings.KeyProperty, () => settings.Validate(field.Name)) is not { } data)
            {
                return;
            }
            data.CursorPaging = settings;
            field.Type = new NamedTypeNode(PagingTypes.AddConnection(context, data.EntityTypeName, settings.ConnectionName));
            PagingTypes.AddCursorArguments(field, settings);
        });
        return descriptor;
    }

    /// <summary>Pages the field by offset (see <see cref="UseOffsetPagingAttribute"/>).</summary>
    public static IObjectFieldDescriptor UseOffsetPaging(this IObjectFieldDescriptor descriptor, OffsetPagingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        settings ??= new OffsetPagingSettings();
        descriptor.ListSize(assumedSize: settings.MaxPageSize, slicingArguments: ["take"], sizedFields: ["items"], requireOneSlicingArgument: false);
        descriptor.Extend().OnBeforeCompletion((context, field) =>
        {
            if (Prepare(context, field, "[UseOffsetPaging]", settings.KeyProperty, () => settings.Validate(field.Name)) is not { } data)
            {
                return;
            }
            data.OffsetPaging = settings;
            field.Type = new NamedTypeNode(PagingTypes.AddCollectionSegment(context, data.EntityTypeName, settings.CollectionSegmentName));
            PagingTypes.AddOffsetArguments(field, settings);
        });
        return descriptor;
    }

    private static DataField? Prepare(IDescriptorContext context, Configuration.OutputFieldDefinition field, string attribute, string keyProperty, Action validate)
    {
        if (DataField.GetOrCreate(context, field, attribute) is not { } data)
        {
            return null;
        }
        if (data.CursorPaging is not null || data.OffsetPaging is not null)
        {
            context.ReportError($"{data.Description} is paged twice: use one of [UsePaging] and [UseOffsetPaging].");
            return null;
        }
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            context.ReportError(e.Message);
            return null;
        }
        if (data.EntityType.GetProperty(keyProperty) is not { } key)
        {
            context.ReportError($"{attribute} on {data.Description} needs a unique key to order pages by: {data.EntityType.Name} has no property {keyProperty} (set KeyProperty).");
            return null;
        }
        data.UniqueKey = SortKey.Ascending(data.EntityType, key);
        return data;
    }
}
