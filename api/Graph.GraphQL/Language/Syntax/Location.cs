namespace Graph.GraphQL.Language;

/// <summary>
/// Where a syntax node sits in its source text: the character offsets it spans
/// (<see cref="Start"/> inclusive, <see cref="End"/> exclusive) and the 1-based
/// <see cref="Line"/> and <see cref="Column"/> of its first token.
/// </summary>
/// <remarks>A value type, so keeping locations costs no extra allocation per node.</remarks>
public readonly record struct Location(int Start, int End, int Line, int Column)
{
    /// <summary>The location as an error location (line and column).</summary>
    public ErrorLocation ToErrorLocation() => new(Line, Column);

    public override string ToString() => $"{Line}:{Column} [{Start}..{End})";
}
