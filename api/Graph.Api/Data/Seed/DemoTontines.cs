using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data.Seed;

/// <summary>
/// The demo's tontines (Kobiri), of every type and at every stage: drafts still gathering members, rotating, cumulative and
/// mixed tontines part-way through their sessions with late payers (fined, one fine waived) and members who have not paid,
/// passages paid and confirmed, a completed tontine and a suspended one. Their money is as Payments and the tontines'
/// settlement leave it: every contribution and payout a SUCCEEDED payment with its ledger posting, so the pots balance.
/// The demo tontine of the accounts (<see cref="DemoSeeder.DemoTontineName"/>) is started too, its two contributions tied
/// to its first session. Dates follow the day of seeding, so the demo always has sessions behind and ahead.
/// </summary>
internal static class DemoTontines
{
    /// <summary>The members the demo tontines add (password: the demo accounts').</summary>
    private static readonly (string Email, string Name, string Phone)[] People =
    [
        ("awa.diallo@graph.local", "Awa Diallo", "+221770100001"),
        ("binta.camara@graph.local", "Binta Camara", "+221770100002"),
        ("coumba.faye@graph.local", "Coumba Faye", "+221770100003"),
        ("dior.sarr@graph.local", "Dior Sarr", "+221770100004"),
        ("adjoa.mensah@graph.local", "Adjoa Mensah", "+2250700100005"),
        ("kouame.yao@graph.local", "Kouamé Yao", "+2250700100006"),
        ("salif.traore@graph.local", "Salif Traoré", "+22370100007"),
        ("rokia.keita@graph.local", "Rokia Keïta", "+22370100008"),
        ("ibrahim.sawadogo@graph.local", "Ibrahim Sawadogo", "+22670100009"),
        ("nafi.ba@graph.local", "Nafi Ba", "+221770100010"),
        ("koffi.agbodjan@graph.local", "Koffi Agbodjan", "+22990100011"),
        ("mariama.bah@graph.local", "Mariama Bah", "+224620100012"),
    ];

    private sealed record Plan(
        string Name,
        TontineType Type,
        TontineFrequency Frequency,
        decimal Contribution,
        int SessionsBehind,
        TontineStatus Target,
        int[] Members,
        PayoutOrderMethod Order = PayoutOrderMethod.Alphabetical,
        int? SavingsPercent = null,
        int? SessionCount = null,
        int GraceDays = 2,
        LatePenaltyMode Penalty = LatePenaltyMode.FixedPerDay,
        decimal PenaltyRate = 100m,
        decimal? PenaltyCap = 1_000m,
        (int Session, int Member)[]? Late = null,
        (int Session, int Member)[]? Unpaid = null,
        int EndedDaysAgo = 1);

    /// <summary>The tontines: members are indexes into <see cref="People"/> (the first is president, the second treasurer);
    /// <c>SessionsBehind</c> is how many sessions fell due before the seeding day.</summary>
    private static readonly Plan[] Plans =
    [
        new("Tontine des tisserandes de Thiès", TontineType.Rotating, TontineFrequency.Weekly, 2_000m, 4, TontineStatus.Active, [0, 1, 2, 3, 9, 11],
            Late: [(3, 2)], Unpaid: [(4, 3), (4, 9)]),
        new("Tontine des commerçants de Treichville", TontineType.Rotating, TontineFrequency.Monthly, 50_000m, 2, TontineStatus.Active, [4, 5, 6, 7, 8],
            Order: PayoutOrderMethod.Random, Penalty: LatePenaltyMode.PercentPerDay, PenaltyRate: 1m, PenaltyCap: 10_000m, GraceDays: 5, Unpaid: [(2, 7)]),
        new("Épargne des enseignants de Bouaké", TontineType.Cumulative, TontineFrequency.Monthly, 25_000m, 3, TontineStatus.Active, [5, 4, 6, 10, 11],
            SessionCount: 6, Late: [(2, 10)], Unpaid: [(3, 11)]),
        new("Épargne des femmes de Ziguinchor", TontineType.Cumulative, TontineFrequency.Weekly, 1_500m, 0, TontineStatus.Draft, [2, 0, 9],
            SessionCount: 12, Penalty: LatePenaltyMode.None, PenaltyRate: 0m, PenaltyCap: null),
        new("Tontine mixte des pêcheurs de Joal", TontineType.Mixed, TontineFrequency.Biweekly, 5_000m, 3, TontineStatus.Active, [9, 3, 1, 11],
            SavingsPercent: 40, Order: PayoutOrderMethod.JoinDate, Late: [(3, 1)]),
        new("Tontine mixte des taxis de Cotonou", TontineType.Mixed, TontineFrequency.Monthly, 10_000m, 1, TontineStatus.Active, [10, 8, 6],
            SavingsPercent: 25, Order: PayoutOrderMethod.Random, Unpaid: [(1, 6)]),
        new("Tontine des jeunes de Yopougon", TontineType.Rotating, TontineFrequency.Monthly, 15_000m, 0, TontineStatus.Draft, [5, 4, 7]),
        new("Tontine solidaire de Kaolack", TontineType.Rotating, TontineFrequency.Weekly, 1_000m, 3, TontineStatus.Completed, [1, 0, 3],
            Late: [(2, 3)], EndedDaysAgo: 12),
        new("Tontine des boulangers de Ouagadougou", TontineType.Rotating, TontineFrequency.Daily, 500m, 2, TontineStatus.Suspended, [8, 6, 7, 10],
            GraceDays: 0, PenaltyRate: 50m, PenaltyCap: 500m, Unpaid: [(2, 10)]),
    ];

