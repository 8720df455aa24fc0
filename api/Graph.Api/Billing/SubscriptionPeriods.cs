namespace Graph.Api.Billing;

/// <summary>Calendar arithmetic of subscription periods.</summary>
public static class SubscriptionPeriods
{
    /// <summary>Months in one period of <paramref name="period"/>.</summary>
    public static int MonthsOf(PlanPeriod period) => period switch
    {
        PlanPeriod.Monthly => 1,
        PlanPeriod.Quarterly => 3,
        PlanPeriod.Yearly => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown period."),
    };

    /// <summary>The end of the <paramref name="periods"/>-th period from <paramref name="anchor"/>: the same day of the month,
    /// or the month's last day when it is shorter (January 31 + 1 month is February 28 or 29; + 2 months is March 31).
    /// Counting from the anchor, not from the previous end, keeps a period from drifting to the 28th for good.</summary>
    public static DateTime EndOf(DateTime anchor, PlanPeriod period, int periods) => anchor.AddMonths(MonthsOf(period) * periods);
}
