using System.Security.Cryptography;
using System.Text;
using Graph.Api.Deliveries;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Deliveries;

/// <summary>The hash chain itself, over the real database: appending, recomputing, and finding exactly the link an
/// intruder with the database's superuser changed, removed or forged.</summary>
public sealed class TraceChainTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Start = new(2026, 10, 1, 8, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task An_event_hashes_its_canonical_form_after_the_previous_hash()
    {
        var cooperative = await CooperativeAsync();
        await AppendAsync(cooperative, 2);
        await using var db = database.CreateContext();
        var events = await db.TraceEvents.Where(e => e.CooperativeId == cooperative).OrderBy(e => e.Sequence).ToListAsync();

        Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
        Assert.Equal(TraceChain.Genesis, events[0].PreviousHash);
        Assert.Equal(events[0].Hash, events[1].PreviousHash);
        // Worked out by hand from the documented form, not through TraceChain.Canonical.
        var first = events[0];
        var canonical = "{\"actor\":null,\"cooperative\":\"" + cooperative.ToString("D") + "\",\"delivery\":\"" + first.DeliveryId!.Value.ToString("D")
            + "\",\"kind\":\"DELIVERY_RECORDED\",\"lot\":null,\"payload\":{\"grossWeightKg\":\"1250.5\",\"planter\":\"Koffi Yao\"},"
            + "\"recordedAt\":\"2026-10-01T08:30:00.000000Z\",\"sequence\":\"1\"}";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TraceChain.Genesis + "\n" + canonical)));
        Assert.Equal(expected, first.Hash);
    }

    [Fact]
    public async Task An_untouched_chain_verifies_to_its_end()
    {
        var cooperative = await CooperativeAsync();
        await AppendAsync(cooperative, 12);
        await using var db = database.CreateContext();

        var verification = await TraceChain.VerifyAsync(db, cooperative, null, default);

        Assert.True(verification.Valid);
        Assert.Equal(12, verification.CheckedEvents);
        Assert.Null(verification.FirstBrokenLink);
    }

    [Fact]
    public async Task The_database_refuses_to_edit_or_delete_an_event()
    {
        var cooperative = await CooperativeAsync();
        await AppendAsync(cooperative, 1);

        var update = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => TestPostgres.ExecuteAsync(
            $"UPDATE trace_events SET payload = '{{}}' WHERE cooperative_id = '{cooperative}'", database.ConnectionString));
        var delete = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => TestPostgres.ExecuteAsync(
            $"DELETE FROM trace_events WHERE cooperative_id = '{cooperative}'", database.ConnectionString));

        Assert.Equal("23001", update.SqlState);
        Assert.Equal("23001", delete.SqlState);
    }

    [Fact]
    public async Task A_tampered_payload_is_reported_at_exactly_its_link()
    {
        var cooperative = await CooperativeAsync();
        await AppendAsync(cooperative, 10);
        // The superuser lifts the guard and lowers a weight in event 6.
        await TamperAsync($"UPDATE trace_events SET payload = jsonb_set(payload, '{{grossWeightKg}}', '\"1000\"') WHERE cooperative_id = '{cooperative}' AND sequence = 6");
        await using var db = database.CreateContext();

        var verification = await TraceChain.VerifyAsync(db, cooperative, null, default);

        Assert.False(verification.Valid);
        Assert.Equal(5, verification.CheckedEvents);
        var link = Assert.IsType<TraceBreak>(verification.FirstBrokenLink);
        Assert.Equal(6, link.Sequence);
        Assert.Equal(TraceBreakReason.Altered, link.Reason);
        Assert.NotEqual(link.ExpectedHash, link.StoredHash);
    }

    [Fact]
    public async Task A_recomputed_hash_moves_the_break_to_the_next_link()
    {
        var cooperative = await CooperativeAsync();
        await AppendAsync(cooperative, 6);
        await using (var read = database.CreateContext())
        {
            // The forger also rewrites event 3's hash so it matches its new content; event 4 still names the old hash.
            var third = await read.TraceEvents.AsNoTracking().SingleAsync(e => e.CooperativeId == cooperative && e.Sequence == 3);
            var second = await read.TraceEvents.AsNoTracking().SingleAsync(e => e.CooperativeId == cooperative && e.Sequence == 2);
            var forged = new TraceEvent
            {
                CooperativeId = cooperative, Sequence = 3, Kind = third.Kind, DeliveryId = third.DeliveryId, LotId = third.LotId, ActorId = third.ActorId,
                RecordedAt = third.RecordedAt, Payload = """{"grossWeightKg":"1","planter":"Koffi Yao"}""", PreviousHash = second.Hash, Hash = "",
            };
            var forgedHash = TraceChain.Recompute(forged, second.Hash);
            await TamperAsync($"UPDATE trace_events SET payload = '{forged.Payload}', hash = '{forgedHash}' WHERE cooperative_id = '{cooperative}' AND sequence = 3");
        }
        await using var db = database.CreateContext();

        var verification = await TraceChain.VerifyAsync(db, cooperative, null, default);

        var link = Assert.IsType<TraceBreak>(verification.FirstBrokenLink);
        Assert.Equal(4, link.Sequence);
        Assert.Equal(TraceBreakReason.LinkBroken, link.Reason);
    }

    [Fact]
    public async Task A_deleted_event_is_reported_missing()
    {
        var cooperative = await CooperativeAsync();
        await AppendAsync(cooperative, 5);
        await TamperAsync($"DELETE FROM trace_events WHERE cooperative_id = '{cooperative}' AND sequence = 5");
        await using var db = database.CreateContext();

        var whole = await TraceChain.VerifyAsync(db, cooperative, 5, default);

        var link = Assert.IsType<TraceBreak>(whole.FirstBrokenLink);
        Assert.Equal(5, link.Sequence);
        Assert.Equal(TraceBreakReason.Missing, link.Reason);
        Assert.Null(link.Event);
    }

    [Fact]
    public async Task Concurrent_appends_make_one_unbroken_chain()
    {
        var cooperative = await CooperativeAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => AppendAsync(cooperative, 5))));
        await using var db = database.CreateContext();

        var verification = await TraceChain.VerifyAsync(db, cooperative, null, default);

        Assert.True(verification.Valid, verification.FirstBrokenLink?.ToString());
        Assert.Equal(40, verification.CheckedEvents);
    }

    private async Task<Guid> CooperativeAsync()
    {
        await using var db = database.CreateContext();
        var cooperative = new Cooperative { Name = "Coopérative test", Code = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), CreatedAt = Start, UpdatedAt = Start };
        db.Cooperatives.Add(cooperative);
        await db.SaveChangesAsync();
        return cooperative.Id;
    }

    // Each call appends `count` events, one transaction per two events (the second chained to the first before saving).
    private async Task AppendAsync(Guid cooperative, int count)
    {
        for (var i = 0; i < count; i += 2)
        {
            await using var db = database.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var j = i; j < Math.Min(count, i + 2); j++)
            {
                var payload = new Dictionary<string, string> { ["planter"] = "Koffi Yao", ["grossWeightKg"] = TraceChain.Figure(1250.500m + j) };
                await TraceChain.AppendAsync(db, cooperative, TraceEventKind.DeliveryRecorded, payload, Guid.NewGuid(), null, null, Start.AddMinutes(j), default);
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }

    private Task TamperAsync(string sql) => TestPostgres.ExecuteAsync(
        $"ALTER TABLE trace_events DISABLE TRIGGER USER; {sql}; ALTER TABLE trace_events ENABLE TRIGGER USER;", database.ConnectionString);
}
