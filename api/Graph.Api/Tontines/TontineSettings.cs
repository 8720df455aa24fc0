using Graph.Api.Common;

namespace Graph.Api.Tontines;

/// <summary>
/// The settings of a tontine as createTontine and updateTontine take them, checked together: the type decides whether a
/// savings percentage or a session count applies, the fine's mode what its rate means. <see cref="Check"/> reports every
/// rule broken, each with the input field at fault.
/// </summary>
public sealed class TontineSettings
{
    /// <summary>The largest amount a contribution, a fine or a cap may have (numeric(19,4) holds less than 10^15).</summary>
    public const decimal AmountLimit = 1_000_000_000_000_000m;

    /// <summary>The most decimals of a PERCENT_PER_DAY rate (the column's scale).</summary>
    public const int PercentDecimals = 4;

    /// <summary>The name, trimmed.</summary>
    public required string Name { get; set; }

    /// <summary>How the pot is shared.</summary>
    public TontineType Type { get; set; }

    /// <summary>How often the members pay.</summary>
    public TontineFrequency Frequency { get; set; }

    /// <summary>What each member pays each session.</summary>
    public decimal ContributionAmount { get; set; }

    /// <summary>The contribution's currency (the fine's and the cap's too).</summary>
    public Currency Currency { get; set; }

    /// <summary>The first session's due date.</summary>
    public DateOnly StartDate { get; set; }

    /// <summary>The most members.</summary>
    public int MemberLimit { get; set; }

    /// <summary>Days after the due date before a contribution is late.</summary>
    public int GraceDays { get; set; }

    /// <summary>How a late contribution is fined.</summary>
    public LatePenaltyMode PenaltyMode { get; set; }

    /// <summary>The fine per late day (an amount, or a percentage of the contribution); 0 with NONE.</summary>
    public decimal PenaltyRate { get; set; }

    /// <summary>The most one late contribution is fined; null for no cap.</summary>
    public decimal? PenaltyCap { get; set; }

    /// <summary>MIXED only: the percentage kept as savings.</summary>
    public int? SavingsPercent { get; set; }

    /// <summary>CUMULATIVE only: how many sessions.</summary>
    public int? SessionCount { get; set; }

    /// <summary>How the payout order is decided.</summary>
    public PayoutOrderMethod PayoutOrder { get; set; }

    /// <summary>The settings of a new tontine, as given.</summary>
    public static TontineSettings From(CreateTontineInput input) => new()
    {
        Name = input.Name.Trim(),
        Type = input.Type,
        Frequency = input.Frequency,
        ContributionAmount = input.Contribution.Amount,
        Currency = input.Contribution.Currency,
        StartDate = input.StartDate,
        MemberLimit = input.MemberLimit,
        GraceDays = input.Rules?.GraceDays ?? 0,
        PenaltyMode = input.Rules?.PenaltyMode ?? LatePenaltyMode.None,
        PenaltyRate = input.Rules?.PenaltyRate ?? 0m,
        PenaltyCap = input.Rules?.PenaltyCap,
        SavingsPercent = input.SavingsPercent,
        SessionCount = input.SessionCount,
        PayoutOrder = input.PayoutOrder,
    };

