using System.Text.Json;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Reading;

/// <summary>A reader's reading is theirs alone: another user neither sees it nor changes it, and hears none of it.</summary>
public sealed class ReadingAccessTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private ReadingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ReadingHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Another_users_reading_is_invisible_and_untouchable()
    {
        var awa = _host.TokenOf((await _host.AddUserAsync()).Id);
        var binta = _host.TokenOf((await _host.AddUserAsync()).Id);
        var book = await _host.AddBookAsync();
        var bookmark = Guid.NewGuid();
        await _host.ProgressAsync(awa, book, "awa-position", 70m, "phone", _host.Now);
        await _host.BookmarkAsync(awa, bookmark, book, "awa-bookmark", "phone", _host.Now - TimeSpan.FromMinutes(1), "Awa");
        const string Everything = """
            query($book: ID!) {
              readingProgress(bookId: $book) { position }
              myReadingProgress { nodes { position } }
              myBookmarks(bookId: $book, includeDeleted: true) { nodes { id } }
              myAnnotations(bookId: $book, includeDeleted: true) { nodes { id } }
              readingChanges { progress { position } bookmarks { id } annotations { id } }
              book(id: $book) { myProgress { position } }
            }
            """;

        var asBinta = await _host.DataAsync(binta, Everything, new { book = ReadingHost.BookId(book) });
        var asAwa = await _host.DataAsync(awa, Everything, new { book = ReadingHost.BookId(book) });
        var takeOver = await _host.BookmarkAsync(binta, bookmark, book, "binta", "laptop", _host.Now, "Binta");
        var delete = await _host.MutateAsync(binta, ReadingHost.DeleteItem, "deleteReadingItem", new { kind = "BOOKMARK", id = bookmark, deviceId = "laptop", clientUpdatedAt = _host.Now });
        var anonymous = await _host.Inbox.Host.SendAsync("query($book: ID!) { book(id: $book) { myProgress { position } } }", new { book = ReadingHost.BookId(book) });

        Assert.Equal(JsonValueKind.Null, asBinta.GetProperty("readingProgress").ValueKind);
        Assert.Empty(asBinta.GetProperty("myReadingProgress").GetProperty("nodes").EnumerateArray());
        Assert.Empty(asBinta.GetProperty("myBookmarks").GetProperty("nodes").EnumerateArray());
        Assert.Empty(asBinta.GetProperty("readingChanges").GetProperty("progress").EnumerateArray());
        Assert.Empty(asBinta.GetProperty("readingChanges").GetProperty("bookmarks").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, asBinta.GetProperty("book").GetProperty("myProgress").ValueKind);
        Assert.Equal("awa-position", asAwa.GetProperty("readingProgress").GetProperty("position").GetString());
        Assert.Equal("awa-position", asAwa.GetProperty("book").GetProperty("myProgress").GetProperty("position").GetString());
        Assert.Single(asAwa.GetProperty("myBookmarks").GetProperty("nodes").EnumerateArray());
        Assert.Equal(["READING_ITEM_ID_CONFLICT"], ReadingHost.Codes(takeOver));
        Assert.Equal(["READING_ITEM_NOT_FOUND"], ReadingHost.Codes(delete));
        Assert.False(anonymous.HasErrors, anonymous.Text);
        Assert.Equal(JsonValueKind.Null, anonymous.Body.GetProperty("data").GetProperty("book").GetProperty("myProgress").ValueKind);
        var still = await _host.DataAsync(awa, "query($book: ID!) { myBookmarks(bookId: $book) { nodes { label deletedAt } } }", new { book = ReadingHost.BookId(book) });
        var mine = Assert.Single(still.GetProperty("myBookmarks").GetProperty("nodes").EnumerateArray());
        Assert.Equal("Awa", mine.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Reading_fields_need_a_signed_in_user()
    {
        var book = await _host.AddBookAsync();

        var response = await _host.Inbox.Host.SendAsync("query($book: ID!) { readingProgress(bookId: $book) { position } }", new { book = ReadingHost.BookId(book) });

        Assert.Contains("AUTH_NOT_AUTHENTICATED", response.Text, StringComparison.Ordinal);
    }
}
