using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data.Paging;

/// <summary>
/// Adds the types of paged fields to the schema being built, once per entity type: <c>XConnection</c>, <c>XEdge</c>
/// and the shared <c>PageInfo</c> for cursor paging; <c>XCollectionSegment</c> and <c>CollectionSegmentInfo</c> for
/// offset paging. Their fields read the <see cref="Connection{T}"/> / <see cref="CollectionSegment{T}"/> the pager returns.
/// </summary>
internal static class PagingTypes
{
    public const string PageInfoName = "PageInfo";
    public const string CollectionSegmentInfoName = "CollectionSegmentInfo";

    /// <summary>Adds (or reuses) the connection of <paramref name="entityTypeName"/> and returns its name.</summary>
    public static string AddConnection(IDescriptorContext context, string entityTypeName, string? connectionName)
    {
        var definitions = context.Definitions;
        AddPageInfo(definitions);
        var name = connectionName ?? entityTypeName + "Connection";
        var edgeName = (connectionName is null ? entityTypeName : connectionName[..^"Connection".Length]) + "Edge";
        if (definitions.FindType(name) is not null)
        {
            return name;
        }

        var edge = new ObjectTypeDefinition(edgeName) { Description = $"An edge of a {name}: a {entityTypeName} and its cursor." };
        edge.Fields.Add(Field("cursor", NonNull("String"), "Where this edge is: pass it as `after` or `before` to page from here.",
            static ctx => ((IEdge)ctx.Parent()!).Cursor));
        edge.Fields.Add(Field("node", NonNull(entityTypeName), $"The {entityTypeName} at the end of the edge.",
            static ctx => ((IEdge)ctx.Parent()!).Node));
        definitions.AddType(edge);

        var connection = new ObjectTypeDefinition(name) { Description = $"A page of {entityTypeName} items (a Relay cursor connection)." };
        connection.Fields.Add(Field("edges", new ListTypeNode(NonNull(edgeName)), "The items of the page with their cursors.",
            static ctx => ((IConnection)ctx.Parent()!).Edges));
        connection.Fields.Add(Field("nodes", new ListTypeNode(NonNull(entityTypeName)), "The items of the page, without cursors.",
            static ctx => ((IConnection)ctx.Parent()!).Nodes));
        connection.Fields.Add(Field("pageInfo", NonNull(PageInfoName), "Where the page sits among all items.",
            static ctx => ((IConnection)ctx.Parent()!).PageInfo));
        connection.Fields.Add(Field("totalCount", NonNull("Int"), "How many items match in all (counted only when asked for).",
            static ctx => ((IConnection)ctx.Parent()!).TotalCount));
        definitions.AddType(connection);
        return name;
    }

    /// <summary>Adds (or reuses) the collection segment of <paramref name="entityTypeName"/> and returns its name.</summary>
    public static string AddCollectionSegment(IDescriptorContext context, string entityTypeName, string? segmentName)
    {
        var definitions = context.Definitions;
        if (definitions.FindType(CollectionSegmentInfoName) is null)
        {
            var info = new ObjectTypeDefinition(CollectionSegmentInfoName) { Description = "Whether there are items before and after an offset page." };
            info.Fields.Add(Field("hasNextPage", NonNull("Boolean"), "Whether items follow the page.",
                static ctx => ((CollectionSegmentInfo)ctx.Parent()!).HasNextPage));
            info.Fields.Add(Field("hasPreviousPage", NonNull("Boolean"), "Whether items precede the page.",
                static ctx => ((CollectionSegmentInfo)ctx.Parent()!).HasPreviousPage));
            definitions.AddType(info);
        }
        var name = segmentName ?? entityTypeName + "CollectionSegment";
        if (definitions.FindType(name) is not null)
        {
            return name;
        }
        var segment = new ObjectTypeDefinition(name) { Description = $"A page of {entityTypeName} items by offset (skip and take)." };
        segment.Fields.Add(Field("items", new ListTypeNode(NonNull(entityTypeName)), "The items of the page.",
            static ctx => ((ICollectionSegment)ctx.Parent()!).Items));
        segment.Fields.Add(Field("pageInfo", NonNull(CollectionSegmentInfoName), "Whether there are items before and after the page.",
            static ctx => ((ICollectionSegment)ctx.Parent()!).PageInfo));
        segment.Fields.Add(Field("totalCount", NonNull("Int"), "How many items match in all (counted only when asked for).",
            static ctx => ((ICollectionSegment)ctx.Parent()!).TotalCount));
        definitions.AddType(segment);
        return name;
    }

    private static void AddPageInfo(SchemaDefinitionContext definitions)
    {
        if (definitions.FindType(PageInfoName) is not null)
        {
            return;
        }
        var pageInfo = new ObjectTypeDefinition(PageInfoName) { Description = "Where a page of a connection sits among all items." };
        pageInfo.Fields.Add(Field("hasNextPage", NonNull("Boolean"), "Whether items follow the page (when paging forward).",
            static ctx => ((PageInfo)ctx.Parent()!).HasNextPage));
        pageInfo.Fields.Add(Field("hasPreviousPage", NonNull("Boolean"), "Whether items precede the page (when paging backward).",
            static ctx => ((PageInfo)ctx.Parent()!).HasPreviousPage));
        pageInfo.Fields.Add(Field("startCursor", new NamedTypeNode("String"), "The cursor of the first item of the page.",
            static ctx => ((PageInfo)ctx.Parent()!).StartCursor));
        pageInfo.Fields.Add(Field("endCursor", new NamedTypeNode("String"), "The cursor of the last item of the page.",
            static ctx => ((PageInfo)ctx.Parent()!).EndCursor));
        definitions.AddType(pageInfo);
    }

    /// <summary>The paging arguments, inserted before the field's own arguments (first, after, last, before).</summary>
    public static void AddCursorArguments(OutputFieldDefinition field, CursorPagingSettings settings)
    {
        var arguments = new List<InputValueDefinition>
        {
            Argument("first", "Int", $"How many items to return from the start (or after `after`); at most {settings.MaxPageSize}, {settings.DefaultPageSize} when neither `first` nor `last` is given."),
            Argument("after", "String", "Return the items after this cursor."),
        };
        if (settings.AllowBackwardPagination)
        {
            arguments.Add(Argument("last", "Int", $"How many items to return from the end (or before `before`); at most {settings.MaxPageSize}."));
            arguments.Add(Argument("before", "String", "Return the items before this cursor."));
        }
        field.Arguments.InsertRange(0, arguments);
    }

    /// <summary>The offset paging arguments, inserted before the field's own arguments (skip, take).</summary>
    public static void AddOffsetArguments(OutputFieldDefinition field, OffsetPagingSettings settings) =>
        field.Arguments.InsertRange(0,
        [
            Argument("skip", "Int", "How many items to skip."),
            Argument("take", "Int", $"How many items to return; at most {settings.MaxPageSize}, {settings.DefaultPageSize} when not given."),
        ]);

    private static InputValueDefinition Argument(string name, string type, string description) =>
        new(name, new NamedTypeNode(type)) { Description = description, RuntimeType = type == "Int" ? typeof(int?) : typeof(string) };

    private static NonNullTypeNode NonNull(string name) => new(new NamedTypeNode(name));

    private static OutputFieldDefinition Field(string name, ITypeNode type, string description, PureFieldResolverDelegate resolver) =>
        new(name, type) { Description = description, PureResolver = resolver };
}

/// <summary>The shape the edge types read, whatever the item type.</summary>
internal interface IEdge
{
    string Cursor { get; }

    object? Node { get; }
}