    /// <summary>The settings of <paramref name="tontine"/> with the fields <paramref name="input"/> gives: a type change drops
    /// the savings percentage and session count it no longer takes (unless given), the mode NONE drops the rate and cap.</summary>
    public static TontineSettings From(Tontine tontine, UpdateTontineInput input)
    {
        var type = input.Type ?? tontine.Type;
        var mode = input.Rules?.PenaltyMode ?? tontine.PenaltyMode;
        // A rate means something else under another mode: with a new mode it is given again, not carried over.
        return new TontineSettings
        {
            Name = input.Name?.Trim() ?? tontine.Name,
            Type = type,
            Frequency = input.Frequency ?? tontine.Frequency,
            ContributionAmount = input.Contribution?.Amount ?? tontine.Contribution.Amount,
            Currency = input.Contribution?.Currency ?? tontine.Contribution.Currency,
            StartDate = input.StartDate ?? tontine.StartDate,
            MemberLimit = input.MemberLimit ?? tontine.MemberLimit,
            GraceDays = input.Rules?.GraceDays ?? tontine.GraceDays,
            PenaltyMode = mode,
            PenaltyRate = input.Rules?.PenaltyRate ?? (mode == LatePenaltyMode.None || mode != tontine.PenaltyMode ? 0m : tontine.PenaltyRate),
            PenaltyCap = input.Rules?.PenaltyCap ?? (input.Rules?.RemovePenaltyCap == true || mode == LatePenaltyMode.None ? null : tontine.PenaltyCap),
            SavingsPercent = input.SavingsPercent ?? (type == TontineType.Mixed ? tontine.SavingsPercent : null),
            SessionCount = input.SessionCount ?? (type == TontineType.Cumulative ? tontine.SessionCount : null),
            PayoutOrder = input.PayoutOrder ?? tontine.PayoutOrder,
        };
    }

    /// <summary>Every rule the settings break, each with its input field; empty when they are valid.</summary>
    /// <param name="today">Today (UTC): the start date may not be earlier.</param>
    /// <param name="members">The tontine's current members (0 for a new one): the limit may not be below.</param>
    public List<InvalidTontineInputError> Check(DateOnly today, int members)
    {
        var errors = new List<InvalidTontineInputError>();
        if (Name.Length == 0 || Name.Any(char.IsControl) || Name.EnumerateRunes().Count() > TontineConfiguration.MaxNameLength)
        {
            errors.Add(new("name", $"The name must have 1 to {TontineConfiguration.MaxNameLength} characters, without control characters (line breaks, tabs, NUL)."));
        }
        var minorUnits = Money.MinorUnits(Currency);
        if (ContributionAmount <= 0 || ContributionAmount >= AmountLimit)
        {
            errors.Add(new("contribution.amount", "The contribution must be more than zero (and less than 10^15)."));
        }
        else if (decimal.Round(ContributionAmount, minorUnits) != ContributionAmount)
        {
            errors.Add(new("contribution.amount", DecimalsMessage("The contribution", minorUnits)));
        }
        if (StartDate < today)
        {
            errors.Add(new("startDate", $"The start date must be today ({today:yyyy-MM-dd}, UTC) or later."));
        }
        else if (StartDate > today.AddYears(TontineRules.MaxYearsAhead))
        {
            errors.Add(new("startDate", $"The start date must be within {TontineRules.MaxYearsAhead} years ({today.AddYears(TontineRules.MaxYearsAhead):yyyy-MM-dd} at the latest)."));
        }
        if (MemberLimit is < TontineRules.MinMembers or > TontineRules.MaxMembers)
        {
            errors.Add(new("memberLimit", $"The member limit must be between {TontineRules.MinMembers} and {TontineRules.MaxMembers}."));
        }
        else if (MemberLimit < members)
        {
            errors.Add(new("memberLimit", $"The tontine already has {members} members: the member limit may not be lower."));
        }
        else if (ContributionAmount > 0 && ContributionAmount < AmountLimit && ContributionAmount * MemberLimit >= AmountLimit)
        {
            // A turn pays every member's contribution at once: the pot must fit an amount too.
            errors.Add(new("contribution.amount", $"The contribution times the member limit ({MemberLimit}) must stay below 10^15: one turn pays it all."));
        }
        if (GraceDays is < 0 or > TontineRules.MaxGraceDays)
        {
            errors.Add(new("rules.graceDays", $"The grace period must be 0 to {TontineRules.MaxGraceDays} days."));
        }
        CheckPenalty(errors, minorUnits);
        CheckType(errors);
        return errors;
    }

