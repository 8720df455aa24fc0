using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Graph.Api.Common;

namespace Graph.Api.Tontines;

/// <summary>
/// Join codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), drawn by the system's cryptographic
/// generator. 31^8 is about 8.5 x 10^11 codes, and joining is rate limited, so a code cannot be guessed by trying.
/// </summary>
public static class TontineJoinCodes
{
    /// <summary>The characters a code is made of.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public const int Length = 8;

    /// <summary>A new random code.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as typed, made canonical: upper case, without spaces or dashes; null when it cannot be a code.</summary>
    public static string? Normalize(string typed)
    {
        var builder = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-')
            {
                continue;
            }
            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper) || builder.Length == Length)
            {
                return null;
            }
            builder.Append(upper);
        }
        return builder.Length == Length ? builder.ToString() : null;
    }
}

/// <summary>The calendar of a tontine's sessions.</summary>
public static class TontineSchedule
{
    /// <summary>
    /// The due date of the session of rank <paramref name="number"/> (from 1). Months are counted from the start date each
    /// time, never from the previous session, so a tontine started on January 31 is due on February 28 (29 in a leap year),
    /// then March 31, April 30: the day is kept wherever the month has it.
    /// </summary>
    public static DateOnly DueDate(DateOnly start, TontineFrequency frequency, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var k = number - 1;
        return frequency switch
        {
            TontineFrequency.Daily => start.AddDays(k),
            TontineFrequency.Weekly => start.AddDays(7 * k),
            TontineFrequency.Biweekly => start.AddDays(14 * k),
            TontineFrequency.Monthly => start.AddMonths(k),
            TontineFrequency.Quarterly => start.AddMonths(3 * k),
            _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown frequency."),
        };
    }

    /// <summary>The due dates of sessions 1 to <paramref name="count"/>.</summary>
    public static IReadOnlyList<DateOnly> DueDates(DateOnly start, TontineFrequency frequency, int count) =>
        Enumerable.Range(1, count).Select(n => DueDate(start, frequency, n)).ToArray();

    /// <summary>How many sessions a tontine has: one per member when the pot goes round, else its session count.</summary>
    public static int SessionCount(Tontine tontine, int members) =>
        tontine.Type == TontineType.Cumulative ? tontine.SessionCount ?? members : members;
}

/// <summary>The money rules of a tontine: how a contribution splits, what a passage pays, what a late day costs.</summary>
public static class TontineMoney
{
    /// <summary>The part of one contribution that goes round (all of it for ROTATING, none for CUMULATIVE).</summary>
    public static decimal RotatingShare(Tontine tontine) => tontine.Type switch
    {
        TontineType.Rotating => tontine.Contribution.Amount,
        TontineType.Cumulative => 0m,
        TontineType.Mixed => decimal.Round(tontine.Contribution.Amount * (100 - (tontine.SavingsPercent ?? 0)) / 100m,
            Money.MinorUnits(tontine.Contribution.Currency), MidpointRounding.AwayFromZero),
        _ => throw new ArgumentOutOfRangeException(nameof(tontine), tontine.Type, "Unknown tontine type."),
    };

    /// <summary>The part of one contribution kept as the member's own savings.</summary>
    public static decimal SavingsShare(Tontine tontine) => tontine.Contribution.Amount - RotatingShare(tontine);

    /// <summary>What a ROTATION passage pays: the rotating share of every member's contribution to its session.</summary>
    public static decimal RotationPayout(Tontine tontine, int members) => RotatingShare(tontine) * members;

    /// <summary>Days a contribution due on <paramref name="dueDate"/> is late on <paramref name="asOf"/>, after the grace period.</summary>
    public static int DaysLate(Tontine tontine, DateOnly dueDate, DateOnly asOf) =>
        Math.Max(0, asOf.DayNumber - dueDate.DayNumber - tontine.GraceDays);

