extern alias GraphApi;

using System.Buffers;
using System.Text.Json;
using GraphApi::Graph.Api.Data;
using Graph.GraphQL.Execution;
using Microsoft.EntityFrameworkCore;

namespace Graph.Benchmarks.Data;

/// <summary>
/// What a developer writes by hand for <c>books(first: 50) { nodes { title author { name } } }</c>: one EF Core query
/// with a join, written with <see cref="Utf8JsonWriter"/> in the shape of the GraphQL response. Same order as the graph
/// (title, then id), same JSON escaping (the encoder the engine's result writer uses), so the bytes are identical.
/// </summary>
internal sealed class HandWrittenBooks(IDbContextFactory<GraphDbContext> contexts)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = ResultWriter.Encoder, SkipValidation = true };
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Books = JsonEncodedText.Encode("books");
    private static readonly JsonEncodedText TotalCount = JsonEncodedText.Encode("totalCount");
    private static readonly JsonEncodedText Nodes = JsonEncodedText.Encode("nodes");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Author = JsonEncodedText.Encode("author");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");

    /// <summary>Writes the page (and, with <paramref name="withTotalCount"/>, the count first, as the query asks) to <paramref name="output"/>.</summary>
    public async Task WriteAsync(IBufferWriter<byte> output, int first, bool withTotalCount, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        int? total = withTotalCount ? await db.Books.CountAsync(cancellationToken) : null;
        var books = await db.Books.AsNoTracking()
            .OrderBy(b => b.Title).ThenBy(b => b.Id)
            .Take(first)
            .Select(b => new { b.Title, Author = new { b.Author!.Name } })
            .ToListAsync(cancellationToken);

        using var writer = new Utf8JsonWriter(output, Options);
        writer.WriteStartObject();
        writer.WriteStartObject(Data);
        writer.WriteStartObject(Books);
        if (total is { } count)
        {
            writer.WriteNumber(TotalCount, count);
        }
        writer.WriteStartArray(Nodes);
        foreach (var book in books)
        {
            writer.WriteStartObject();
            writer.WriteString(Title, book.Title);
            writer.WriteStartObject(Author);
            writer.WriteString(Name, book.Author.Name);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