    private void CheckPenalty(List<InvalidTontineInputError> errors, int minorUnits)
    {
        switch (PenaltyMode)
        {
            case LatePenaltyMode.None:
                if (PenaltyRate != 0m)
                {
                    errors.Add(new("rules.penaltyRate", "A penalty rate needs a penalty mode (FIXED_PER_DAY or PERCENT_PER_DAY)."));
                }
                if (PenaltyCap is not null)
                {
                    errors.Add(new("rules.penaltyCap", "A penalty cap needs a penalty mode (FIXED_PER_DAY or PERCENT_PER_DAY)."));
                }
                return;
            case LatePenaltyMode.FixedPerDay:
                if (PenaltyRate <= 0 || PenaltyRate >= AmountLimit)
                {
                    errors.Add(new("rules.penaltyRate", "A FIXED_PER_DAY fine needs an amount per day more than zero, in the contribution's currency."));
                }
                else if (decimal.Round(PenaltyRate, minorUnits) != PenaltyRate)
                {
                    errors.Add(new("rules.penaltyRate", DecimalsMessage("The fine per day", minorUnits)));
                }
                break;
            case LatePenaltyMode.PercentPerDay:
                if (PenaltyRate is <= 0 or > 100)
                {
                    errors.Add(new("rules.penaltyRate", "A PERCENT_PER_DAY fine needs a percentage of the contribution per day, more than 0 and at most 100."));
                }
                else if (decimal.Round(PenaltyRate, PercentDecimals) != PenaltyRate)
                {
                    errors.Add(new("rules.penaltyRate", $"The percentage has at most {PercentDecimals} decimals."));
                }
                break;
        }
        if (PenaltyCap is { } cap)
        {
            if (cap <= 0 || cap >= AmountLimit)
            {
                errors.Add(new("rules.penaltyCap", "The penalty cap must be more than zero, in the contribution's currency (leave it out for no cap)."));
            }
            else if (decimal.Round(cap, minorUnits) != cap)
            {
                errors.Add(new("rules.penaltyCap", DecimalsMessage("The penalty cap", minorUnits)));
            }
        }
    }

    private void CheckType(List<InvalidTontineInputError> errors)
    {
        if (Type == TontineType.Mixed)
        {
            if (SavingsPercent is null)
            {
                errors.Add(new("savingsPercent", "A MIXED tontine needs the percentage of each contribution kept as savings (1 to 99)."));
            }
            else if (SavingsPercent is < 1 or > 99)
            {
                errors.Add(new("savingsPercent", "The savings percentage must be between 1 and 99."));
            }
        }
        else if (SavingsPercent is not null)
        {
            errors.Add(new("savingsPercent", "Only a MIXED tontine keeps a savings percentage."));
        }
        if (Type == TontineType.Cumulative)
        {
            if (SessionCount is < 1 or > TontineRules.MaxSessionCount)
            {
                errors.Add(new("sessionCount", $"The session count must be between 1 and {TontineRules.MaxSessionCount}."));
            }
        }
        else if (SessionCount is not null)
        {
            errors.Add(new("sessionCount", "Only a CUMULATIVE tontine has a session count; the others have one session per member."));
        }
    }

    /// <summary>Writes the settings onto <paramref name="tontine"/>.</summary>
    public void ApplyTo(Tontine tontine)
    {
        tontine.Name = Name;
        tontine.Type = Type;
        tontine.Frequency = Frequency;
        tontine.Contribution = new Money(ContributionAmount, Currency);
        tontine.StartDate = StartDate;
        tontine.MemberLimit = MemberLimit;
        tontine.GraceDays = GraceDays;
        tontine.PenaltyMode = PenaltyMode;
        tontine.PenaltyRate = PenaltyRate;
        tontine.PenaltyCap = PenaltyCap;
        tontine.SavingsPercent = SavingsPercent;
        tontine.SessionCount = SessionCount;
        tontine.PayoutOrder = PayoutOrder;
    }

    private static string DecimalsMessage(string what, int minorUnits) =>
        minorUnits == 0 ? $"{what} has no decimals in this currency." : $"{what} has at most {minorUnits} decimals in this currency.";
}