    /// <summary>The fine a contribution due on <paramref name="dueDate"/> carries if paid on <paramref name="day"/>: per day
    /// late, up to the cap; none once waived.</summary>
    public static decimal FineOn(Tontine tontine, DateOnly dueDate, TontineContribution contribution, DateOnly day) =>
        contribution.PenaltyWaivedAt is null ? Penalty(tontine, DaysLate(tontine, dueDate, day)) : 0m;

    /// <summary>The fine for a contribution <paramref name="daysLate"/> days late: per day, up to the cap, in the currency's unit.</summary>
    public static decimal Penalty(Tontine tontine, int daysLate)
    {
        if (daysLate <= 0 || tontine.PenaltyMode == LatePenaltyMode.None)
        {
            return 0m;
        }
        var perDay = tontine.PenaltyMode == LatePenaltyMode.FixedPerDay
            ? tontine.PenaltyRate
            : tontine.Contribution.Amount * tontine.PenaltyRate / 100m;
        var fine = decimal.Round(perDay * daysLate, Money.MinorUnits(tontine.Contribution.Currency), MidpointRounding.AwayFromZero);
        return tontine.PenaltyCap is { } cap ? Math.Min(fine, cap) : fine;
    }
}

/// <summary>
/// The RANDOM payout order, replayable by anyone from the stored seed and the member list:
/// <list type="number">
/// <item>the candidates are the members' user IDs (lower-case UUIDs with dashes), sorted in ordinal order;</item>
/// <item>a stream of 64-bit numbers is read from SHA-256(seed bytes ‖ block number as 4 bytes big-endian), block after
/// block from 0, each digest giving four big-endian numbers;</item>
/// <item>Fisher-Yates from the last candidate down: for i = n-1 … 1, take numbers until one is below the largest multiple
/// of (i+1) that fits in 2^64 (no modulo bias), and swap candidates i and (number mod (i+1)).</item>
/// </list>
/// The resulting list is the order: the first candidate takes the first pot.
/// </summary>
public static class PayoutDraw
{
    /// <summary>The algorithm, in words, as the graph shows it next to the seed.</summary>
    public const string Algorithm =
        "Sort the members' user IDs (lower-case UUIDs) in ordinal order. Read unsigned 64-bit big-endian numbers from " +
        "SHA-256(seed bytes || 4-byte big-endian block number), blocks 0, 1, 2... For i from n-1 down to 1, take the next " +
        "number below the largest multiple of i+1 that fits in 2^64 and swap positions i and (number mod (i+1)). " +
        "The list then reads in payout order.";

    /// <summary>A new seed: 32 random bytes as 64 lower-case hex digits.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The order the seed gives the members.</summary>
    public static IReadOnlyList<Guid> Order(string seed, IEnumerable<Guid> members)
    {
        var order = members.Select(m => m.ToString("D")).Order(StringComparer.Ordinal).ToArray();
        var numbers = new Stream(Convert.FromHexString(seed));
        for (var i = order.Length - 1; i >= 1; i--)
        {
            var bound = (ulong)(i + 1);
            // 2^64 mod bound: the numbers at or above 2^64 - that are the biased tail, drawn again.
            var tail = (ulong.MaxValue % bound + 1) % bound;
            ulong n;
            do
            {
                n = numbers.Next();
            }
            while (tail != 0 && n > ulong.MaxValue - tail);
            var j = (int)(n % bound);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Select(Guid.Parse).ToArray();
    }

    private sealed class Stream(byte[] seed)
    {
        private readonly byte[] input = [.. seed, 0, 0, 0, 0];
        private byte[] digest = [];
        private int offset;
        private uint block;

        public ulong Next()
        {
            if (offset == digest.Length)
            {
                BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(input.Length - 4), block++);
                digest = SHA256.HashData(input);
                offset = 0;
            }
            var n = BinaryPrimitives.ReadUInt64BigEndian(digest.AsSpan(offset));
            offset += 8;
            return n;
        }
    }
}
