using Graph.Api.Catalog;
using Graph.Api.Reading;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data.Seed;

/// <summary>
/// Demo reading: the reader and the buyer demo accounts have started some of the catalogue's books on a phone and a
/// tablet, with bookmarks, highlights and one deleted highlight (a tombstone). Added once, when nobody has reading
/// progress yet and the accounts and at least one book exist; works with whatever catalogue is there.
/// </summary>
public static class DemoReading
{
    /// <summary>Adds the demo reading to <paramref name="db"/> (not saved); true when something was added.</summary>
    public static async Task<bool> AddAsync(GraphDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Set<ReadingProgress>().AnyAsync(cancellationToken))
        {
            return false;
        }
        var emails = new[] { "reader@graph.local", "buyer@graph.local" };
        var users = (await db.Users.Where(u => emails.Contains(u.Email!)).ToListAsync(cancellationToken))
            .Concat(db.Users.Local.Where(u => emails.Contains(u.Email!)))
            .DistinctBy(u => u.Id)
            .ToDictionary(u => u.Email!, u => u.Id);
        // The books may be saved already or only added to this context (a new installation).
        var books = (await db.Books.OrderBy(b => b.Title).Take(20).ToListAsync(cancellationToken))
            .Concat(db.Books.Local)
            .DistinctBy(b => b.Id)
            .OrderBy(b => b.Title, StringComparer.Ordinal)
            .Take(4)
            .ToList();
        if (books.Count == 0 || !emails.All(users.ContainsKey))
        {
            return false;
        }
        var reader = users["reader@graph.local"];
        var buyer = users["buyer@graph.local"];
        var hour = TimeSpan.FromHours(1);

        // The reader is well into the first book (phone, this morning), halfway through the second (tablet, last night).
        Progress(db, reader, books[0], "epubcfi(/6/14!/4/2/10:212)", 62.5m, "demo-phone-awa", now - 3 * hour);
        Highlight(db, reader, books[0], "epubcfi(/6/8!/4/2/6:0)", "epubcfi(/6/8!/4/2/6:118)",
            "Le marché s'éveillait avant le muezzin, et les pirogues rentraient chargées de promesses.", HighlightColor.Yellow,
            "À relire au club de lecture.", "demo-phone-awa", now - 30 * hour, deletedAt: null);
        Highlight(db, reader, books[0], "epubcfi(/6/10!/4/2/2:0)", "epubcfi(/6/10!/4/2/2:64)",
            "Personne ne compte l'argent d'une tontine à voix haute.", HighlightColor.Green, null, "demo-tablet-awa", now - 20 * hour,
            deletedAt: now - 2 * hour);
        Mark(db, reader, books[0], "epubcfi(/6/12!/4/2/4:0)", "Chapitre des pêcheurs", "demo-phone-awa", now - 26 * hour);
        if (books.Count > 1)
        {
            Progress(db, reader, books[1], "epubcfi(/6/20!/4/2/2:0)", 48m, "demo-tablet-awa", now - 14 * hour);
            Mark(db, reader, books[1], "epubcfi(/6/18!/4/2/8:40)", null, "demo-tablet-awa", now - 15 * hour);
        }
        // The buyer has just opened the last of them.
        var last = books[^1];
        Progress(db, buyer, last, "epubcfi(/6/4!/4/2/2:0)", 3.2m, "demo-phone-ibrahima", now - 2 * hour);
        Highlight(db, buyer, last, "epubcfi(/6/4!/4/2/4:0)", "epubcfi(/6/4!/4/2/4:80)",
            "Chaque franc qui voyage raconte une histoire de famille.", HighlightColor.Blue, "Idée pour la réunion de la coopérative.",
            "demo-phone-ibrahima", now - 2 * hour, deletedAt: null);
        return true;
    }

    private static void Progress(GraphDbContext db, Guid userId, Book book, string position, decimal percent, string device, DateTime at) =>
        db.Set<ReadingProgress>().Add(new ReadingProgress
        {
            UserId = userId, BookId = book.Id, Position = position, Percent = percent, DeviceId = device, ClientUpdatedAt = at, ServerUpdatedAt = at,
        });

    private static void Mark(GraphDbContext db, Guid userId, Book book, string position, string? label, string device, DateTime at) =>
        db.Set<Bookmark>().Add(new Bookmark
        {
            Id = Guid.CreateVersion7(at), UserId = userId, BookId = book.Id, Position = position, Label = label, DeviceId = device,
            ClientUpdatedAt = at, ServerUpdatedAt = at,
        });

    private static void Highlight(GraphDbContext db, Guid userId, Book book, string start, string end, string excerpt, HighlightColor color,
        string? note, string device, DateTime at, DateTime? deletedAt) =>
        db.Set<Annotation>().Add(new Annotation
        {
            Id = Guid.CreateVersion7(at), UserId = userId, BookId = book.Id, Start = start, End = end, Excerpt = excerpt, Color = color, Note = note,
            DeviceId = device, ClientUpdatedAt = deletedAt ?? at, ServerUpdatedAt = deletedAt ?? at, DeletedAt = deletedAt,
        });
}
