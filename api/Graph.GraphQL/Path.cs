namespace Graph.GraphQL;

/// <summary>
/// A response path (<c>["hero", "friends", 0, "name"]</c>) as an immutable linked list:
/// appending a segment allocates one node and never copies the parent.
/// </summary>
public abstract class Path
{
    private protected Path(Path? parent)
    {
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The empty path: the root of a response.</summary>
    public static Path Root { get; } = new RootPath();

    public Path? Parent { get; }

    /// <summary>Number of segments; the root has none.</summary>
    public int Depth { get; }

    public bool IsRoot => Parent is null;

    public NamePath Append(string name) => new(this, name);

    public IndexPath Append(int index) => new(this, index);

    /// <summary>The segments from the root: strings for field names, ints for list indices.</summary>
    public IReadOnlyList<object> ToList()
    {
        var segments = new object[Depth];
        for (Path p = this; !p.IsRoot; p = p.Parent!)
        {
            segments[p.Depth - 1] = p switch
            {
                NamePath n => n.Name,
                IndexPath i => i.Index,
                _ => throw new InvalidOperationException(),
            };
        }
        return segments;
    }

    public static Path FromList(IEnumerable<object> segments)
    {
        var path = Root;
        foreach (var s in segments)
        {
            path = s switch
            {
                string name => path.Append(name),
                int index => path.Append(index),
                _ => throw new ArgumentException($"A path segment must be a string or an int, not {s?.GetType().Name ?? "null"}."),
            };
        }
        return path;
    }

    public override string ToString() => "/" + string.Join('/', ToList());

    private sealed class RootPath() : Path(null);
}

public sealed class NamePath(Path parent, string name) : Path(parent)
{
    public string Name { get; } = name;
}

public sealed class IndexPath(Path parent, int index) : Path(parent)
{
    public int Index { get; } = index;
}
