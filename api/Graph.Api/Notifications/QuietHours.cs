using NodaTime;

namespace Graph.Api.Notifications;

/// <summary>
/// A daily window, in a time zone, in which a user does not want to be disturbed: <c>22:00</c> to <c>07:00</c> in
/// <c>Africa/Dakar</c>. A window whose start is after its end spans midnight. Messages other than URGENT ones that fall
/// inside wait for its end.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End, string TimeZone)
{
    /// <summary>The time zone of a user who gives none: West Africa's most common one (UTC, no daylight saving).</summary>
    public const string DefaultTimeZone = "Africa/Dakar";

    /// <summary>Whether <paramref name="timeZone"/> is an IANA time zone name the platform knows.</summary>
    public static bool IsKnownTimeZone(string timeZone) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is not null;

    /// <summary>When a message written at <paramref name="now"/> may leave: <paramref name="now"/> itself outside the
    /// window, else the window's end.</summary>
    public DateTime SendableFrom(DateTime now)
    {
        if (Start == End)
        {
            return now;
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(now, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
        var time = TimeOnly.FromTimeSpan(TimeSpan.FromTicks(local.TimeOfDay.TickOfDay));
        var spansMidnight = Start > End;
        var inside = spansMidnight ? time >= Start || time < End : time >= Start && time < End;
        if (!inside)
        {
            return now;
        }
        // The window ends today, or tomorrow when it started this evening and spans midnight.
        var endDate = spansMidnight && time >= Start ? local.Date.PlusDays(1) : local.Date;
        var end = endDate + new LocalTime(End.Hour, End.Minute, End.Second);
        // A gap (a clock moved forward) is resolved to the first instant after it.
        return end.InZoneLeniently(zone).ToDateTimeUtc();
    }
}
