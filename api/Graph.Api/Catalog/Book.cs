using System.Text.Json.Serialization;
using Graph.Api.Common;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Catalog;

/// <summary>An ebook of the catalog (Coko).</summary>
/// <remarks>
/// Books travel as JSON in subscription events (see <see cref="BookSubscriptions"/>): <see cref="AuthorId"/> goes with them
/// (the graph's <c>author</c> field then loads the author by it), the <see cref="Author"/> navigation does not.
/// </remarks>
[Node]
public sealed class Book
{
    // A UUIDv7 given when the book is added to a context (see BookConfiguration).
    public Guid Id { get; init; }

    public required string Title { get; set; }

    /// <summary>ISBN-13 without hyphens, when the book has one.</summary>
    public string? Isbn { get; set; }

    /// <summary>ISO 639-1 language code of the text, e.g. fr, en, wo.</summary>
    public required string Language { get; set; }

    public required Money Price { get; set; }

    public DateOnly? PublishedOn { get; set; }

    /// <summary>Kept by projections: the graph's <c>author</c> field loads the author by it when <see cref="Author"/> was not loaded.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid AuthorId { get; set; }

    /// <summary>
    /// Loaded by EF Core on demand, and by projections when a client selects <c>author</c> under a projected list: the
    /// graph's <c>author</c> field (<see cref="BookFields.GetAuthorAsync"/>) is bound to it.
    /// </summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public Author? Author { get; set; }

    public DateTime CreatedAt { get; init; }
}
