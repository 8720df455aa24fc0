using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>
/// The two steps that fix a tontine's plan: its payout order (while it is a DRAFT) and its start (DRAFT to ACTIVE), which
/// writes the sessions, every member's contribution to each, and gives each ROTATION passage its session and amount.
/// Callers check who may and whether the tontine is in the right state, hold its row lock, and save.
/// </summary>
public static class TontineStarter
{
    /// <summary>
    /// Replaces the ROTATION passages of a DRAFT tontine with the order <paramref name="method"/> gives its current members
    /// (<paramref name="manual"/> for MANUAL: every member once). A RANDOM order draws a new seed and keeps it on the tontine.
    /// </summary>
    /// <returns>The passages added, in order.</returns>
    public static async Task<IReadOnlyList<TontinePassage>> SetOrderAsync(
        GraphDbContext db, Tontine tontine, PayoutOrderMethod method, IReadOnlyList<Guid>? manual, DateTime now, CancellationToken cancellationToken)
    {
        var members = await db.TontineMembers.Where(m => m.TontineId == tontine.Id)
            .Select(m => new { m.UserId, m.JoinedAt, m.User.DisplayName })
            .ToListAsync(cancellationToken);
        IReadOnlyList<Guid> order;
        string? seed = null;
        switch (method)
        {
            case PayoutOrderMethod.Random:
                seed = PayoutDraw.NewSeed();
                order = PayoutDraw.Order(seed, members.Select(m => m.UserId));
                break;
            case PayoutOrderMethod.Alphabetical:
                order = members.OrderBy(m => SortKey(m.DisplayName), StringComparer.Ordinal)
                    .ThenBy(m => m.UserId).Select(m => m.UserId).ToArray();
                break;
            case PayoutOrderMethod.JoinDate:
                order = members.OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId).Select(m => m.UserId).ToArray();
                break;
            case PayoutOrderMethod.Manual:
                order = manual ?? throw new ArgumentNullException(nameof(manual), "A MANUAL order is given.");
                if (order.Count != members.Count || order.Distinct().Count() != order.Count || !order.All(id => members.Any(m => m.UserId == id)))
                {
                    throw new ArgumentException("A MANUAL order names every member once.", nameof(manual));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown payout order method.");
        }

        await db.TontinePassages.Where(p => p.TontineId == tontine.Id && p.Kind == PassageKind.Rotation).ExecuteDeleteAsync(cancellationToken);
        var passages = order.Select((userId, i) => new TontinePassage
        {
            Id = Guid.CreateVersion7(now),
            TontineId = tontine.Id,
            Position = i + 1,
            UserId = userId,
            Kind = PassageKind.Rotation,
            Status = PassageStatus.Scheduled,
        }).ToArray();
        db.TontinePassages.AddRange(passages);
        tontine.PayoutOrder = method;
        tontine.DrawSeed = seed;
        tontine.OrderSetAt = now;
        tontine.UpdatedAt = now;
        return passages;
    }

    /// <summary>
    /// A name as the alphabetical order compares it: without accents, in upper case (Émile next to Emma, not after Zoé),
    /// œ and æ spelled out. The server runs without culture data (invariant globalization), where decomposing letters
    /// (string.Normalize) leaves them whole, so the letters of the Latin alphabets our members' names use are folded from a
    /// table.
    /// </summary>
    public static string SortKey(string name)
    {
        var key = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            var i = Accented.IndexOf(c, StringComparison.Ordinal);
            key.Append(c switch
            {
                'œ' => "oe",
                'æ' => "ae",
                'ß' => "ss",
                _ => i >= 0 ? Bases[i].ToString() : c.ToString(),
            });
        }
        return key.ToString().ToUpperInvariant();
    }

    /// <summary>Accented lower-case letters, each folded to the letter at the same place in <see cref="Bases"/>.</summary>
    private const string Accented = "àáâãäåāăąçćčďđèéêëēĕėęěìíîïīĭįıñńňòóôõöøōŏőùúûüūŭůűųýÿƴźżžśšşţťŕřĺľłɓɗŋğ";

    private const string Bases = "aaaaaaaaacccddeeeeeeeeeiiiiiiiinnnooooooooouuuuuuuuuyyyzzzsssttrrlllbdng";

    /// <summary>Forgets the payout order of a DRAFT tontine whose members changed: it is set again (or drawn at the start).</summary>
    public static async Task ClearOrderAsync(GraphDbContext db, Tontine tontine, DateTime now, CancellationToken cancellationToken)
    {
        await db.TontinePassages.Where(p => p.TontineId == tontine.Id && p.Kind == PassageKind.Rotation).ExecuteDeleteAsync(cancellationToken);
        tontine.DrawSeed = null;
        tontine.OrderSetAt = null;
        tontine.UpdatedAt = now;
    }

    /// <summary>
    /// Starts a DRAFT tontine: one session per due date, a contribution row per member and session, and (ROTATING, MIXED)
    /// the payout order, drawn now by the tontine's method when none was set, each passage tied to the session of its rank.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tontine is not a DRAFT, or a MANUAL order was never given.</exception>
    public static async Task<IReadOnlyList<TontineSession>> StartAsync(GraphDbContext db, Tontine tontine, DateTime now, CancellationToken cancellationToken)
    {
        if (tontine.Status != TontineStatus.Draft)
        {
            throw new InvalidOperationException($"Tontine {tontine.Id} is {tontine.Status}, not a draft.");
        }
        var members = await db.TontineMembers.Where(m => m.TontineId == tontine.Id).Select(m => m.UserId).ToListAsync(cancellationToken);
        var rotates = tontine.Type != TontineType.Cumulative;
        List<TontinePassage> passages = [];
        if (rotates)
        {
            passages = await db.TontinePassages.Where(p => p.TontineId == tontine.Id && p.Kind == PassageKind.Rotation)
                .OrderBy(p => p.Position).ToListAsync(cancellationToken);
            if (passages.Count != members.Count || !passages.Select(p => p.UserId).ToHashSet().SetEquals(members))
            {
                if (tontine.PayoutOrder == PayoutOrderMethod.Manual)
                {
                    throw new InvalidOperationException($"Tontine {tontine.Id} has no MANUAL order for its current members.");
                }
                passages = [.. await SetOrderAsync(db, tontine, tontine.PayoutOrder, null, now, cancellationToken)];
            }
        }

        var count = TontineSchedule.SessionCount(tontine, members.Count);
        var sessions = TontineSchedule.DueDates(tontine.StartDate, tontine.Frequency, count).Select((due, i) => new TontineSession
        {
            Id = Guid.CreateVersion7(now),
            TontineId = tontine.Id,
            Number = i + 1,
            DueDate = due,
            Status = TontineSessionStatus.Scheduled,
        }).ToArray();
        db.TontineSessions.AddRange(sessions);
        db.TontineContributions.AddRange(sessions.SelectMany(s => members.Select(userId => new TontineContribution
        {
            SessionId = s.Id,
            UserId = userId,
            TontineId = tontine.Id,
            Expected = tontine.Contribution.Amount,
        })));
        var payout = TontineMoney.RotationPayout(tontine, members.Count);
        foreach (var passage in passages)
        {
            passage.SessionId = sessions[passage.Position - 1].Id;
            passage.Amount = payout;
        }
        tontine.Status = TontineStatus.Active;
        tontine.StartedAt = now;
        tontine.UpdatedAt = now;
        return sessions;
    }
}
