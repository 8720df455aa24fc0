using Graph.Api.Billing;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data.Seed;

/// <summary>
/// Demo data for a new installation: a small catalog of West African literature and, on a developer's machine, one
/// account per platform role (<see cref="DemoAccounts"/>), a tontine of some of them (<see cref="DemoTontineName"/>) and
/// a few payments of theirs (settled ones with their ledger postings, one pending, one failed).
/// Fictional people and titles. The catalog is added to a database that has none, each account when no user has its
/// email address, the tontine when none has its name, in one transaction, so running it twice changes nothing.
/// </summary>
/// <remarks>The `seed` verb refuses to run in Production, and adds the accounts in Development only (see CommandLine).</remarks>
public static class DemoSeeder
{
    /// <summary>Takes the transaction-scoped advisory lock that serialises seeders; its key is "GraphSed" in ASCII (0x4772617068536564).</summary>
    private const string LockSql = "SELECT pg_advisory_xact_lock(5148284459452425572)";

    /// <summary>The demo tontine: the reader is its president, the buyer its treasurer and the author a member.</summary>
    public const string DemoTontineName = "Tontine des commerçantes de Sandaga";

    /// <summary>Seeds the catalog only.</summary>
    /// <returns>True when data was added; false when the database already held it.</returns>
    public static Task<bool> SeedAsync(GraphDbContext db, TimeProvider clock, CancellationToken cancellationToken = default) =>
        SeedAsync(db, clock, accounts: null, cancellationToken);

