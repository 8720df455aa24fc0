using System.Data;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Graph.Api.Data;
using Graph.GraphQL;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Reading;

/// <summary>What changed in a reader's reading since a cursor: rows as they are now (tombstones included), and the cursor
/// to ask from next time.</summary>
public sealed class ReadingChanges
{
    /// <summary>Progress that changed, by book.</summary>
    public required IReadOnlyList<ReadingProgress> Progress { get; init; }

    /// <summary>Bookmarks created, changed or deleted (a deleted one has deletedAt).</summary>
    public required IReadOnlyList<Bookmark> Bookmarks { get; init; }

    /// <summary>Annotations created, changed or deleted (a deleted one has deletedAt).</summary>
    public required IReadOnlyList<Annotation> Annotations { get; init; }

    /// <summary>The cursor for the next call: keep it, and pass it as <c>since</c> next time (opaque).</summary>
    public required string NextCursor { get; init; }

    /// <summary>Whether more changes wait already: call again with nextCursor at once.</summary>
    public bool HasMore { get; init; }
}

/// <summary>
/// Lists what changed in a reader's reading since a cursor, without ever missing a change a late commit makes visible.
/// </summary>
/// <remarks>
/// <para>Every write stamps its row with the writing transaction's id (<c>change_xid</c>, a trigger sets
/// <c>pg_current_xact_id()</c>). A transaction's id is taken when it first writes, but its rows become visible only when it
/// commits, so ordering by id or by time alone would skip a row whose transaction started early and committed late. A
/// cursor therefore holds the snapshot the last call read in (<c>pg_current_snapshot()</c>: xmin, xmax and the ids in
/// progress) and the position (change_xid, kind, key) where its page stopped, or "end" when the call returned everything.
/// A call reads in one REPEATABLE READ snapshot S and returns the rows that are after the position, or whose transaction
/// the previous snapshot did not see (<c>NOT pg_visible_in_snapshot</c>).</para>
/// <para>Why nothing is missed: by induction, every row version visible in the cursor's snapshot and at or before its
/// position has been returned (trivially for the first cursor, which selects everything). A row version the next call does
/// not select is visible in the previous snapshot and at or before its position, so it was returned. A version written
/// later (a new change, or a transaction in progress then and committed since) is invisible to the previous snapshot, so it
/// is selected. The rows the call returns are exactly those before its new position among those it selected; its snapshot
/// and position carry the property on. Nothing is returned twice either, unless it changed again, and each page moves the
/// position on, so a transaction left open for long cannot make a client page forever.</para>
/// </remarks>
public static partial class ReadingChangesFeed
{
    /// <summary>The default number of rows a call returns.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The most rows a call returns.</summary>
    public const int MaxPageSize = 500;

    private const string Version = "r1";

    private enum Kind
    {
        Progress = 1,
        Bookmark = 2,
        Annotation = 3,
    }

    /// <summary>The reader's changes since <paramref name="since"/> (everything when null), at most <paramref name="first"/>.</summary>
    /// <exception cref="GraphQLException">The cursor is not one this feed made, or <paramref name="first"/> is out of range.</exception>
    public static async Task<ReadingChanges> ReadAsync(GraphDbContext db, Guid userId, string? since, int first, CancellationToken cancellationToken)
    {
        if (first is < 1 or > MaxPageSize)
        {
            throw new GraphQLException($"first must be between 1 and {MaxPageSize}.", "READING_PAGE_SIZE_INVALID");
        }
        var cursor = since is null ? Cursor.Start : Cursor.Parse(since)
            ?? throw new GraphQLException("The cursor is not one readingChanges returned.", "READING_CURSOR_INVALID");

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        // The first statement takes the transaction's snapshot; the reads below see exactly what it describes.
        var snapshot = (await db.Database.SqlQueryRaw<string>("SELECT pg_current_snapshot()::text AS \"Value\"").ToListAsync(cancellationToken)).Single();
        var progress = await db.Set<ReadingProgress>().FromSqlRaw(Select("reading_progress", Kind.Progress, "book_id", cursor, first), Parameters(userId, cursor))
            .AsNoTracking().ToListAsync(cancellationToken);
        var bookmarks = await db.Set<Bookmark>().FromSqlRaw(Select("bookmarks", Kind.Bookmark, "id", cursor, first), Parameters(userId, cursor))
            .AsNoTracking().ToListAsync(cancellationToken);
        var annotations = await db.Set<Annotation>().FromSqlRaw(Select("annotations", Kind.Annotation, "id", cursor, first), Parameters(userId, cursor))
            .AsNoTracking().ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Each list holds its table's first rows in order; together, the first `first` of them in (xid, kind, key) order.
        var merged = progress.Select(p => (Position: new Position(p.ChangeXid, Kind.Progress, p.BookId), Row: (object)p))
            .Concat(bookmarks.Select(b => (Position: new Position(b.ChangeXid, Kind.Bookmark, b.Id), Row: (object)b)))
            .Concat(annotations.Select(a => (Position: new Position(a.ChangeXid, Kind.Annotation, a.Id), Row: (object)a)))
            .OrderBy(r => r.Position)
            .ToList();
        var hasMore = merged.Count > first;
        var page = merged.Take(first).ToList();
        var next = new Cursor(hasMore ? page[^1].Position : null, snapshot);
        return new ReadingChanges
        {
            Progress = page.Select(r => r.Row).OfType<ReadingProgress>().ToList(),
            Bookmarks = page.Select(r => r.Row).OfType<Bookmark>().ToList(),
            Annotations = page.Select(r => r.Row).OfType<Annotation>().ToList(),
            NextCursor = next.Format(),
            HasMore = hasMore,
        };
    }

