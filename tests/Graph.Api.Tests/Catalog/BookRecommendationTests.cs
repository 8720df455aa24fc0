using System.Text.Json;
using Graph.Api.Catalog;
using Graph.Api.Reading;
using Graph.Api.Tests.Reading;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Catalog;

/// <summary>"Readers of this book also read" and "popular": counted from reading progress, explained by their counts, limited to
/// published books.</summary>
public sealed class BookRecommendationTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private ReadingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ReadingHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task ReadAsync(Guid userId, params Guid[] books)
    {
        await using var db = _host.Inbox.TestContext();
        foreach (var book in books)
        {
            db.Set<ReadingProgress>().Add(new ReadingProgress
            {
                UserId = userId,
                BookId = book,
                Position = "epubcfi(/6/2)",
                Percent = 10m,
                DeviceId = "test",
                ClientUpdatedAt = DateTime.UtcNow,
                ServerUpdatedAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Readers_of_a_book_also_read_the_books_they_share_most_with_the_reason_in_words()
    {
        var letter = await _host.AddBookAsync("Une si longue lettre");
        var scarlet = await _host.AddBookAsync("Un chant écarlate");
        var ambiguous = await _host.AddBookAsync("L'Aventure ambiguë");
        var draft = await _host.AddBookAsync("Brouillon");
        var unrelated = await _host.AddBookAsync("Sans rapport");
        await using (var db = _host.Inbox.TestContext())
        {
            await db.Books.Where(b => b.Id == draft).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookStatus.Draft));
        }
        var readers = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            readers.Add((await _host.AddUserAsync()).Id);
        }
        await ReadAsync(readers[0], letter, scarlet, ambiguous, draft);
        await ReadAsync(readers[1], letter, scarlet, draft);
        await ReadAsync(readers[2], letter, scarlet);
        await ReadAsync(readers[3], letter, unrelated, ambiguous);

        var data = await _host.DataAsync(_host.TokenOf(readers[0]),
            "query($id: ID!) { book(id: $id) { alsoRead(first: 5) { readers reason book { id } } } }", new { id = ReadingHost.BookId(letter) });

        var also = data.GetProperty("book").GetProperty("alsoRead").EnumerateArray().ToList();
        // The draft is read by two of them, but it is not recommended.
        Assert.Equal([ReadingHost.BookId(scarlet), ReadingHost.BookId(ambiguous), ReadingHost.BookId(unrelated)], also.Select(a => a.GetProperty("book").GetProperty("id").GetString()));
        Assert.Equal([3, 2, 1], also.Select(a => a.GetProperty("readers").GetInt32()));
        Assert.Equal("3 lecteurs de ce livre ont aussi lu celui-ci.", also[0].GetProperty("reason").GetString());

        var popular = await _host.DataAsync(_host.TokenOf(readers[0]), "{ popularBooks(first: 20) { readers book { id } } }");
        var ranked = popular.GetProperty("popularBooks").EnumerateArray().Select(p => (p.GetProperty("book").GetProperty("id").GetString(), p.GetProperty("readers").GetInt32())).ToList();
        Assert.Equal((ReadingHost.BookId(letter), 4), ranked[0]);
        Assert.DoesNotContain(ranked, r => r.Item1 == ReadingHost.BookId(draft));
    }

    [Fact]
    public async Task Asking_for_too_many_recommendations_is_a_clear_error()
    {
        var book = await _host.AddBookAsync();
        var user = await _host.AddUserAsync();
        var response = await _host.Inbox.Host.SendAsync("query($id: ID!) { book(id: $id) { alsoRead(first: 500) { readers } } }", new { id = ReadingHost.BookId(book) }, _host.TokenOf(user.Id));

        Assert.Contains("PAGING_ARGUMENT_INVALID", response.Text, StringComparison.Ordinal);
    }
}
