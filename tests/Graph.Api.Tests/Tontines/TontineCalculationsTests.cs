using System.Security.Cryptography;
using System.Text;
using Graph.Api.Tontines;

namespace Graph.Api.Tests.Tontines;

/// <summary>The calendar of sessions, the replayable draw and the join codes, without a database.</summary>
public sealed class TontineCalculationsTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void A_monthly_tontine_started_on_January_31_keeps_the_month_end()
    {
        Assert.Equal([D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30), D(2027, 5, 31)],
            TontineSchedule.DueDates(D(2027, 1, 31), TontineFrequency.Monthly, 5));
        Assert.Equal([D(2028, 1, 31), D(2028, 2, 29), D(2028, 3, 31)],
            TontineSchedule.DueDates(D(2028, 1, 31), TontineFrequency.Monthly, 3));
    }

    [Fact]
    public void A_quarterly_tontine_started_on_August_31_falls_on_November_30_then_the_end_of_February()
    {
        Assert.Equal([D(2026, 8, 31), D(2026, 11, 30), D(2027, 2, 28), D(2027, 5, 31), D(2027, 8, 31)],
            TontineSchedule.DueDates(D(2026, 8, 31), TontineFrequency.Quarterly, 5));
        Assert.Equal([D(2027, 8, 31), D(2027, 11, 30), D(2028, 2, 29), D(2028, 5, 31)],
            TontineSchedule.DueDates(D(2027, 8, 31), TontineFrequency.Quarterly, 4));
    }

    [Fact]
    public void A_tontine_started_on_a_leap_day_keeps_the_29th_and_falls_on_February_28_in_common_years()
    {
        var monthly = TontineSchedule.DueDates(D(2028, 2, 29), TontineFrequency.Monthly, 49);
        Assert.Equal([D(2028, 2, 29), D(2028, 3, 29), D(2028, 4, 29)], monthly.Take(3));
        // A year on (every twelfth session), February has no 29th until the next leap year.
        Assert.Equal([D(2029, 2, 28), D(2030, 2, 28), D(2031, 2, 28), D(2032, 2, 29)], new[] { 13, 25, 37, 49 }.Select(n => monthly[n - 1]));
        Assert.Equal(D(2029, 3, 29), monthly[13]);
        // Quarterly: the fifth session is a year later.
        Assert.Equal([D(2028, 2, 29), D(2028, 5, 29), D(2028, 8, 29), D(2028, 11, 29), D(2029, 2, 28), D(2029, 5, 29)],
            TontineSchedule.DueDates(D(2028, 2, 29), TontineFrequency.Quarterly, 6));
    }

    [Fact]
    public void Daily_weekly_and_biweekly_sessions_cross_the_year_end()
    {
        Assert.Equal([D(2026, 12, 30), D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2)], TontineSchedule.DueDates(D(2026, 12, 30), TontineFrequency.Daily, 4));
        Assert.Equal([D(2026, 12, 21), D(2026, 12, 28), D(2027, 1, 4), D(2027, 1, 11)], TontineSchedule.DueDates(D(2026, 12, 21), TontineFrequency.Weekly, 4));
        Assert.Equal([D(2026, 12, 17), D(2026, 12, 31), D(2027, 1, 14), D(2027, 1, 28)], TontineSchedule.DueDates(D(2026, 12, 17), TontineFrequency.Biweekly, 4));
        // Across February of a leap year.
        Assert.Equal([D(2028, 2, 28), D(2028, 2, 29), D(2028, 3, 1)], TontineSchedule.DueDates(D(2028, 2, 28), TontineFrequency.Daily, 3));
    }

    [Fact]
    public void The_session_count_is_one_per_member_unless_a_cumulative_tontine_sets_it()
    {
        Assert.Equal(7, TontineSchedule.SessionCount(new Tontine { Name = "R", Type = TontineType.Rotating }, 7));
        Assert.Equal(7, TontineSchedule.SessionCount(new Tontine { Name = "M", Type = TontineType.Mixed, SavingsPercent = 30 }, 7));
        Assert.Equal(7, TontineSchedule.SessionCount(new Tontine { Name = "C", Type = TontineType.Cumulative }, 7));
        Assert.Equal(24, TontineSchedule.SessionCount(new Tontine { Name = "C", Type = TontineType.Cumulative, SessionCount = 24 }, 7));
    }

    private static readonly Guid[] Five = Enumerable.Range(1, 5).Select(i => Guid.Parse($"00000000-0000-0000-0000-00000000000{i}")).ToArray();

    [Fact]
    public void The_draw_of_a_known_seed_never_changes()
    {
        // Computed once by an independent implementation of PayoutDraw.Algorithm (Python, hashlib): pinned so the algorithm
        // never changes silently, which would make published draws unverifiable.
        const string seed = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        Assert.Equal([Five[4], Five[2], Five[1], Five[3], Five[0]], PayoutDraw.Order(seed, Five));
    }

    [Fact]
    public void The_same_seed_and_members_give_the_same_order_whatever_the_order_they_are_given_in()
    {
        var members = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();
        var seed = PayoutDraw.NewSeed();
        var order = PayoutDraw.Order(seed, members);
        Assert.Equal(order, PayoutDraw.Order(seed, members.Reverse()));
        Assert.Equal(order, PayoutDraw.Order(seed, members.OrderBy(_ => Random.Shared.Next())));
        Assert.Equal(order, PayoutDraw.Order(seed.ToUpperInvariant(), members));
        Assert.Equal(members.Order(), order.Order());
    }

    [Fact]
    public void Different_seeds_give_different_orders()
    {
        var members = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();
        var orders = Enumerable.Range(0, 20).Select(_ => string.Join(",", PayoutDraw.Order(PayoutDraw.NewSeed(), members))).ToHashSet();
        // 12! orders: 20 seeds giving fewer than 20 distinct orders would be a broken draw.
        Assert.Equal(20, orders.Count);
        Assert.Equal(64, PayoutDraw.NewSeed().Length);
        Assert.NotEqual(PayoutDraw.NewSeed(), PayoutDraw.NewSeed());
    }

    [Fact]
    public void Each_order_of_three_members_comes_out_about_as_often()
    {
        var members = Five.Take(3).ToArray();
        const int draws = 6000;
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < draws; i++)
        {
            var seed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"draw {i}")));
            var key = string.Join(",", PayoutDraw.Order(seed, members).Select(id => id.ToString()[^1]));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        Assert.All(counts, pair => Assert.InRange(pair.Value, draws * 10 / 100, draws * 22 / 100));
    }

    [Fact]
    public void A_single_member_and_no_member_are_their_own_order()
    {
        Assert.Equal([Five[0]], PayoutDraw.Order(PayoutDraw.NewSeed(), [Five[0]]));
        Assert.Empty(PayoutDraw.Order(PayoutDraw.NewSeed(), []));
    }

    [Theory]
    [InlineData("Élisabeth", "ELISABETH")]
    [InlineData("Œuvre", "OEUVRE")]
    [InlineData("Ndèye Ñañ", "NDEYE NAN")]
    [InlineData("Ɓaaba Ɗiallo", "BAABA DIALLO")]
    [InlineData("Zoé", "ZOE")]
    public void Names_are_folded_for_the_alphabetical_order(string name, string key) => Assert.Equal(key, TontineStarter.SortKey(name));

    [Fact]
    public void Join_codes_are_eight_characters_of_an_alphabet_without_look_alikes()
    {
        Assert.Equal(31, TontineJoinCodes.Alphabet.Length);
        Assert.Equal(TontineJoinCodes.Alphabet.Length, TontineJoinCodes.Alphabet.Distinct().Count());
        foreach (var c in "0O1IL")
        {
            Assert.DoesNotContain(c, TontineJoinCodes.Alphabet);
        }
        var codes = Enumerable.Range(0, 500).Select(_ => TontineJoinCodes.New()).ToList();
        Assert.All(codes, code =>
        {
            Assert.Equal(TontineJoinCodes.Length, code.Length);
            Assert.All(code, c => Assert.Contains(c, TontineJoinCodes.Alphabet));
            Assert.Equal(code, TontineJoinCodes.Normalize(code));
        });
        Assert.True(codes.Distinct().Count() > 495);
    }

    [Theory]
    [InlineData("ABCDEFGH", "ABCDEFGH")]
    [InlineData("abcd-efgh", "ABCDEFGH")]
    [InlineData(" ab cd ef gh ", "ABCDEFGH")]
    [InlineData("K7QM-4XR2", "K7QM4XR2")]
    [InlineData("k7qm 4xr2", "K7QM4XR2")]
    [InlineData("--23-45-67-89--", "23456789")]
    public void A_typed_code_is_normalised(string typed, string code) => Assert.Equal(code, TontineJoinCodes.Normalize(typed));

    [Theory]
    [InlineData("ABCDEFGO")]
    [InlineData("ABCDEFG0")]
    [InlineData("ABCDEFG1")]
    [InlineData("ABCDEFGI")]
    [InlineData("ABCDEFGL")]
    [InlineData("abcdefgl")]
    [InlineData("ABCDEFG")]
    [InlineData("ABCDEFGHJ")]
    [InlineData("")]
    [InlineData("ABCD_EFGH")]
    [InlineData("ABCDÉFGH")]
    public void A_code_with_a_character_outside_the_alphabet_or_of_the_wrong_length_is_refused(string typed) =>
        Assert.Null(TontineJoinCodes.Normalize(typed));
}
