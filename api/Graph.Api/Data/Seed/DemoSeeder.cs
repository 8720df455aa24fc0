using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data.Seed;

/// <summary>
/// Demo data for a new installation: a small catalog of West African literature and, on a developer's machine, one
/// account per platform role (<see cref="DemoAccounts"/>) and a tontine of some of them (<see cref="DemoTontineName"/>).
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
        var added = !await db.Authors.AnyAsync(cancellationToken) && AddCatalog(db, now);
        if (accounts is not null)
        {
            added |= await AddAccountsAsync(db, accounts, now, cancellationToken);
            added |= await AddTontineAsync(db, now, cancellationToken);
        }
        if (!added)
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static bool AddCatalog(GraphDbContext db, DateTime now)
    {
        foreach (var (name, country, biography, books) in Catalog)
        {
            var author = new Author { Name = name, CountryCode = country, Biography = biography, CreatedAt = now };
            foreach (var (title, isbn, language, price, published) in books)
            {
                author.Books.Add(new Book
                {
                    Title = title,
                    Isbn = isbn,
                    Language = language,
                    Price = price,
                    PublishedOn = published,
                    CreatedAt = now,
                });
            }
            db.Authors.Add(author);
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
