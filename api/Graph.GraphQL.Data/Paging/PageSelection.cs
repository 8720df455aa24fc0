using Graph.GraphQL.Execution;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data.Paging;

/// <summary>
/// What a client selected of a page: whether it wants the items (edges, nodes or pageInfo need the page query), their
/// cursors (<c>edges.cursor</c>, <c>pageInfo.startCursor</c>/<c>endCursor</c>: only then does the page query read the
/// ordering keys), the total count (a second, COUNT query), and which selections produce the items (for projection).
/// Worked out once per selection of the compiled operation.
/// </summary>
internal sealed class PageSelection
{
    private static readonly object StateKey = new();

    private PageSelection(bool needsItems, bool needsCursors, bool needsTotalCount, IReadOnlyList<ISelection> itemSelections)
    {
        NeedsItems = needsItems;
        NeedsCursors = needsCursors;
        NeedsTotalCount = needsTotalCount;
        ItemSelections = itemSelections;
    }

    public bool NeedsItems { get; }

    public bool NeedsCursors { get; }

    public bool NeedsTotalCount { get; }

    /// <summary>The selections whose type is the item type: a connection's <c>nodes</c> and <c>edges.node</c>, a segment's <c>items</c>.</summary>
    public IReadOnlyList<ISelection> ItemSelections { get; }

    public static PageSelection Of(ISelection selection) => selection.GetOrAddState(StateKey, Create);

    private static PageSelection Create(ISelection selection)
    {
        var needsItems = false;
        var needsCursors = false;
        var needsTotalCount = false;
        var items = new List<ISelection>();
        if (selection.Field.Type.NamedType() is not ObjectType pageType)
        {
            return new PageSelection(true, true, false, items);
        }
        foreach (var child in selection.GetSelections(pageType))
        {
            switch (child.Field.Name)
            {
                case "totalCount":
                    needsTotalCount = true;
                    break;
                case "nodes" or "items":
                    needsItems = true;
                    items.Add(child);
                    break;
                case "edges":
                    needsItems = true;
                    if (child.Field.Type.NamedType() is ObjectType edgeType)
                    {
                        foreach (var edgeField in child.GetSelections(edgeType))
                        {
                            if (edgeField.Field.Name == "node")
                            {
                                items.Add(edgeField);
                            }
                            else if (edgeField.Field.Name == "cursor")
                            {
                                needsCursors = true;
                            }
                        }
                    }
                    break;
                case "pageInfo":
                    needsItems = true;
                    if (child.Field.Type.NamedType() is ObjectType infoType)
                    {
                        needsCursors |= child.GetSelections(infoType).Any(f => f.Field.Name is "startCursor" or "endCursor");
                    }
                    break;
            }
        }
        return new PageSelection(needsItems, needsCursors, needsTotalCount, items);
    }
}
