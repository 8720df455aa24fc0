namespace Graph.GraphQL.Validation;

/// <summary>Settings of a <see cref="DocumentValidator"/>.</summary>
public sealed class ValidationOptions
{
    /// <summary>The options the reference implementation uses: at most 100 errors.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>
    /// How many errors validation collects before it stops; one more error then says that the limit was reached
    /// (as the reference implementation does). Must be positive.
    /// </summary>
    public int MaxErrors { get; init; } = 100;
}
