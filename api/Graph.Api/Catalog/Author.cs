using System.Text.Json.Serialization;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Catalog;

/// <summary>A writer whose books the library sells (Coko).</summary>
[Node]
public sealed class Author
{
    // A UUIDv7 given when the author is added to a context (see AuthorConfiguration).
    public Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code, e.g. SN, CI, ML.</summary>
    public required string CountryCode { get; set; }

    /// <summary>The biography in French, the catalog's first language; other languages are in <see cref="Biographies"/>.</summary>
    public string? Biography { get; set; }

    /// <summary>The biography in other languages, by ISO 639-1 code (read by the graph's <c>biography(language)</c>).</summary>
    [GraphQLIgnore]
    [Graph.GraphQL.Data.IsProjected(true)]
    public Dictionary<string, string> Biographies { get; set; } = [];

    public DateTime CreatedAt { get; init; }

    /// <summary>The author's own account on the platform, set by ADMIN (linkAuthorAccount): it reads the author's royalty
    /// statements and receives their payouts. Not in the graph: the catalog is public, the link is not.</summary>
    [GraphQLIgnore]
    public Guid? UserId { get; set; }

    /// <summary>Loaded by EF Core on demand; the graph's <c>books</c> field comes from <see cref="AuthorFields"/>.</summary>
    [GraphQLIgnore]
    [JsonIgnore]
    public List<Book> Books { get; } = [];
}
