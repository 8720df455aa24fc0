using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Catalog;

/// <summary>Walks the category tree, which is small (tens of shelves): read whole, walked in memory.</summary>
public static class CategoryTree
{
    /// <summary>The level of <paramref name="categoryId"/> (1 for a root), or null when there is no such category.</summary>
    public static async Task<int?> DepthAsync(GraphDbContext db, Guid categoryId, CancellationToken cancellationToken)
    {
        var parents = await ParentsAsync(db, cancellationToken);
        if (!parents.ContainsKey(categoryId))
        {
            return null;
        }
        var depth = 0;
        for (Guid? at = categoryId; at is { } id && depth <= Category.MaxDepth; at = parents[id])
        {
            depth++;
        }
        return depth;
    }

    /// <summary><paramref name="categoryId"/> and every category below it.</summary>
    public static async Task<List<Guid>> SubtreeAsync(GraphDbContext db, Guid categoryId, CancellationToken cancellationToken)
    {
        var parents = await ParentsAsync(db, cancellationToken);
        var children = parents.Where(p => p.Value is not null).ToLookup(p => p.Value!.Value, p => p.Key);
        var subtree = new List<Guid>();
        if (!parents.ContainsKey(categoryId))
        {
            return subtree;
        }
        var pending = new Stack<Guid>([categoryId]);
        while (pending.TryPop(out var id))
        {
            subtree.Add(id);
            foreach (var child in children[id])
            {
                pending.Push(child);
            }
        }
        return subtree;
    }

    /// <summary>The ancestors of <paramref name="categoryId"/>, root first, the category last.</summary>
    public static async Task<List<Guid>> PathAsync(GraphDbContext db, Guid categoryId, CancellationToken cancellationToken)
    {
        var parents = await ParentsAsync(db, cancellationToken);
        var path = new List<Guid>();
        for (Guid? at = categoryId; at is { } id && parents.ContainsKey(id) && path.Count <= Category.MaxDepth; at = parents[id])
        {
            path.Insert(0, id);
        }
        return path;
    }

    private static Task<Dictionary<Guid, Guid?>> ParentsAsync(GraphDbContext db, CancellationToken cancellationToken) =>
        db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
}
