extern alias GraphApi;

using GraphApi::Graph.Api.Catalog;
using GraphApi::Graph.Api.Common;
using GraphApi::Graph.Api.Data;

namespace Graph.Benchmarks.Data;

/// <summary>
/// A deterministic catalog for the database path benchmark: <c>authors</c> authors and <c>books</c> books spread over
/// them, with French titles (accents, apostrophes), a few titles shared by several books (so the order needs its
/// tie-breaker, the id), fixed ids and dates. The same arguments always give the same rows.
/// </summary>
internal static class BenchmarkCatalog
{
    private static readonly string[] Openings = ["Le Chant", "La Route", "Les Enfants", "L'Ombre", "Le Marché", "La Saison", "Les Pirogues", "Le Thé", "La Lettre", "Le Fleuve"];
    private static readonly string[] Places = ["de Ségou", "du Sahel", "de Soubré", "de la Médina", "d'Abidjan", "de Cotonou", "du Niger", "de Gorée", "des Cabosses", "de l'Harmattan"];
    private static readonly string[] FirstNames = ["Aminata", "Kouadio", "Fatoumata", "Moussa", "Afi", "Ousmane", "Mariam", "Kofi", "Adjoa", "Sékou"];
    private static readonly string[] LastNames = ["Diallo", "Yao", "Keïta", "Ndiaye", "Mensah", "Traoré", "Coulibaly", "Boateng", "Sow", "Touré"];
    private static readonly string[] Countries = ["SN", "CI", "ML", "BJ", "GH", "BF", "NE", "TG"];

    public static async Task SeedAsync(GraphDbContext db, int authorCount, int bookCount, CancellationToken cancellationToken = default)
    {
        var created = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(20_261_121);
        var authors = new List<Author>(authorCount);
        for (var i = 0; i < authorCount; i++)
        {
            var author = new Author
            {
                Id = FixedId(1, i),
                Name = $"{FirstNames[i % FirstNames.Length]} {LastNames[i / FirstNames.Length % LastNames.Length]}{(i >= 100 ? $" {i / 100}" : "")}",
                CountryCode = Countries[i % Countries.Length],
                Biography = "Auteur du catalogue de démonstration des mesures.",
                CreatedAt = created,
            };
            authors.Add(author);
            db.Authors.Add(author);
        }
        var title = "";
        for (var i = 0; i < bookCount; i++)
        {
            // One title in ten is the title of the book before it.
            if (i % 10 != 9)
            {
                title = $"{Openings[random.Next(Openings.Length)]} {Places[random.Next(Places.Length)]}, tome {i + 1}";
            }
            var xof = i % 3 != 0;
            db.Books.Add(new Book
            {
                Id = FixedId(2, i),
                Title = title,
                Isbn = i % 7 == 0 ? null : $"978{i:0000000000}",
                Language = i % 4 == 0 ? "en" : "fr",
                Price = xof ? new Money(500 * (1 + random.Next(20)), Currency.XOF) : new Money(random.Next(100, 2000) / 100m, Currency.EUR),
                PublishedOn = new DateOnly(2000 + i % 25, 1 + i % 12, 1 + i % 28),
                AuthorId = authors[random.Next(authors.Count)].Id,
                CreatedAt = created,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A UUID version 7 made of a kind and a number, so that ids are the same on every run.</summary>
    private static Guid FixedId(int kind, int number) => Guid.Parse($"01900000-0000-7000-8{kind:x3}-{number:x12}");
}
