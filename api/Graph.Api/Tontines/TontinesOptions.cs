namespace Graph.Api.Tontines;

/// <summary>The tontines' settings ("Graph:Tontines").</summary>
public sealed class TontinesOptions
{
    public RemindersOptions Reminders { get; set; } = new();

    /// <summary>The reminders of contributions that are about to fall due ("Graph:Tontines:Reminders").</summary>
    public sealed class RemindersOptions
    {
        /// <summary>Whether this instance runs the reminder job.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>How often the job looks for contributions to remind.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>How many days before the due date members who have not paid are reminded (0: on the day only).</summary>
        public int DaysBefore { get; set; } = 2;

        /// <summary>How long after an organiser's reminder the same member may be reminded again for the same session.</summary>
        public TimeSpan OrganiserCooldown { get; set; } = TimeSpan.FromHours(12);

        /// <summary>How many contributions one run reminds at most (the next run takes the rest).</summary>
        public int BatchSize { get; set; } = 500;
    }
}