    /// <summary>Seeds the catalog and, when <paramref name="accounts"/> is given, the demo accounts.</summary>
    /// <returns>True when data was added; false when the database already held it all.</returns>
    public static async Task<bool> SeedAsync(GraphDbContext db, TimeProvider clock, DemoAccounts? accounts, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two seeders started together would both find the database empty; the second waits here until the
        // first commits (the lock is released with its transaction), then finds the data and adds nothing.
        await db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var emptyCatalog = !await db.Authors.AnyAsync(cancellationToken);
        var added = emptyCatalog && AddCatalog(db, now, accounts is not null);
        if (accounts is not null)
        {
            added |= await AddAccountsAsync(db, accounts, now, cancellationToken);
            added |= await AddTontineAsync(db, now, cancellationToken);
            added |= await AddPaymentsAsync(db, now, cancellationToken);
            added |= await DemoReading.AddAsync(db, now, cancellationToken);
            added |= await DemoRoyalties.AddAsync(db, now, cancellationToken);
            added |= await DemoTontines.AddAsync(db, accounts, now, cancellationToken);
            added |= await DemoDeliveries.AddAsync(db, now, cancellationToken);
        }
        if (!added)
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The core catalogue (a few books the tests know by name) on its shelves; with <paramref name="library"/>, the
    /// full demo's few hundred books too.</summary>
    private static bool AddCatalog(GraphDbContext db, DateTime now, bool library)
    {
        var (shelves, houses) = DemoLibrary.AddShelves(db, now);
        foreach (var (name, country, biography, books) in Catalog)
        {
            var author = new Author { Name = name, CountryCode = country, Biography = biography, CreatedAt = now };
            foreach (var (title, isbn, language, price, published) in books)
            {
                var book = new Book
                {
                    Id = Guid.CreateVersion7(now),
                    Title = title,
                    Isbn = isbn,
                    Language = language,
                    Price = price,
                    PublishedOn = published,
                    PublisherId = houses[0].Id,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                DemoLibrary.File(book, shelves[language == "wo" ? "contes" : "romans"]);
                author.Books.Add(book);
            }
            db.Authors.Add(author);
        }
        if (library)
        {
            DemoLibrary.AddLibrary(db, now, shelves, houses);
        }
        return true;
    }

    private static async Task<bool> AddAccountsAsync(GraphDbContext db, DemoAccounts accounts, DateTime now, CancellationToken cancellationToken)
    {
        var emails = DemoAccounts.All.Select(a => a.Email).ToList();
        var existing = await db.Users.Where(u => emails.Contains(u.Email!)).Select(u => u.Email!).ToListAsync(cancellationToken);
        var added = false;
        foreach (var (email, displayName, role, language) in DemoAccounts.All.Where(a => !existing.Contains(a.Email)))
        {
            var user = new User
            {
                Id = Guid.CreateVersion7(),
                Email = email,
                DisplayName = displayName,
                PreferredLanguage = language,
                CreatedAt = now,
                PasswordChangedAt = now,
                Roles = [],
            };
            user.Roles.Add(new UserRole { UserId = user.Id, Role = role });
            user.PasswordHash = accounts.Hasher.HashPassword(user, accounts.Password);
            db.Users.Add(user);
            added = true;
        }
        return added;
    }

    private static async Task<bool> AddTontineAsync(GraphDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Tontines.AnyAsync(t => t.Name == DemoTontineName, cancellationToken))
        {
            return false;
        }
        (string Email, TontineRole Role)[] members =
        [
            ("reader@graph.local", TontineRole.President),
            ("buyer@graph.local", TontineRole.Treasurer),
            ("author@graph.local", TontineRole.Member),
        ];
        var emails = members.Select(m => m.Email).ToList();
        // The accounts are in the database, or were added to this context a moment ago and are not saved yet.
        var users = (await db.Users.Where(u => emails.Contains(u.Email!)).ToListAsync(cancellationToken))
            .Concat(db.Users.Local.Where(u => emails.Contains(u.Email!)))
            .DistinctBy(u => u.Id)
            .ToDictionary(u => u.Email!);
        if (!emails.All(users.ContainsKey))
        {
            return false;
        }
        var tontine = new Tontine { Name = DemoTontineName, CreatedAt = now };
        db.Tontines.Add(tontine);
        foreach (var (email, role) in members)
        {
            tontine.Members.Add(new TontineMember { TontineId = tontine.Id, UserId = users[email].Id, Role = role, JoinedAt = now });
        }
        return true;
    }

    /// <summary>
    /// A few payments of the demo accounts, as the payments module leaves them: the reader's contribution to the demo
    /// tontine and a book, SUCCEEDED with their postings; the author's contribution, PENDING; the reader's subscription,
    /// FAILED for insufficient funds. Added once, when there is no payment yet and the tontine and the accounts exist.
    /// </summary>
    private static async Task<bool> AddPaymentsAsync(GraphDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Payments.AnyAsync(cancellationToken))
        {
            return false;
        }
        var tontine = db.Tontines.Local.FirstOrDefault(t => t.Name == DemoTontineName)
            ?? await db.Tontines.FirstOrDefaultAsync(t => t.Name == DemoTontineName, cancellationToken);
        var emails = new[] { "reader@graph.local", "author@graph.local" };
        var users = (await db.Users.Where(u => emails.Contains(u.Email!)).ToListAsync(cancellationToken))
            .Concat(db.Users.Local.Where(u => emails.Contains(u.Email!)))
            .DistinctBy(u => u.Id)
            .ToDictionary(u => u.Email!, u => u.Id);
        var book = db.Books.Local.OrderBy(b => b.Title, StringComparer.Ordinal).FirstOrDefault()
            ?? await db.Books.OrderBy(b => b.Title).FirstOrDefaultAsync(cancellationToken);
        if (tontine is null || book is null || !emails.All(users.ContainsKey))
        {
            return false;
        }
        var reader = users["reader@graph.local"];
        var author = users["author@graph.local"];
        var day = TimeSpan.FromDays(1);

        AddPayment(db, new PaymentRequest
        {
            Purpose = PaymentPurpose.TontineContribution, Method = PaymentMethod.Wave, Amount = new Money(10_000m, Currency.XOF),
            WalletNumber = "+221771000010", PayerUserId = reader, TontineId = tontine.Id, Description = "Cotisation de novembre",
            IdempotencyKey = "demo-contribution-reader",
        }, reader, now - 3 * day, PaymentStatus.Succeeded, "T_4481902277");
        AddPayment(db, new PaymentRequest
        {
            Purpose = PaymentPurpose.BookPurchase, Method = PaymentMethod.OrangeMoney, Amount = book.Price, WalletNumber = "+221771000010",
            PayerUserId = reader, BookId = book.Id, RoyaltyAuthorId = db.Authors.Local.FirstOrDefault(a => a.Books.Contains(book))?.Id ?? book.AuthorId, RoyaltyRate = 0.70m,
            Description = $"Ebook « {book.Title} »", IdempotencyKey = "demo-book-reader",
        }, reader, now - 2 * day, PaymentStatus.Succeeded, "MP2611200417");
        // The purchase settled: the reader owns the book and has its invoice, as Billing's settlement handler would have it.
        var purchase = db.Payments.Local.Single(p => p.IdempotencyKey == "demo-book-reader");
        db.BookOwnerships.Add(new BookOwnership { Id = Guid.CreateVersion7(now), UserId = reader, BookId = book.Id, PaymentId = purchase.Id, AcquiredAt = purchase.SettledAt!.Value });
        await InvoiceIssuer.IssueAsync(db, purchase, purchase.Description, purchase.SettledAt.Value, cancellationToken);
        AddPayment(db, new PaymentRequest
        {
            Purpose = PaymentPurpose.TontineContribution, Method = PaymentMethod.MtnMomo, Amount = new Money(10_000m, Currency.XOF),
            WalletNumber = "+2290197000020", PayerUserId = author, TontineId = tontine.Id, Description = "Cotisation de novembre",
            IdempotencyKey = "demo-contribution-author",
        }, author, now - TimeSpan.FromMinutes(5), PaymentStatus.Pending, null);
        AddPayment(db, new PaymentRequest
        {
            Purpose = PaymentPurpose.Subscription, Method = PaymentMethod.OrangeMoney, Amount = new Money(2_500m, Currency.XOF),
            WalletNumber = "+221771000001", PayerUserId = reader, Description = "Abonnement Coko, 1 mois",
            IdempotencyKey = "demo-subscription-reader",
        }, reader, now - day, PaymentStatus.Failed, "MP2611210093");
        return true;
    }

