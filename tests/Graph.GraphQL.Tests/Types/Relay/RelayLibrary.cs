using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.GraphQL.Tests.Types.Relay;

/// <summary>A small library whose books (Guid keys, a DataLoader), authors (int keys, an extension) and tags (string keys) are nodes.</summary>
public static class RelayLibrary
{
    public static readonly Guid DuneId = Guid.Parse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    public static readonly Guid SoId = Guid.Parse("0a1b2c3d-0000-4000-8000-000000000002");

    public sealed class Store
    {
        private int _bookBatches;

        public List<Book> Books { get; } =
        [
            new() { Id = DuneId, Title = "Dune", AuthorId = 1 },
            new() { Id = SoId, Title = "Une si longue lettre", AuthorId = 2 },
        ];

        public List<Author> Authors { get; } = [new() { Id = 1, Name = "Frank Herbert" }, new() { Id = 2, Name = "Mariama Bâ" }];

        public List<List<Guid>> BookBatchKeys { get; } = [];

        public int BookBatches => Volatile.Read(ref _bookBatches);

        public void RecordBatch(IReadOnlyList<Guid> keys)
        {
            lock (BookBatchKeys)
            {
                BookBatchKeys.Add([.. keys]);
            }
            Interlocked.Increment(ref _bookBatches);
        }
    }

    public sealed class BookByIdDataLoader(IBatchScheduler scheduler, DataLoaderOptions options, Store store)
        : BatchDataLoader<Guid, Book?>(scheduler, options)
    {
        protected override async Task<IReadOnlyDictionary<Guid, Book?>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
        {
            store.RecordBatch(keys);
            await Task.Yield();
            return keys.ToDictionary(k => k, k => store.Books.Find(b => b.Id == k));
        }
    }

    [Node]
    public sealed class Book
    {
        public Guid Id { get; init; }

        public required string Title { get; init; }

        [ID<Author>]
        public int AuthorId { get; init; }

        [NodeResolver]
        public static Task<Book?> GetBookAsync(Guid id, BookByIdDataLoader loader, CancellationToken cancellationToken) =>
            loader.LoadAsync(id, cancellationToken);
    }

    [Node]
    public sealed class Author
    {
        public int Id { get; init; }

        public required string Name { get; init; }
    }

    [ExtendObjectType<Author>]
    public sealed class AuthorNode
    {
        [NodeResolver]
        public static Author? GetAuthor(int id, Store store) => store.Authors.Find(a => a.Id == id);
    }

    [Node]
    public sealed class Tag
    {
        [ID]
        public required string Slug { get; init; }

        public static Tag? Get(string id) => id is "sci-fi" or "classic" ? new Tag { Slug = id } : null;
    }

    public sealed class Shelf
    {
        public string Name => "Front";
    }

    public sealed class BooksByInput
    {
        [ID<Author>]
        public int? AuthorId { get; set; }

        [ID(nameof(Book))]
        public List<Guid>? BookIds { get; set; }
    }

    public sealed class Query
    {
        public Shelf GetShelf() => new();

        public string? AuthorName([ID(nameof(Author))] int authorId, Store store) => store.Authors.Find(a => a.Id == authorId)?.Name;

        public string? Anything([ID] string id) => id;

        public List<string> FindBooks(BooksByInput input, Store store) =>
            store.Books.Where(b => (input.AuthorId is null || b.AuthorId == input.AuthorId) && (input.BookIds is null || input.BookIds.Contains(b.Id)))
                .Select(b => b.Title).ToList();
    }
}