    private static readonly PaymentMethod[] Methods = [PaymentMethod.Wave, PaymentMethod.OrangeMoney, PaymentMethod.MtnMomo, PaymentMethod.MoovMoney, PaymentMethod.FreeMoney];

    /// <summary>Adds the demo tontines once (nothing when the first one exists or the demo accounts are missing).</summary>
    /// <returns>True when something was added.</returns>
    public static async Task<bool> AddAsync(GraphDbContext db, DemoAccounts accounts, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Tontines.AnyAsync(t => t.Name == Plans[0].Name, cancellationToken))
        {
            return false;
        }
        if (!db.Users.Local.Any(u => u.Email == "admin@graph.local") && !await db.Users.AnyAsync(u => u.Email == "admin@graph.local", cancellationToken))
        {
            return false;
        }
        var people = await PeopleAsync(db, accounts, now, cancellationToken);
        // The tontines' starts read their members back from the database: what is added so far is saved (in the seeder's
        // transaction, which commits or drops it all).
        await db.SaveChangesAsync(cancellationToken);

        var today = DateOnly.FromDateTime(now);
        foreach (var plan in Plans)
        {
            await AddTontineAsync(db, plan, people, today, now, cancellationToken);
        }
        await StartAccountsTontineAsync(db, today, now, cancellationToken);
        return true;
    }

    private static async Task<User[]> PeopleAsync(GraphDbContext db, DemoAccounts accounts, DateTime now, CancellationToken cancellationToken)
    {
        var emails = People.Select(p => p.Email).ToArray();
        var existing = await db.Users.Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, cancellationToken);
        return People.Select(p =>
        {
            if (existing.TryGetValue(p.Email, out var found))
            {
                return found;
            }
            var user = new User
            {
                Id = Guid.CreateVersion7(now),
                Email = p.Email,
                Phone = p.Phone,
                DisplayName = p.Name,
                PreferredLanguage = PreferredLanguage.Fr,
                CreatedAt = now,
                PasswordChangedAt = now,
                Roles = [],
            };
            user.Roles.Add(new UserRole { UserId = user.Id, Role = PlatformRole.Reader });
            user.PasswordHash = accounts.Hasher.HashPassword(user, accounts.Password);
            db.Users.Add(user);
            return user;
        }).ToArray();
    }

    /// <summary>One planned tontine: created, started on the day that puts <c>SessionsBehind</c> sessions in the past, then
    /// its contributions and passages played out up to the seeding day.</summary>
    private static async Task AddTontineAsync(GraphDbContext db, Plan plan, User[] people, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var members = plan.Members.Select(i => people[i]).ToArray();
        // Session SessionsBehind fell due EndedDaysAgo days ago, so the sessions before it are behind too; a draft starts
        // next month, and a tontine with nothing behind yet in three days.
        var start = plan.Target == TontineStatus.Draft ? today.AddMonths(1)
            : plan.SessionsBehind == 0 ? today.AddDays(3)
            : Back(today.AddDays(-plan.EndedDaysAgo), plan.Frequency, plan.SessionsBehind - 1);
        var created = ToTime(start.AddDays(-20));
        var tontine = new Tontine
        {
            Name = plan.Name,
            CreatedAt = created,
            UpdatedAt = created,
            Type = plan.Type,
            Frequency = plan.Frequency,
            Contribution = new Money(plan.Contribution, Currency.XOF),
            StartDate = start,
            MemberLimit = Math.Max(plan.Members.Length + 2, 6),
            GraceDays = plan.GraceDays,
            PenaltyMode = plan.Penalty,
            PenaltyRate = plan.PenaltyRate,
            PenaltyCap = plan.PenaltyCap,
            SavingsPercent = plan.SavingsPercent,
            SessionCount = plan.SessionCount,
            PayoutOrder = plan.Order,
        };
        db.Tontines.Add(tontine);
        for (var i = 0; i < members.Length; i++)
        {
            tontine.Members.Add(new TontineMember
            {
                TontineId = tontine.Id,
                UserId = members[i].Id,
                Role = i switch { 0 => TontineRole.President, 1 => TontineRole.Treasurer, _ => TontineRole.Member },
                JoinedAt = created.AddHours(i),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        if (plan.Target == TontineStatus.Draft)
        {
            return;
        }

        var sessions = await TontineStarter.StartAsync(db, tontine, created.AddDays(1), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var contributions = await db.TontineContributions.Where(c => c.TontineId == tontine.Id).ToListAsync(cancellationToken);
        var passages = await db.TontinePassages.Where(p => p.TontineId == tontine.Id).ToDictionaryAsync(p => p.SessionId!.Value, cancellationToken);
        var treasurer = members[1];
        var key = 0;
        foreach (var session in sessions)
        {
            var behind = session.DueDate < today;
            if (!behind)
            {
                // The next session is open and a few members paid ahead; later ones are scheduled.
                if (session.Number == sessions.First(s => s.DueDate >= today).Number && plan.Target != TontineStatus.Completed)
                {
                    session.Status = TontineSessionStatus.Open;
                    session.OpenedAt = ToTime(session.DueDate.AddDays(-3));
                    foreach (var member in members.Take(2))
                    {
                        Pay(db, tontine, session, contributions, member, treasurer.Id, ToTime(today.AddDays(-1)), today, ref key);
                    }
                }
                continue;
            }
            session.Status = TontineSessionStatus.Closed;
            session.OpenedAt = ToTime(session.DueDate.AddDays(-3));
            session.ClosedAt = ToTime(session.DueDate.AddDays(1));
            var allPaid = true;
            for (var m = 0; m < members.Length; m++)
            {
                if (plan.Unpaid?.Contains((session.Number, plan.Members[m])) == true)
                {
                    allPaid = false;
                    continue;
                }
                var late = plan.Late?.Contains((session.Number, plan.Members[m])) == true;
                var paidOn = late ? session.DueDate.AddDays(plan.GraceDays + 3) : session.DueDate.AddDays(-1);
                if (paidOn >= today)
                {
                    allPaid = false;
                    continue;
                }
                Pay(db, tontine, session, contributions, members[m], members[m].Id, ToTime(paidOn), paidOn, ref key);
            }
            if (allPaid && passages.TryGetValue(session.Id, out var passage))
            {
                var paidAt = ToTime(session.DueDate.AddDays(plan.GraceDays + 4));
                if (paidAt.Date >= now.Date)
                {
                    continue;
                }
                var beneficiary = members.Single(u => u.Id == passage.UserId);
                var payout = AddMoney(db, PaymentPurpose.TontinePayout, tontine, passage.Amount!.Value, payer: null, payee: beneficiary, treasurer.Id,
                    $"Versement de tontine, séance {session.Number}", ref key, paidAt);
                passage.Status = PassageStatus.Paid;
                passage.StartedAt = paidAt.AddHours(-1);
                passage.PaidAt = paidAt;
                passage.PaymentId = payout.Id;
                // The beneficiary confirms a day later, except the latest payout of an active tontine.
                var confirmedAt = paidAt.AddDays(1);
                if (confirmedAt < now && (plan.Target == TontineStatus.Completed || sessions.Any(s => s.Number == session.Number + 1 && s.DueDate < today)))
                {
                    passage.Status = PassageStatus.Confirmed;
                    passage.ConfirmedAt = confirmedAt;
                }
            }
        }

        // One waived fine: the first member left unpaid in a closed session was excused by the president.
        if (plan.Unpaid is [var excused, ..] && sessions.FirstOrDefault(s => s.Number == excused.Session) is { Status: TontineSessionStatus.Closed } closed
            && TontineMoney.Penalty(tontine, TontineMoney.DaysLate(tontine, closed.DueDate, today)) > 0)
        {
            var contribution = contributions.Single(c => c.SessionId == closed.Id && c.UserId == people[excused.Member].Id);
            contribution.PenaltyWaivedAt = ToTime(closed.DueDate.AddDays(plan.GraceDays + 1));
            contribution.PenaltyWaivedByUserId = members[0].Id;
            contribution.PenaltyWaiverReason = "Deuil dans la famille : la pénalité est levée, la cotisation reste due.";
        }

        tontine.Status = plan.Target;
        tontine.UpdatedAt = now;
        if (plan.Target == TontineStatus.Completed)
        {
            tontine.CompletedAt = now.AddHours(-2);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The accounts' tontine: started two days after its first due date; the reader's contribution is tied to
    /// the first session as paid, the author's as waiting for its payment, and the buyer has not paid yet.</summary>
    private static async Task StartAccountsTontineAsync(GraphDbContext db, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var tontine = await db.Tontines.SingleOrDefaultAsync(t => t.Name == DemoSeeder.DemoTontineName, cancellationToken);
        if (tontine is null || tontine.Status != TontineStatus.Draft)
        {
            return;
        }
        tontine.StartDate = today.AddDays(-2);
        tontine.GraceDays = 3;
        tontine.PenaltyMode = LatePenaltyMode.FixedPerDay;
        tontine.PenaltyRate = 100m;
        tontine.PenaltyCap = 1_000m;
        tontine.PayoutOrder = PayoutOrderMethod.Alphabetical;
        var sessions = await TontineStarter.StartAsync(db, tontine, now.AddDays(-10), cancellationToken);
        sessions[0].Status = TontineSessionStatus.Open;
        sessions[0].OpenedAt = now.AddDays(-5);
        await db.SaveChangesAsync(cancellationToken);
        var payments = await db.Payments.Where(p => p.TontineId == tontine.Id && p.Purpose == PaymentPurpose.TontineContribution).ToListAsync(cancellationToken);
        foreach (var payment in payments)
        {
            var userId = payment.PayerUserId!.Value;
            db.ContributionPayments.Add(new ContributionPayment
            {
                Id = Guid.CreateVersion7(payment.CreatedAt),
                TontineId = tontine.Id,
                SessionId = sessions[0].Id,
                UserId = userId,
                PaymentId = payment.Id,
                Amount = payment.Amount.Amount,
                Penalty = 0m,
                CreatedAt = payment.CreatedAt,
                SettledAt = payment.SettledAt,
            });
            if (payment.Status == PaymentStatus.Succeeded)
            {
                var contribution = await db.TontineContributions.SingleAsync(c => c.SessionId == sessions[0].Id && c.UserId == userId, cancellationToken);
                contribution.Received = contribution.Expected;
                contribution.PaidAt = payment.SettledAt;
            }
        }
    }

    /// <summary>A member's contribution to a session paid on <paramref name="paidOn"/>, with the fine of the day.</summary>
    private static void Pay(GraphDbContext db, Tontine tontine, TontineSession session, List<TontineContribution> contributions, User member, Guid initiator, DateTime at, DateOnly paidOn, ref int key)
    {
        var contribution = contributions.Single(c => c.SessionId == session.Id && c.UserId == member.Id);
        var fine = TontineMoney.Penalty(tontine, TontineMoney.DaysLate(tontine, session.DueDate, paidOn));
        var payment = AddMoney(db, PaymentPurpose.TontineContribution, tontine, contribution.Expected + fine, payer: member, payee: null, initiator,
            $"Cotisation de tontine, séance {session.Number}", ref key, at);
        db.ContributionPayments.Add(new ContributionPayment
        {
            Id = Guid.CreateVersion7(at),
            TontineId = tontine.Id,
            SessionId = session.Id,
            UserId = member.Id,
            PaymentId = payment.Id,
            Amount = contribution.Expected,
            Penalty = fine,
            CreatedAt = at,
            SettledAt = payment.SettledAt,
        });
        contribution.Received = contribution.Expected;
        contribution.PenaltyPaid = fine;
        contribution.PaidAt = payment.SettledAt;
    }

    private static Payment AddMoney(GraphDbContext db, PaymentPurpose purpose, Tontine tontine, decimal amount, User? payer, User? payee, Guid initiator, string description, ref int key, DateTime at)
    {
        var wallet = (payer ?? payee)!;
        var request = new PaymentRequest
        {
            Purpose = purpose,
            Method = Methods[key % Methods.Length],
            Amount = new Money(amount, tontine.Contribution.Currency),
            WalletNumber = wallet.Phone,
            PayerUserId = payer?.Id,
            PayeeUserId = payee?.Id,
            TontineId = tontine.Id,
            Description = description,
            IdempotencyKey = $"demo-tontine-{tontine.Id:N}-{key++}",
        };
        return DemoSeeder.AddPayment(db, request, initiator, at, PaymentStatus.Succeeded, $"DT{tontine.Id.ToString("N")[^8..]}{key:D4}");
    }

    private static DateOnly Back(DateOnly from, TontineFrequency frequency, int periods) => frequency switch
    {
        TontineFrequency.Daily => from.AddDays(-periods),
        TontineFrequency.Weekly => from.AddDays(-7 * periods),
        TontineFrequency.Biweekly => from.AddDays(-14 * periods),
        TontineFrequency.Monthly => from.AddMonths(-periods),
        TontineFrequency.Quarterly => from.AddMonths(-3 * periods),
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown frequency."),
    };

    private static DateTime ToTime(DateOnly day) => day.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
}
