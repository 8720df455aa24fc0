using Graph.Api.Reading;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Reading;

/// <summary>readingProgressChanged over a real graphql-transport-ws WebSocket: a device hears its reader's other devices,
/// once committed, and nobody else's reading.</summary>
public sealed class ReadingProgressChangedTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private ReadingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ReadingHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_phone_hears_the_tablets_progress_and_not_another_readers_and_a_book_filter_keeps_its_book()
    {
        var reader = await _host.AddUserAsync();
        var stranger = await _host.AddUserAsync();
        var token = _host.TokenOf(reader.Id);
        var book = await _host.AddBookAsync();
        var other = await _host.AddBookAsync();
        await using var phone = await _host.ConnectAsync(token);
        await using var watch = await _host.ConnectAsync(token);
        await phone.SubscribeAsync("all", $"subscription {{ readingProgressChanged {{ {ReadingHost.ProgressFields} }} }}");
        await watch.SubscribeAsync("one", "subscription($book: ID) { readingProgressChanged(bookId: $book) { position } }", new { book = ReadingHost.BookId(book) });
        await _host.Signals.SubscribedAsync(ReadingStore.ProgressTopic(reader.Id), count: 2);

        await _host.ProgressAsync(_host.TokenOf(stranger.Id), book, "stranger", 90m, "stranger-phone", _host.Now);
        await _host.ProgressAsync(token, other, "other-book", 5m, "tablet", _host.Now - TimeSpan.FromMinutes(2));
        var stale = await _host.ProgressAsync(token, other, "older", 4m, "tablet", _host.Now - TimeSpan.FromMinutes(3));
        await _host.ProgressAsync(token, book, "epubcfi(/6/8!/4/2:0)", 33.3m, "tablet", _host.Now - TimeSpan.FromMinutes(1));

        Assert.Equal(["STALE_PROGRESS"], ReadingHost.Codes(stale));
        // Events come in commit order: the stranger's and the stale write would come before these had they been sent.
        var first = (await phone.ReceiveAsync("next", "all")).GetProperty("payload").GetProperty("data").GetProperty("readingProgressChanged");
        Assert.Equal("other-book", first.GetProperty("position").GetString());
        var second = (await phone.ReceiveAsync("next", "all")).GetProperty("payload").GetProperty("data").GetProperty("readingProgressChanged");
        Assert.Equal("epubcfi(/6/8!/4/2:0)", second.GetProperty("position").GetString());
        Assert.Equal("tablet", second.GetProperty("deviceId").GetString());
        Assert.Equal(33.3m, second.GetProperty("percent").GetDecimal());
        Assert.Equal(ReadingHost.BookId(book), second.GetProperty("bookId").GetString());
        var filtered = (await watch.ReceiveAsync("next", "one")).GetProperty("payload").GetProperty("data").GetProperty("readingProgressChanged");
        Assert.Equal("epubcfi(/6/8!/4/2:0)", filtered.GetProperty("position").GetString());
    }
}
