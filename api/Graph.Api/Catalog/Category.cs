using System.Text.Json.Serialization;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Catalog;

/// <summary>A shelf of the catalog, in a tree: "Littérature" holds "Romans africains", which holds books.</summary>
[Node]
public sealed class Category
{
    /// <summary>The deepest a category may sit (roots are at depth 1).</summary>
    public const int MaxDepth = 5;

    public Guid Id { get; init; }

    /// <summary>A stable, URL-friendly name, unique in the catalog: lower-case letters, digits and hyphens.</summary>
    public required string Slug { get; set; }

    /// <summary>The name in French, the catalog's first language; other languages are in <see cref="Names"/>.</summary>
    public required string Name { get; set; }

    /// <summary>The name in other languages, by ISO 639-1 code.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Dictionary<string, string> Names { get; set; } = [];

    /// <summary>The parent category, or null for a root.</summary>
    [GraphQLIgnore]
    [IsProjected(true)]
    public Guid? ParentId { get; set; }

    /// <summary>The order among its siblings (smaller first, then by name).</summary>
    public int Position { get; set; }

    public DateTime CreatedAt { get; init; }

    [GraphQLIgnore]
    [JsonIgnore]
    public Category? Parent { get; set; }
}

/// <summary>A publishing house.</summary>
[Node]
public sealed class Publisher
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code, e.g. SN, CI, FR.</summary>
    public required string CountryCode { get; set; }

    /// <summary>The publisher's web site, when it has one.</summary>
    public string? Website { get; set; }

    public DateTime CreatedAt { get; init; }
}
