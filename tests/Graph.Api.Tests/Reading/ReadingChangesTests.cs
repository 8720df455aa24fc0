using System.Text.Json;
using Graph.Api.Reading;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Reading;

/// <summary>readingChanges: pages of what changed since a cursor, never missing a change that commits late.</summary>
public sealed class ReadingChangesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private ReadingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ReadingHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_change_committed_after_a_later_one_is_returned_by_the_next_call()
    {
        var reader = await _host.AddUserAsync();
        var token = _host.TokenOf(reader.Id);
        var book = await _host.AddBookAsync();
        var start = (await _host.ChangesAsync(token, null)).GetProperty("nextCursor").GetString();
        var early = Guid.NewGuid();
        var late = Guid.NewGuid();

        // The early transaction writes first (it gets the smaller transaction id) but commits last.
        await using var db = _host.Inbox.TestContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO bookmarks (id, user_id, book_id, position, device_id, client_updated_at, server_updated_at)
            VALUES ({early}, {reader.Id}, {book}, 'early', 'tablet', {_host.Now}, {_host.Now})
            """);
        await _host.BookmarkAsync(token, late, book, "late", "phone", _host.Now);
        var first = await _host.ChangesAsync(token, start);
        await transaction.CommitAsync();
        var second = await _host.ChangesAsync(token, first.GetProperty("nextCursor").GetString());
        var third = await _host.ChangesAsync(token, second.GetProperty("nextCursor").GetString());

        Assert.Equal([late], Ids(first, "bookmarks"));
        Assert.Equal([early], Ids(second, "bookmarks"));
        Assert.Empty(Ids(third, "bookmarks"));
        // A cursor of "the highest transaction id seen" would have skipped it: its id is below the one already returned.
        await using var check = _host.Inbox.TestContext();
        var xids = await check.Set<Bookmark>().Where(b => b.Id == early || b.Id == late).ToDictionaryAsync(b => b.Id, b => b.ChangeXid);
        Assert.True(xids[early] < xids[late]);
    }

    [Fact]
    public async Task Pages_return_every_change_once_even_while_another_transaction_stays_open()
    {
        var reader = await _host.AddUserAsync();
        var other = await _host.AddUserAsync();
        var token = _host.TokenOf(reader.Id);
        var book = await _host.AddBookAsync();
        var ids = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()).ToList();
        await _host.MutateAsync(token, "mutation($input: SyncReadingInput!) { syncReading(input: $input) { errors { __typename } } }", "syncReading", new
        {
            deviceId = "phone",
            progress = new[] { new { bookId = ReadingHost.BookId(book), position = "p", percent = 5m, clientUpdatedAt = _host.Now } },
            bookmarks = ids.Select(id => new { id, bookId = ReadingHost.BookId(book), position = "p", clientUpdatedAt = _host.Now }).ToArray(),
        });

        // A transaction older than every page's snapshot stays open throughout (it holds the snapshots' xmin back).
        await using var db = _host.Inbox.TestContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reading_progress (user_id, book_id, position, percent, device_id, client_updated_at, server_updated_at)
            VALUES ({other.Id}, {book}, 'x', 1, 'x', {_host.Now}, {_host.Now})
            """);
        var seen = new List<Guid>();
        var progress = 0;
        string? cursor = null;
        var pages = 0;
        bool more;
        do
        {
            var page = await _host.ChangesAsync(token, cursor, first: 3);
            Assert.True(page.GetProperty("bookmarks").GetArrayLength() + page.GetProperty("progress").GetArrayLength() <= 3);
            seen.AddRange(Ids(page, "bookmarks"));
            progress += page.GetProperty("progress").GetArrayLength();
            cursor = page.GetProperty("nextCursor").GetString();
            more = page.GetProperty("hasMore").GetBoolean();
            Assert.True(++pages <= 3, "readingChanges kept paging.");
        }
        while (more);
        await transaction.RollbackAsync();

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(1, progress);
        var after = await _host.ChangesAsync(token, cursor);
        Assert.Empty(Ids(after, "bookmarks"));
        Assert.False(after.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task A_cursor_that_readingChanges_did_not_make_is_refused()
    {
        var token = _host.TokenOf((await _host.AddUserAsync()).Id);

        foreach (var cursor in new[] { "nonsense", Convert.ToBase64String("r1|end|5:3:"u8.ToArray()), Convert.ToBase64String("r1|end|3:9:1"u8.ToArray()) })
        {
            var response = await _host.Inbox.Host.SendAsync(ReadingHost.Changes, new { since = cursor, first = 10 }, token);
            Assert.True(response.HasErrors, response.Text);
            Assert.Contains("READING_CURSOR_INVALID", response.Text, StringComparison.Ordinal);
        }
    }

    private static List<Guid> Ids(JsonElement changes, string list) =>
        changes.GetProperty(list).EnumerateArray().Select(e => Guid.Parse(e.GetProperty("id").GetString()!)).ToList();
}
