using System.Text.Json;
using Graph.Api.Common;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Deliveries;

/// <summary>deliveryStatistics and Planter.statistics against figures worked out by hand.</summary>
public sealed class DeliveryStatisticsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Manager = PlatformRoles.CooperativeManagerName;

    private const string Query = """
        query($groupBy: DeliveryStatisticsGroup!, $period: StatisticsPeriod, $from: Date, $to: Date, $cooperativeId: ID) {
          deliveryStatistics(groupBy: $groupBy, period: $period, from: $from, to: $to, cooperativeId: $cooperativeId) {
            id label periodStart deliveries netWeightKg netWeightTonnes payableWeightKg payableWeightTonnes amounts { amount currency }
          }
        }
        """;

    // Cooperative A (XOF): Koffi Yao is chief of Aya Konan Marie and Brou Kouadio; N'Guessan is on his own.
    //   d1 Koffi   2026-10-01  net  99  payable  99   99,000 XOF  VALIDATED  central
    //   d2 Aya     2026-10-02  net 198  payable 190  190,000 XOF  PAID       central
    //   d3 Brou    2026-10-20  net 297  payable 297  297,000 XOF  RECORDED   (not counted)
    //   d4 Brou    2026-11-03  net 396  payable 380  380,000 XOF  VALIDATED  Méagui
    //   d5 Aya     2026-09-30  net  49  payable  49   49,000 XOF  REJECTED   (not counted)
    //   d6 Aya     2026-09-30  net  10  payable  10   10,000 XOF  VALIDATED  central
    //   d7 Guessan 2026-10-04  net  50  payable  50   50,000 XOF  VALIDATED  central
    // Cooperative B (EUR): its chief Kwame Mensah, d8 2026-10-10 net 100 payable 100, 1,000.00 EUR, VALIDATED.
    private sealed record Data(DeliveryOutputsKit Kit, OutputsWorld A, OutputsWorld B, Guid Meagui, Guid Lonely, Guid Manager);

    private async Task<Data> SeedAsync()
    {
        var kit = new DeliveryOutputsKit(database);
        var a = await kit.WorldAsync("Coopérative A");
        var b = await kit.WorldAsync("Coopérative B", Currency.EUR, chiefName: "Kwame Mensah");
        Guid meagui, lonely, lonelyPlot;
        await using (var db = database.CreateContext())
        {
            var warehouse = new Warehouse { CooperativeId = a.Cooperative, Name = "Magasin de Méagui", CapacityKg = 500_000m, CreatedAt = DeliveryOutputsKit.Now, UpdatedAt = DeliveryOutputsKit.Now };
            var planter = new Planter { CooperativeId = a.Cooperative, FullName = "N'Guessan Yao", CreatedAt = DeliveryOutputsKit.Now, UpdatedAt = DeliveryOutputsKit.Now };
            db.Warehouses.Add(warehouse);
            db.Planters.Add(planter);
            await db.SaveChangesAsync();
            var plot = new Plot
            {
                PlanterId = planter.Id, Name = "Champ", GeoJson = """{"type":"Point","coordinates":[-6.6,5.8]}""", AreaHectares = 1m, Latitude = 5.8, Longitude = -6.6,
                CreatedAt = DeliveryOutputsKit.Now, UpdatedAt = DeliveryOutputsKit.Now,
            };
            db.Plots.Add(plot);
            await db.SaveChangesAsync();
            (meagui, lonely, lonelyPlot) = (warehouse.Id, planter.Id, plot.Id);
        }
        await kit.DeliveryAsync(a, a.Chief, a.ChiefPlot, new DateOnly(2026, 10, 1), 100m, 1m, 99m, 1000m, 99_000m);
        await kit.DeliveryAsync(a, a.Member, a.MemberPlot, new DateOnly(2026, 10, 2), 200m, 2m, 190m, 1000m, 190_000m, DeliveryStatus.Paid, moisture: 12m);
        await kit.DeliveryAsync(a, a.OtherMember, a.OtherPlot, new DateOnly(2026, 10, 20), 300m, 3m, 297m, 1000m, 297_000m, DeliveryStatus.Recorded);
        await kit.DeliveryAsync(a, a.OtherMember, a.OtherPlot, new DateOnly(2026, 11, 3), 400m, 4m, 380m, 1000m, 380_000m, warehouse: meagui, moisture: 12m);
        await kit.DeliveryAsync(a, a.Member, a.MemberPlot, new DateOnly(2026, 9, 30), 50m, 1m, 49m, 1000m, 49_000m, DeliveryStatus.Rejected);
        await kit.DeliveryAsync(a, a.Member, a.MemberPlot, new DateOnly(2026, 9, 30), 11m, 1m, 10m, 1000m, 10_000m);
        await kit.DeliveryAsync(a, lonely, lonelyPlot, new DateOnly(2026, 10, 4), 51m, 1m, 50m, 1000m, 50_000m);
        await kit.DeliveryAsync(b, b.Chief, b.ChiefPlot, new DateOnly(2026, 10, 10), 101m, 1m, 100m, 10m, 1000m, currency: Currency.EUR);
        var manager = await kit.ManagerAsync(a.Cooperative);
        await using (var db = database.CreateContext())
        {
            db.CooperativeManagers.Add(new CooperativeManager { CooperativeId = b.Cooperative, UserId = manager, AddedAt = DeliveryOutputsKit.Now });
            await db.SaveChangesAsync();
        }
        return new Data(kit, a, b, meagui, lonely, manager);
    }

    [Fact]
    public async Task Every_grouping_sums_validated_and_paid_deliveries_as_computed_by_hand()
    {
        var data = await SeedAsync();
        await using var kit = data.Kit;

        async Task<List<string>> RowsAsync(string groupBy, string? period = null, string? from = null, string? to = null)
        {
            var response = await kit.SendAsync(Query, new { groupBy, period, from, to }, data.Manager, Manager);
            Assert.False(response.HasErrors, response.Text);
            return response.Body.GetProperty("data").GetProperty("deliveryStatistics").EnumerateArray().Select(Describe).ToList();
        }

        string P(Guid id) => DeliveryOutputsKit.Id("Planter", id);
        Assert.Equal(
        [
            $"{P(data.A.OtherMember)} Brou Kouadio - 1 396 0.396 380 0.38 380000 XOF",
            $"{P(data.A.Member)} Aya Konan Marie - 2 208 0.208 200 0.2 200000 XOF",
            $"{P(data.B.Chief)} Kwame Mensah - 1 100 0.1 100 0.1 1000.00 EUR",
            $"{P(data.A.Chief)} Koffi Yao - 1 99 0.099 99 0.099 99000 XOF",
            $"{P(data.Lonely)} N'Guessan Yao - 1 50 0.05 50 0.05 50000 XOF",
        ], await RowsAsync("PLANTER"));
        // Koffi Yao covers himself, Aya and Brou; N'Guessan has no members and is nobody's chief.
        Assert.Equal(
        [
            $"{P(data.A.Chief)} Koffi Yao - 4 703 0.703 679 0.679 679000 XOF",
            $"{P(data.B.Chief)} Kwame Mensah - 1 100 0.1 100 0.1 1000.00 EUR",
        ], await RowsAsync("CHIEF_PLANTER"));
        Assert.Equal(
        [
            $"{DeliveryOutputsKit.Id("Cooperative", data.A.Cooperative)} Coopérative A - 5 753 0.753 729 0.729 729000 XOF",
            $"{DeliveryOutputsKit.Id("Cooperative", data.B.Cooperative)} Coopérative B - 1 100 0.1 100 0.1 1000.00 EUR",
        ], await RowsAsync("COOPERATIVE"));
        Assert.Equal(
        [
            $"{DeliveryOutputsKit.Id("Warehouse", data.Meagui)} Magasin de Méagui - 1 396 0.396 380 0.38 380000 XOF",
            $"{DeliveryOutputsKit.Id("Warehouse", data.A.Warehouse)} Magasin central - 4 357 0.357 349 0.349 349000 XOF",
            $"{DeliveryOutputsKit.Id("Warehouse", data.B.Warehouse)} Magasin central - 1 100 0.1 100 0.1 1000.00 EUR",
        ], await RowsAsync("WAREHOUSE"));
        Assert.Equal(
        [
            "- 2026-09 2026-09-01 1 10 0.01 10 0.01 10000 XOF",
            "- 2026-10 2026-10-01 4 447 0.447 439 0.439 1000.00 EUR, 339000 XOF",
            "- 2026-11 2026-11-01 1 396 0.396 380 0.38 380000 XOF",
        ], await RowsAsync("PERIOD"));
        Assert.Equal(
        [
            "- 2025-2026 2025-10-01 1 10 0.01 10 0.01 10000 XOF",
            "- 2026-2027 2026-10-01 5 843 0.843 819 0.819 1000.00 EUR, 719000 XOF",
        ], await RowsAsync("PERIOD", "SEASON"));
        // 30 September to 4 October 2026 are ISO week 40 (from Monday 28 September).
        Assert.Equal(
        [
            "- 2026-W40 2026-09-28 4 357 0.357 349 0.349 349000 XOF",
            "- 2026-W41 2026-10-05 1 100 0.1 100 0.1 1000.00 EUR",
            "- 2026-W45 2026-11-02 1 396 0.396 380 0.38 380000 XOF",
        ], await RowsAsync("PERIOD", "WEEK"));
        Assert.Equal(
        [
            "- 2026-10-01 2026-10-01 1 99 0.099 99 0.099 99000 XOF",
            "- 2026-10-02 2026-10-02 1 198 0.198 190 0.19 190000 XOF",
        ], await RowsAsync("PERIOD", "DAY", "2026-10-01", "2026-10-03"));
    }

    [Fact]
    public async Task The_row_rule_and_the_cooperative_filter_apply()
    {
        var data = await SeedAsync();
        await using var kit = data.Kit;
        var stranger = await kit.ManagerAsync((await kit.WorldAsync("Coopérative C")).Cooperative);
        var analyst = await kit.UserAsync();
        var reader = await kit.UserAsync();

        var theirs = await kit.SendAsync(Query, new { groupBy = "COOPERATIVE" }, stranger, Manager);
        var onlyB = await kit.SendAsync(Query, new { groupBy = "PLANTER", cooperativeId = DeliveryOutputsKit.Id("Cooperative", data.B.Cooperative) }, analyst, PlatformRoles.AnalystName);
        var none = await kit.SendAsync(Query, new { groupBy = "COOPERATIVE" }, reader, PlatformRoles.ReaderName);
        var anonymous = await kit.SendAsync(Query, new { groupBy = "COOPERATIVE" }, user: null);

        Assert.Empty(theirs.Body.GetProperty("data").GetProperty("deliveryStatistics").EnumerateArray());
        Assert.Equal(["Kwame Mensah"], onlyB.Body.GetProperty("data").GetProperty("deliveryStatistics").EnumerateArray().Select(r => r.GetProperty("label").GetString()));
        Assert.Empty(none.Body.GetProperty("data").GetProperty("deliveryStatistics").EnumerateArray());
        Assert.Contains("AUTH_NOT_AUTHENTICATED", anonymous.Text);
    }

    [Fact]
    public async Task A_chief_planters_statistics_cover_their_members()
    {
        var data = await SeedAsync();
        await using var kit = data.Kit;
        const string query = """
            query($id: ID!, $from: Date) {
              node(id: $id) { ... on Planter { statistics(from: $from) { id label periodStart deliveries netWeightKg netWeightTonnes payableWeightKg payableWeightTonnes amounts { amount currency } } } }
            }
            """;

        async Task<string> StatisticsAsync(Guid planter, string? from = null)
        {
            var response = await kit.SendAsync(query, new { id = DeliveryOutputsKit.Id("Planter", planter), from }, data.Manager, Manager);
            Assert.False(response.HasErrors, response.Text);
            return Describe(response.Body.GetProperty("data").GetProperty("node").GetProperty("statistics"));
        }

        var chief = DeliveryOutputsKit.Id("Planter", data.A.Chief);
        Assert.Equal($"{chief} Koffi Yao - 4 703 0.703 679 0.679 679000 XOF", await StatisticsAsync(data.A.Chief));
        Assert.Equal($"{chief} Koffi Yao - 3 693 0.693 669 0.669 669000 XOF", await StatisticsAsync(data.A.Chief, "2026-10-01"));
        Assert.Equal($"{DeliveryOutputsKit.Id("Planter", data.A.Member)} Aya Konan Marie - 2 208 0.208 200 0.2 200000 XOF", await StatisticsAsync(data.A.Member));
        Assert.Equal($"{DeliveryOutputsKit.Id("Planter", data.A.Member)} Aya Konan Marie - 0 0 0 0 0 ", await StatisticsAsync(data.A.Member, "2026-12-01"));
    }

    // "id label periodStart deliveries net t payable t amounts", decimals without trailing zeros (amounts as the graph prints them).
    private static string Describe(JsonElement row)
    {
        static string N(JsonElement e) => (e.GetDecimal() / 1.000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var id = row.GetProperty("id").ValueKind == JsonValueKind.Null ? "" : row.GetProperty("id").GetString() + " ";
        var period = row.GetProperty("periodStart").ValueKind == JsonValueKind.Null ? "-" : row.GetProperty("periodStart").GetString();
        var amounts = string.Join(", ", row.GetProperty("amounts").EnumerateArray().Select(a => $"{a.GetProperty("amount").GetRawText()} {a.GetProperty("currency").GetString()}"));
        return id == ""
            ? $"- {row.GetProperty("label").GetString()} {row.GetProperty("periodStart").GetString()} {row.GetProperty("deliveries").GetInt32()} {N(row.GetProperty("netWeightKg"))} {N(row.GetProperty("netWeightTonnes"))} {N(row.GetProperty("payableWeightKg"))} {N(row.GetProperty("payableWeightTonnes"))} {amounts}"
            : $"{id}{row.GetProperty("label").GetString()} {period} {row.GetProperty("deliveries").GetInt32()} {N(row.GetProperty("netWeightKg"))} {N(row.GetProperty("netWeightTonnes"))} {N(row.GetProperty("payableWeightKg"))} {N(row.GetProperty("payableWeightTonnes"))} {amounts}";
    }
}
