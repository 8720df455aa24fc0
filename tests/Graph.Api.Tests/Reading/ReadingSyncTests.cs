using System.Text.Json;
using Graph.Api.Reading;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Reading;

/// <summary>Progress, bookmarks and annotations synchronised across a reader's devices: last write wins by the device's
/// clock, stale writes answered with the stored state, retries that change nothing, tombstones.</summary>
public sealed class ReadingSyncTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private ReadingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ReadingHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_stale_progress_report_changes_nothing_and_is_answered_with_the_current_state()
    {
        var reader = await _host.AddUserAsync();
        var token = _host.TokenOf(reader.Id);
        var book = await _host.AddBookAsync();
        var now = _host.Now;

        var phone = await _host.ProgressAsync(token, book, "epubcfi(/6/14!/4/2/10:212)", 62.5m, "phone", now - TimeSpan.FromMinutes(1));
        var tablet = await _host.ProgressAsync(token, book, "epubcfi(/6/4!/4/2:0)", 10m, "tablet", now - TimeSpan.FromMinutes(5));
        var sameInstant = await _host.ProgressAsync(token, book, "epubcfi(/6/6!/4/2:0)", 12m, "tablet", now - TimeSpan.FromMinutes(1));

        Assert.Empty(ReadingHost.Codes(phone));
        Assert.Equal(62.5m, phone.GetProperty("progress").GetProperty("percent").GetDecimal());
        foreach (var stale in new[] { tablet, sameInstant })
        {
            Assert.Equal(JsonValueKind.Null, stale.GetProperty("progress").ValueKind);
            var error = Assert.Single(stale.GetProperty("errors").EnumerateArray());
            Assert.Equal("StaleProgressError", error.GetProperty("__typename").GetString());
            Assert.Equal("STALE_PROGRESS", error.GetProperty("code").GetString());
            var current = error.GetProperty("current");
            Assert.Equal("epubcfi(/6/14!/4/2/10:212)", current.GetProperty("position").GetString());
            Assert.Equal("phone", current.GetProperty("deviceId").GetString());
            Assert.Equal(62.5m, current.GetProperty("percent").GetDecimal());
        }
        await using var db = _host.Inbox.TestContext();
        var stored = await db.Set<ReadingProgress>().SingleAsync(p => p.UserId == reader.Id);
        Assert.Equal("phone", stored.DeviceId);
        Assert.Equal(now - TimeSpan.FromMinutes(1), stored.ClientUpdatedAt);
    }

    [Fact]
    public async Task The_newer_client_timestamp_wins_whatever_the_order_the_writes_arrive_in()
    {
        var token = _host.TokenOf((await _host.AddUserAsync()).Id);
        var inOrder = await _host.AddBookAsync();
        var reversed = await _host.AddBookAsync();
        var older = _host.Now - TimeSpan.FromHours(2);
        var newer = _host.Now - TimeSpan.FromHours(1);

        await _host.ProgressAsync(token, inOrder, "older", 20m, "tablet", older);
        await _host.ProgressAsync(token, inOrder, "newer", 30m, "phone", newer);
        await _host.ProgressAsync(token, reversed, "newer", 30m, "phone", newer);
        await _host.ProgressAsync(token, reversed, "older", 20m, "tablet", older);

        foreach (var book in new[] { inOrder, reversed })
        {
            var progress = (await _host.DataAsync(token, $"query($id: ID!) {{ readingProgress(bookId: $id) {{ {ReadingHost.ProgressFields} }} }}",
                new { id = ReadingHost.BookId(book) })).GetProperty("readingProgress");
            Assert.Equal("newer", progress.GetProperty("position").GetString());
            Assert.Equal("phone", progress.GetProperty("deviceId").GetString());
            Assert.Equal(newer, progress.GetProperty("clientUpdatedAt").GetDateTime().ToUniversalTime());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_write_waiting_on_another_devices_uncommitted_write_is_decided_against_it_once_committed(bool heldIsNewer)
    {
        var reader = await _host.AddUserAsync();
        var token = _host.TokenOf(reader.Id);
        var book = await _host.AddBookAsync();
        var held = _host.Now - TimeSpan.FromMinutes(heldIsNewer ? 1 : 10);
        var sent = _host.Now - TimeSpan.FromMinutes(heldIsNewer ? 10 : 1);

        // The tablet's write is in a transaction not yet committed: the phone's, through the server, must wait for it.
        await using var db = _host.Inbox.TestContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO reading_progress (user_id, book_id, position, percent, device_id, client_updated_at, server_updated_at)
            VALUES ({reader.Id}, {book}, 'tablet-position', 40, 'tablet', {held}, {_host.Now})
            """);
        var phone = _host.ProgressAsync(token, book, "phone-position", 41m, "phone", sent);
        await WaitUntilBlockedAsync();
        Assert.False(phone.IsCompleted);
        await transaction.CommitAsync();
        var answer = await phone;

        await using var check = _host.Inbox.TestContext();
        var stored = await check.Set<ReadingProgress>().SingleAsync(p => p.UserId == reader.Id && p.BookId == book);
        if (heldIsNewer)
        {
            Assert.Equal(["STALE_PROGRESS"], ReadingHost.Codes(answer));
            Assert.Equal("tablet-position", answer.GetProperty("errors")[0].GetProperty("current").GetProperty("position").GetString());
            Assert.Equal("tablet", stored.DeviceId);
        }
        else
        {
            Assert.Empty(ReadingHost.Codes(answer));
            Assert.Equal("phone", stored.DeviceId);
            Assert.Equal(sent, stored.ClientUpdatedAt);
        }
    }

    [Fact]
    public async Task Many_concurrent_writes_from_two_devices_end_with_the_newest()
    {
        var reader = await _host.AddUserAsync();
        var token = _host.TokenOf(reader.Id);
        var book = await _host.AddBookAsync();
        var start = _host.Now - TimeSpan.FromHours(1);
        var order = Enumerable.Range(0, 24).OrderBy(_ => Random.Shared.Next()).ToList();
        // One request first: the 24 below test concurrent writes, not the server's first token checks, which ask the
        // database while the revoked sessions load and answered AUTH_UNAVAILABLE twice on a loaded machine (see issue 11's note).
        await _host.ProgressAsync(token, book, "warm-up", 0, "phone", start - TimeSpan.FromHours(1));

        var answers = await Task.WhenAll(order.Select(i =>
            _host.ProgressAsync(token, book, $"position-{i}", i, i % 2 == 0 ? "phone" : "tablet", start + TimeSpan.FromSeconds(i))));

        Assert.All(answers, a => Assert.True(ReadingHost.Codes(a) is [] or ["STALE_PROGRESS"], a.ToString()));
        await using var db = _host.Inbox.TestContext();
        var stored = await db.Set<ReadingProgress>().SingleAsync(p => p.UserId == reader.Id && p.BookId == book);
        Assert.Equal("position-23", stored.Position);
        Assert.Equal("tablet", stored.DeviceId);
        Assert.Equal(start + TimeSpan.FromSeconds(23), stored.ClientUpdatedAt);
    }

    [Fact]
    public async Task Retrying_an_offline_batch_changes_nothing_the_second_time()
    {
        var reader = await _host.AddUserAsync();
        var token = _host.TokenOf(reader.Id);
        var book = await _host.AddBookAsync();
        var at = _host.Now - TimeSpan.FromMinutes(30);
        var bookmarkId = Guid.NewGuid();
        var annotationId = Guid.NewGuid();
        var input = new
        {
            deviceId = "phone",
            progress = new[] { new { bookId = ReadingHost.BookId(book), position = "p-1", percent = 12.34567m, clientUpdatedAt = at } },
            bookmarks = new[] { new { id = bookmarkId, bookId = ReadingHost.BookId(book), position = "b-1", label = "Début", clientUpdatedAt = at } },
            annotations = new[]
            {
                new { id = annotationId, bookId = ReadingHost.BookId(book), start = "s", end = "e", excerpt = "Le fleuve", color = "PINK", note = "Beau", clientUpdatedAt = at },
            },
        };
        const string Sync = """
            mutation($input: SyncReadingInput!) {
              syncReading(input: $input) {
                progress { progress { percent serverUpdatedAt } errors { ... on Error { code } } }
                bookmarks { bookmark { id label } errors { ... on Error { code } } }
                annotations { annotation { id color note } errors { ... on Error { code } } }
                errors { ... on Error { code } }
              }
            }
            """;

        var first = await _host.MutateAsync(token, Sync, "syncReading", input);
        var cursor = (await _host.ChangesAsync(token, null)).GetProperty("nextCursor").GetString();
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var retry = await _host.MutateAsync(token, Sync, "syncReading", input);

        Assert.Equal(first.ToString(), retry.ToString());
        Assert.Equal(12.3457m, first.GetProperty("progress")[0].GetProperty("progress").GetProperty("percent").GetDecimal());
        Assert.Equal("PINK", first.GetProperty("annotations")[0].GetProperty("annotation").GetProperty("color").GetString());
        // The retry rewrote nothing, so the other devices have nothing new to fetch.
        var after = await _host.ChangesAsync(token, cursor);
        Assert.Empty(after.GetProperty("progress").EnumerateArray());
        Assert.Empty(after.GetProperty("bookmarks").EnumerateArray());
        Assert.Empty(after.GetProperty("annotations").EnumerateArray());
        await using var db = _host.Inbox.TestContext();
        Assert.Equal(1, await db.Set<Bookmark>().CountAsync(b => b.UserId == reader.Id));
        Assert.Equal(1, await db.Set<Annotation>().CountAsync(a => a.UserId == reader.Id));
    }

    [Fact]
    public async Task A_batch_answers_each_change_and_applies_the_valid_ones_in_one_round_trip()
    {
        var reader = await _host.AddUserAsync();
        var token = _host.TokenOf(reader.Id);
        var book = await _host.AddBookAsync();
        var at = _host.Now - TimeSpan.FromMinutes(5);
        var good = Guid.NewGuid();
        var input = new
        {
            deviceId = "tablet",
            bookmarks = new object[]
            {
                new { id = good, bookId = ReadingHost.BookId(book), position = "ok", clientUpdatedAt = at },
                new { id = Guid.NewGuid(), bookId = ReadingHost.BookId(book), position = new string('x', ReadingRules.MaxLocatorLength + 1), clientUpdatedAt = at },
                new { id = Guid.NewGuid(), bookId = ReadingHost.BookId(Guid.NewGuid()), position = "ok", clientUpdatedAt = at },
                new { id = Guid.NewGuid(), bookId = ReadingHost.BookId(book), position = "ok", clientUpdatedAt = _host.Now + TimeSpan.FromMinutes(3) },
            },
        };

        var payload = await _host.MutateAsync(token, """
            mutation($input: SyncReadingInput!) {
              syncReading(input: $input) {
                bookmarks { bookmark { id } errors { ... on Error { code } ... on InvalidReadingInputError { field } } }
                errors { ... on Error { code } }
              }
            }
            """, "syncReading", input);

        var results = payload.GetProperty("bookmarks").EnumerateArray().ToList();
        Assert.Equal(good.ToString(), results[0].GetProperty("bookmark").GetProperty("id").GetString());
        Assert.Equal(["INVALID_READING_INPUT"], ReadingHost.Codes(results[1]));
        Assert.Equal("bookmarks[1].position", results[1].GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(["BOOK_NOT_FOUND"], ReadingHost.Codes(results[2]));
        Assert.Equal(["CLIENT_CLOCK_AHEAD"], ReadingHost.Codes(results[3]));
        await using var db = _host.Inbox.TestContext();
        Assert.Equal([good], await db.Set<Bookmark>().Where(b => b.UserId == reader.Id).Select(b => b.Id).ToListAsync());
    }

    [Fact]
    public async Task A_batch_of_too_many_changes_is_refused_whole()
    {
        var reader = await _host.AddUserAsync();
        var book = await _host.AddBookAsync();
        var bookmarks = Enumerable.Range(0, ReadingRules.MaxSyncItems + 1)
            .Select(i => new { id = Guid.NewGuid(), bookId = ReadingHost.BookId(book), position = $"p{i}", clientUpdatedAt = _host.Now })
            .ToList();

        var payload = await _host.MutateAsync(_host.TokenOf(reader.Id), """
            mutation($input: SyncReadingInput!) { syncReading(input: $input) { bookmarks { bookmark { id } } errors { ... on Error { code } } } }
            """, "syncReading", new { deviceId = "phone", bookmarks });

        Assert.Equal(["INVALID_READING_INPUT"], ReadingHost.Codes(payload));
        Assert.Empty(payload.GetProperty("bookmarks").EnumerateArray());
        await using var db = _host.Inbox.TestContext();
        Assert.False(await db.Set<Bookmark>().AnyAsync(b => b.UserId == reader.Id));
    }

    public static TheoryData<decimal, string, string, int, string, string> InvalidProgress() => new()
    {
        { 100.01m, "p", "phone", 0, "INVALID_READING_INPUT", "percent" },
        { -0.5m, "p", "phone", 0, "INVALID_READING_INPUT", "percent" },
        { 50m, new string('c', ReadingRules.MaxLocatorLength + 1), "phone", 0, "INVALID_READING_INPUT", "position" },
        { 50m, "", "phone", 0, "INVALID_READING_INPUT", "position" },
        { 50m, "p", "", 0, "INVALID_READING_INPUT", "deviceId" },
        { 50m, "p", "phone", 3, "CLIENT_CLOCK_AHEAD", "" },
    };

    [Theory]
    [MemberData(nameof(InvalidProgress))]
    public async Task Invalid_progress_is_refused_with_a_typed_error_and_stores_nothing(decimal percent, string position, string device, int minutesAhead,
        string code, string field)
    {
        var reader = await _host.AddUserAsync();
        var book = await _host.AddBookAsync();

        var payload = await _host.ProgressAsync(_host.TokenOf(reader.Id), book, position, percent, device, _host.Now + TimeSpan.FromMinutes(minutesAhead));

        Assert.Equal([code], ReadingHost.Codes(payload));
        if (field.Length > 0)
        {
            Assert.Equal(field, payload.GetProperty("errors")[0].GetProperty("field").GetString());
        }
        await using var db = _host.Inbox.TestContext();
        Assert.False(await db.Set<ReadingProgress>().AnyAsync(p => p.UserId == reader.Id));
    }

    [Fact]
    public async Task A_timestamp_within_the_clock_skew_allowance_is_accepted()
    {
        var reader = await _host.AddUserAsync();
        var book = await _host.AddBookAsync();

        var payload = await _host.ProgressAsync(_host.TokenOf(reader.Id), book, "p", 100m, "phone", _host.Now + ReadingRules.MaxClockSkew);

        Assert.Empty(ReadingHost.Codes(payload));
    }

    [Fact]
    public async Task A_deleted_bookmark_stays_deleted_and_its_tombstone_reaches_the_other_devices()
    {
        var reader = await _host.AddUserAsync();
        var token = _host.TokenOf(reader.Id);
        var book = await _host.AddBookAsync();
        var id = Guid.NewGuid();
        await _host.BookmarkAsync(token, id, book, "p", "phone", _host.Now - TimeSpan.FromMinutes(10), "Chapitre 2");
        var tabletCursor = (await _host.ChangesAsync(token, null)).GetProperty("nextCursor").GetString();

        var deleted = await _host.MutateAsync(token, ReadingHost.DeleteItem, "deleteReadingItem",
            new { kind = "BOOKMARK", id, deviceId = "phone", clientUpdatedAt = _host.Now - TimeSpan.FromMinutes(5) });
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await _host.MutateAsync(token, ReadingHost.DeleteItem, "deleteReadingItem",
            new { kind = "BOOKMARK", id, deviceId = "phone", clientUpdatedAt = _host.Now - TimeSpan.FromMinutes(5) });
        var edit = await _host.BookmarkAsync(token, id, book, "p2", "tablet", _host.Now, "Modifié");
        var changes = await _host.ChangesAsync(token, tabletCursor);
        var listed = await _host.DataAsync(token, "query($book: ID!) { live: myBookmarks(bookId: $book) { nodes { id } } all: myBookmarks(bookId: $book, includeDeleted: true) { nodes { id deletedAt } } }",
            new { book = ReadingHost.BookId(book) });

        var tombstone = deleted.GetProperty("bookmark");
        Assert.NotEqual(JsonValueKind.Null, tombstone.GetProperty("deletedAt").ValueKind);
        Assert.Equal(tombstone.ToString(), again.GetProperty("bookmark").ToString());
        Assert.Equal(["READING_ITEM_DELETED"], ReadingHost.Codes(edit));
        var seen = Assert.Single(changes.GetProperty("bookmarks").EnumerateArray());
        Assert.Equal(id.ToString(), seen.GetProperty("id").GetString());
        Assert.Equal(tombstone.GetProperty("deletedAt").GetDateTime(), seen.GetProperty("deletedAt").GetDateTime());
        Assert.Empty(listed.GetProperty("live").GetProperty("nodes").EnumerateArray());
        Assert.Single(listed.GetProperty("all").GetProperty("nodes").EnumerateArray());
    }

    [Fact]
    public async Task An_older_bookmark_change_is_answered_with_the_stored_bookmark()
    {
        var token = _host.TokenOf((await _host.AddUserAsync()).Id);
        var book = await _host.AddBookAsync();
        var id = Guid.NewGuid();
        await _host.BookmarkAsync(token, id, book, "p", "phone", _host.Now - TimeSpan.FromMinutes(10), "Première");
        await _host.BookmarkAsync(token, id, book, "p", "tablet", _host.Now - TimeSpan.FromMinutes(2), "Renommée");

        var stale = await _host.BookmarkAsync(token, id, book, "p", "phone", _host.Now - TimeSpan.FromMinutes(5), "Ancienne");

        Assert.Equal(["STALE_BOOKMARK"], ReadingHost.Codes(stale));
        Assert.Equal("Renommée", stale.GetProperty("errors")[0].GetProperty("current").GetProperty("label").GetString());
    }

    /// <summary>Waits (bounded) until a session of the database waits for a lock, i.e. the server's write is queued
    /// behind the test's transaction. Asked from a connection of its own, outside any transaction (a transaction would see
    /// one frozen copy of pg_stat_activity).</summary>
    private async Task WaitUntilBlockedAsync()
    {
        await using var db = _host.Inbox.TestContext();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var waiting = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync();
            if (waiting > 0)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "The server's write never waited for the test's transaction.");
            await Task.Yield();
        }
    }
}