    private static string Select(string table, Kind kind, string key, Cursor cursor, int first)
    {
        var conditions = new List<string>();
        if (cursor.IsStart)
        {
            conditions.Add("TRUE");
        }
        if (cursor.After is not null)
        {
            conditions.Add($"(change_xid, {(int)kind}, {key}) > (@after_xid, @after_kind, @after_key)");
        }
        if (cursor.Snapshot is not null)
        {
            conditions.Add("(change_xid >= @snapshot_xmin AND NOT pg_visible_in_snapshot(change_xid::text::xid8, @snapshot::pg_snapshot))");
        }
        var selected = conditions.Count == 0 ? "FALSE" : string.Join(" OR ", conditions);
        return $"SELECT * FROM {table} WHERE user_id = @user_id AND ({selected}) ORDER BY change_xid, {key} LIMIT {first + 1}";
    }

    private static object[] Parameters(Guid userId, Cursor cursor)
    {
        var parameters = new List<object> { new NpgsqlParameter("user_id", userId) };
        if (cursor.After is { } after)
        {
            parameters.Add(new NpgsqlParameter("after_xid", after.Xid));
            parameters.Add(new NpgsqlParameter("after_kind", (int)after.Kind));
            parameters.Add(new NpgsqlParameter("after_key", after.Key));
        }
        if (cursor.Snapshot is { } snapshot)
        {
            parameters.Add(new NpgsqlParameter("snapshot_xmin", cursor.SnapshotXmin));
            parameters.Add(new NpgsqlParameter("snapshot", snapshot));
        }
        return [.. parameters];
    }

    /// <summary>A row's place in the feed's order.</summary>
    private readonly record struct Position(long Xid, Kind Kind, Guid Key) : IComparable<Position>
    {
        public int CompareTo(Position other)
        {
            var byXid = Xid.CompareTo(other.Xid);
            if (byXid != 0)
            {
                return byXid;
            }
            var byKind = Kind.CompareTo(other.Kind);
            // PostgreSQL orders uuids by their bytes in textual order, as Guid's comparison of the string form does.
            return byKind != 0 ? byKind : string.CompareOrdinal(Key.ToString("N"), other.Key.ToString("N"));
        }
    }

    /// <summary>
    /// Where a client is: the snapshot of its last call (null before the first) and the position its page stopped at (null
    /// when it got everything that snapshot saw). Formatted as base64url text, opaque to clients.
    /// </summary>
    private sealed partial class Cursor(Position? after, string? snapshot)
    {
        public static Cursor Start { get; } = new(null, null);

        public Position? After { get; } = after;

        public string? Snapshot { get; } = snapshot;

        public bool IsStart => Snapshot is null;

        public long SnapshotXmin => Snapshot is { } s ? long.Parse(s[..s.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture) : 0;

        public string Format()
        {
            var after = After is { } a ? $"{a.Xid.ToString(CultureInfo.InvariantCulture)}.{(int)a.Kind}.{a.Key:N}" : "end";
            var text = $"{Version}|{after}|{Snapshot}";
            return Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        public static Cursor? Parse(string value)
        {
            if (value.Length is 0 or > 65_536)
            {
                return null;
            }
            string text;
            try
            {
                var base64 = value.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
                text = Encoding.ASCII.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return null;
            }
            var parts = text.Split('|');
            if (parts.Length != 3 || parts[0] != Version || !SnapshotText().IsMatch(parts[2]))
            {
                return null;
            }
            var bounds = parts[2].Split(':');
            if (!ulong.TryParse(bounds[0], CultureInfo.InvariantCulture, out var xmin) || !ulong.TryParse(bounds[1], CultureInfo.InvariantCulture, out var xmax)
                || xmin == 0 || xmin > xmax || xmax > long.MaxValue)
            {
                return null;
            }
            // As PostgreSQL reads a snapshot: the ids in progress ascending, from xmin up to (not including) xmax.
            var last = xmin;
            foreach (var id in bounds[2].Length == 0 ? [] : bounds[2].Split(','))
            {
                if (!ulong.TryParse(id, CultureInfo.InvariantCulture, out var xip) || xip < last || xip >= xmax)
                {
                    return null;
                }
                last = xip;
            }
            if (parts[1] == "end")
            {
                return new Cursor(null, parts[2]);
            }
            var position = parts[1].Split('.');
            if (position.Length != 3
                || !long.TryParse(position[0], NumberStyles.None, CultureInfo.InvariantCulture, out var xid)
                || !int.TryParse(position[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kind) || !Enum.IsDefined((Kind)kind)
                || !Guid.TryParseExact(position[2], "N", out var key))
            {
                return null;
            }
            return new Cursor(new Position(xid, (Kind)kind, key), parts[2]);
        }

        /// <summary>pg_snapshot's text form: xmin:xmax:xip,xip,... (the list may be empty), at most 10000 ids in progress.</summary>
        [GeneratedRegex(@"^[0-9]{1,19}:[0-9]{1,19}:([0-9]{1,19}(,[0-9]{1,19}){0,9999})?$")]
        private static partial Regex SnapshotText();
    }
}