    /// <summary>A payment created at <paramref name="at"/> and moved to <paramref name="status"/> (through PENDING), with its
    /// history and, for a success, its posting.</summary>
    internal static Payment AddPayment(GraphDbContext db, PaymentRequest request, Guid initiator, DateTime at, PaymentStatus status, string? reference)
    {
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(at),
            Purpose = request.Purpose,
            Method = request.Method,
            Status = status,
            Amount = request.Amount,
            SettlementCurrency = request.Amount.Currency,
            PayerUserId = request.PayerUserId,
            PayeeUserId = request.PayeeUserId,
            WalletNumber = request.WalletNumber,
            TontineId = request.TontineId,
            BookId = request.BookId,
            RoyaltyAuthorId = request.RoyaltyAuthorId,
            RoyaltyRate = request.RoyaltyRate,
            Description = request.Description,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = request.Hash(),
            InitiatedByUserId = initiator,
            ProviderReference = reference,
            FailureReason = status == PaymentStatus.Failed ? PaymentFailureReason.InsufficientFunds : null,
            FailureMessage = status == PaymentStatus.Failed ? "Insufficient balance." : null,
            CreatedAt = at,
            UpdatedAt = at + TimeSpan.FromSeconds(40),
            ExpiresAt = at + TimeSpan.FromMinutes(15),
            SettledAt = status == PaymentStatus.Succeeded ? at + TimeSpan.FromSeconds(40) : null,
        };
        PaymentStatus[] path = status == PaymentStatus.Pending
            ? [PaymentStatus.Initiated, PaymentStatus.Pending]
            : [PaymentStatus.Initiated, PaymentStatus.Pending, status];
        PaymentStatus? from = null;
        for (var i = 0; i < path.Length; i++)
        {
            payment.History.Add(new PaymentStatusChange
            {
                PaymentId = payment.Id,
                From = from,
                To = path[i],
                Source = i == 0 ? PaymentEventSource.Api : i == 1 ? PaymentEventSource.Provider : PaymentEventSource.Callback,
                Reason = path[i] == PaymentStatus.Failed ? PaymentFailureReason.InsufficientFunds : null,
                ActorUserId = i == 0 ? initiator : null,
                At = at + TimeSpan.FromSeconds(20 * i),
            });
            from = path[i];
        }
        db.Payments.Add(payment);
        if (status == PaymentStatus.Succeeded)
        {
            db.LedgerPostings.Add(LedgerPoster.Settlement(payment, payment.SettledAt!.Value));
        }
        return payment;
    }

    private static readonly (string Name, string Country, string Biography, (string Title, string? Isbn, string Language, Money Price, DateOnly? Published)[] Books)[] Catalog =
    [
        ("Aminata Diallo", "SN", "Romancière dakaroise, chroniqueuse des marchés de la Médina.",
        [
            ("Les Pirogues de Soumbédioune", "9782000000011", "fr", new Money(3500m, Currency.XOF), new DateOnly(2019, 3, 14)),
            ("Le Thé de trois heures", "9782000000028", "fr", new Money(2500m, Currency.XOF), new DateOnly(2022, 9, 1)),
        ]),
        ("Kouadio Yao", "CI", "Ancien planteur de Soubré, il raconte la vie des coopératives de cacao.",
        [
            ("Cabosses", "9782000000035", "fr", new Money(4000m, Currency.XOF), new DateOnly(2020, 11, 5)),
            ("Harvest Season", "9782000000042", "en", new Money(7.99m, Currency.EUR), new DateOnly(2023, 2, 20)),
        ]),
        ("Fatoumata Keïta", "ML", "Poétesse de Ségou; ses textes sont lus dans les écoles du Mali.",
        [
            ("Le Fleuve et la Tontine", "9782000000059", "fr", new Money(3000m, Currency.XOF), new DateOnly(2018, 6, 30)),
        ]),
        ("Moussa Ndiaye", "SN", "Conteur wolof, auteur de livres pour enfants.",
        [
            ("Leuk ak Bouki", null, "wo", new Money(1500m, Currency.XOF), new DateOnly(2021, 4, 10)),
            ("The Hare's Tontine", "9782000000066", "en", new Money(4.50m, Currency.USD), null),
        ]),
        ("Afi Mensah", "BJ", "Économiste à Cotonou, elle écrit sur l'argent mobile et l'épargne.",
        [
            ("L'Argent qui voyage", "9782000000073", "fr", new Money(5000m, Currency.XOF), new DateOnly(2024, 1, 15)),
        ]),
    ];
}
