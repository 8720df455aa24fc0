namespace Graph.GraphQL.Data.Sorting;

/// <summary>The direction of one sort key (the GraphQL enum <c>SortEnumType</c>).</summary>
public enum SortEnumType
{
    /// <summary>Smallest first; nulls as the database orders them (last in PostgreSQL).</summary>
    Asc,

    /// <summary>Largest first; nulls as the database orders them (first in PostgreSQL).</summary>
    Desc,
}
