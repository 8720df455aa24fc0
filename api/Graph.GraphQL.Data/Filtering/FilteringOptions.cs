using Graph.GraphQL.Configuration;

namespace Graph.GraphQL.Data;

/// <summary>
/// How <c>[UseFiltering]</c> builds its filters, set with <c>AddFiltering(o =&gt; ...)</c>, which filtering needs (as
/// sorting needs <c>AddSorting()</c> and projection <c>AddProjections()</c>).
/// </summary>
public sealed class FilteringOptions
{
    internal const string ContextKey = "Graph.Data.Filtering.Options";

    /// <summary>
    /// Whether <c>contains</c>, <c>startsWith</c> and <c>endsWith</c> (and their negations) ignore case, by comparing the
    /// lower-cased column (SQL <c>lower()</c>) with the lower-cased value. True by default; <c>eq</c>, <c>neq</c>,
    /// <c>in</c> and <c>nin</c> always compare exactly.
    /// </summary>
    public bool IgnoreCase { get; set; } = true;

    /// <summary>The most values an <c>in</c> or <c>nin</c> list may hold (100 by default); longer lists are rejected.</summary>
    public int MaxInValues { get; set; } = 100;

    /// <summary>The options set with <c>AddFiltering</c>, or null when it was not called.</summary>
    internal static FilteringOptions? From(SchemaOptions options) =>
        options.ContextData.TryGetValue(ContextKey, out var value) ? value as FilteringOptions : null;
}
