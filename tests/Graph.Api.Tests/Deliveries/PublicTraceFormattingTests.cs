using Graph.Api.Deliveries;

namespace Graph.Api.Tests.Deliveries;

/// <summary>How the public trace names planters and writes figures, and how statistics name periods.</summary>
public sealed class PublicTraceFormattingTests
{
    [Theory]
    [InlineData("Koffi Yao", "Koffi Y.")]
    [InlineData("Aya Konan Marie", "Aya M.")]
    [InlineData("  Brou   kouadio ", "Brou K.")]
    [InlineData("Adjoua", "Adjoua")]
    [InlineData("", "")]
    public void A_planter_is_shown_by_first_name_and_initial(string fullName, string shown) =>
        Assert.Equal(shown, PublicTraces.ShortName(fullName));

    [Theory]
    [InlineData("12345.500", "12\u202F345,5")]
    [InlineData("495.000", "495")]
    [InlineData("0.125", "0,125")]
    [InlineData("1000000", "1\u202F000\u202F000")]
    public void Figures_are_written_the_French_way(string value, string written) =>
        Assert.Equal(written, PublicTracePage.FrenchNumber(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(StatisticsPeriod.Day, "2026-10-14", "2026-10-14")]
    [InlineData(StatisticsPeriod.Week, "2026-12-28", "2026-W53")]
    [InlineData(StatisticsPeriod.Week, "2025-12-29", "2026-W01")]
    [InlineData(StatisticsPeriod.Month, "2026-10-01", "2026-10")]
    [InlineData(StatisticsPeriod.Season, "2026-10-01", "2026-2027")]
    public void Periods_are_labelled(StatisticsPeriod period, string start, string label) =>
        Assert.Equal(label, DeliveryStatistics.PeriodLabel(period, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)));
}
