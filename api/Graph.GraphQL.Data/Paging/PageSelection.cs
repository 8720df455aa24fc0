using Graph.GraphQL.Execution;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data.Paging;

/// <summary>
/// What a client selected of a page: whether it wants the items (edges, nodes or pageInfo need the page query), the
/// total count (a second, COUNT query), and which selections produce the items (for projection). Worked out once per
/// selection of the compiled operation.
/// </summary>
internal sealed class PageSelection
{
    private static readonly object StateKey = new();

    private PageSelection(bool needsItems, bool needsTotalCount, IReadOnlyList<ISelection> itemSelections)
    {
        NeedsItems = needsItems;
        NeedsTotalCount = needsTotalCount;
        ItemSelections = itemSelections;
    }

    public bool NeedsItems { get; }

    public bool NeedsTotalCount { get; }

    /// <summary>The selections whose type is the item type: a connection's <c>nodes</c> and <c>edges.node</c>, a segment's <c>items</c>.</summary>
    public IReadOnlyList<ISelection> ItemSelections { get; }

    public static PageSelection Of(ISelection selection) => selection.GetOrAddState(StateKey, Create);

    private static PageSelection Create(ISelection selection)
    {
        var needsItems = false;
        var needsTotalCount = false;
        var items = new List<ISelection>();
        if (selection.Field.Type.NamedType() is not ObjectType pageType)
        {
            return new PageSelection(true, false, items);
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
                        }
                    }
                    break;
                case "pageInfo":
                    needsItems = true;
                    break;
            }
        }
        return new PageSelection(needsItems, needsTotalCount, items);
    }
}
