namespace Graph.GraphQL.Authorization;

/// <summary>When an <c>@authorize</c> directive is checked (its <c>apply</c> argument, the GraphQL enum <c>ApplyPolicy</c>).</summary>
public enum ApplyPolicy
{
    /// <summary>Before the field's resolver runs (<c>BEFORE_RESOLVER</c>, the default): a denied field is never resolved.</summary>
    BeforeResolver,

    /// <summary>
    /// After the field's resolver ran (<c>AFTER_RESOLVER</c>): the handler sees the resolved value
    /// (<see cref="Resolvers.IResolverContext.Result"/>), for rules about the row itself; a denied value is discarded.
    /// </summary>
    AfterResolver,

    /// <summary>
    /// Before execution (<c>VALIDATION</c>): every field of the operation carrying the directive is checked first, and one
    /// denial fails the whole request with errors and no data.
    /// </summary>
    Validation,
}
