using Graph.Api.Catalog;
using Graph.Api.Common;

namespace Graph.Api.Data.Seed;

/// <summary>
/// The demo catalogue's shelves and the large library of the full demo: categories (a tree, named in four languages),
/// publishers, and a few hundred books by West African authors (invented, with invented books) and international
/// classics of the public domain, in French, English, Wolof and Arabic. Made by a fixed-seed generator: the same
/// catalogue on every machine.
/// </summary>
internal static class DemoLibrary
{
    /// <summary>The categories, by slug: (slug, parent slug, French name, English, Wolof, Arabic).</summary>
    private static readonly (string Slug, string? Parent, string Fr, string En, string? Wo, string Ar)[] Shelves =
    [
        ("litterature", null, "Littérature", "Literature", "Njàngum téere", "الأدب"),
        ("romans", "litterature", "Romans", "Novels", null, "روايات"),
        ("nouvelles", "litterature", "Nouvelles", "Short stories", null, "قصص قصيرة"),
        ("poesie", "litterature", "Poésie", "Poetry", "Woy", "شعر"),
        ("classiques", "litterature", "Classiques", "Classics", null, "كلاسيكيات"),
        ("jeunesse", null, "Jeunesse", "Children", "Xale yi", "الأطفال"),
        ("contes", "jeunesse", "Contes", "Tales", "Léeb", "حكايات"),
        ("essais", null, "Essais et savoirs", "Essays and knowledge", null, "مقالات ومعارف"),
        ("economie", "essais", "Économie et argent", "Economics and money", "Koom", "الاقتصاد والمال"),
        ("histoire", "essais", "Histoire", "History", "Cosaan", "التاريخ"),
        ("agriculture", "essais", "Agriculture", "Farming", "Mbay", "الزراعة"),
    ];

    private static readonly (string Name, string Country, string? Website)[] Houses =
    [
        ("Éditions du Fleuve", "SN", "https://editions-du-fleuve.example"),
        ("Nouvelles Éditions de la Lagune", "CI", null),
        ("Presses du Sahel", "ML", null),
        ("Maison Teranga", "SN", "https://teranga.example"),
        ("Golfe Éditions", "BJ", null),
        ("Cape Coast Press", "GH", null),
        ("Domaine public", "FR", null),
    ];

    /// <summary>Adds the shelves and publishers, and files the core books (already added to <paramref name="db"/>).</summary>
    public static (Dictionary<string, Category> Shelves, List<Publisher> Houses) AddShelves(GraphDbContext db, DateTime now)
    {
        var shelves = new Dictionary<string, Category>(StringComparer.Ordinal);
        var position = 0;
        foreach (var (slug, parent, fr, en, wo, ar) in Shelves)
        {
            var names = new Dictionary<string, string> { ["en"] = en, ["ar"] = ar };
            if (wo is not null)
            {
                names["wo"] = wo;
            }
            var category = new Category
            {
                Id = Guid.CreateVersion7(now),
                Slug = slug,
                Name = fr,
                Names = names,
                ParentId = parent is null ? null : shelves[parent].Id,
                Position = position++,
                CreatedAt = now,
            };
            shelves[slug] = category;
            db.Categories.Add(category);
        }
        var houses = Houses.Select(h => new Publisher { Id = Guid.CreateVersion7(now), Name = h.Name, CountryCode = h.Country, Website = h.Website, CreatedAt = now }).ToList();
        db.Publishers.AddRange(houses);
        return (shelves, houses);
    }

    /// <summary>Files a core book under a shelf.</summary>
    public static void File(Book book, Category shelf) => book.CategoryLinks.Add(new BookCategory { BookId = book.Id, CategoryId = shelf.Id });

    private static readonly (string Name, string Country)[] Writers =
    [
        ("Awa Sarr", "SN"), ("Ibrahima Fall", "SN"), ("Mariama Ba Sow", "SN"), ("Cheikh Gueye", "SN"), ("Ndeye Fatou Diop", "SN"),
        ("Oumar Sy", "SN"), ("Adjoua Kouassi", "CI"), ("Yao N'Guessan", "CI"), ("Aya Konan", "CI"), ("Serge Bamba", "CI"),
        ("Mamadou Traoré", "ML"), ("Oumou Coulibaly", "ML"), ("Boubacar Maïga", "ML"), ("Salif Ouédraogo", "BF"),
        ("Rasmata Kaboré", "BF"), ("Koffi Agbodjan", "TG"), ("Edem Amegan", "TG"), ("Chidinma Okafor", "NG"),
        ("Tunde Adeyemi", "NG"), ("Kwame Boateng", "GH"), ("Ama Owusu", "GH"), ("Sidi Ould Ahmed", "MR"),
        ("Mariem Mint Salem", "MR"), ("Halimatou Barry", "GN"), ("Alpha Condé Bah", "GN"), ("Hamani Issoufou", "NE"),
        ("Sènami Hounkpè", "BJ"), ("Fanta Camara", "GN"), ("Lamine Sané", "GM"), ("Ousmane Baldé", "GW"),
    ];

    private static readonly string[] Places = ["Dakar", "Saint-Louis", "Ziguinchor", "Abidjan", "Bouaké", "Bamako", "Tombouctou", "Ouagadougou", "Lomé", "Cotonou", "Kumasi", "Nouakchott", "Conakry", "Niamey", "Kaolack", "Ségou", "Korhogo", "Porto-Novo"];

    private static readonly string[] FrenchPatterns =
    [
        "Le Baobab de {0}", "Les Enfants de {0}", "La Saison des pluies à {0}", "Chroniques de {0}", "Le Marché de {0}",
        "Une nuit à {0}", "Les Pêcheurs de {0}", "La Tontine de {0}", "Le Griot de {0}", "Les Lettres de {0}",
        "Le Dernier Train pour {0}", "Sous le fromager de {0}", "La Couturière de {0}", "Le Fleuve et {0}",
    ];

    private static readonly string[] EnglishPatterns =
    [
        "The Rains of {0}", "A Market Day in {0}", "Letters from {0}", "The Fishermen of {0}", "Harmattan over {0}",
        "The Savings Circle of {0}", "Children of {0}", "The Last Bus to {0}",
    ];

    private static readonly string[] WolofPatterns = ["Léebu {0}", "Jàmm ci {0}", "Xale yi ci {0}", "Yoonu {0}", "Teraangay {0}"];

    private static readonly string[] ArabicPatterns = ["حكايات من {0}", "أيام في {0}", "رسائل من {0}", "ليالي {0}"];

    private static readonly Dictionary<string, string> ArabicPlaces = new()
    {
        ["Dakar"] = "داكار", ["Tombouctou"] = "تمبكتو", ["Nouakchott"] = "نواكشوط", ["Bamako"] = "باماكو", ["Saint-Louis"] = "سان لويس", ["Niamey"] = "نيامي",
    };

    private static readonly (string Author, string Country, string Language, string Shelf, string[] Titles)[] Classics =
    [
        ("Victor Hugo", "FR", "fr", "classiques", ["Les Misérables", "Notre-Dame de Paris", "Les Contemplations", "Quatrevingt-treize", "Les Travailleurs de la mer"]),
        ("Jules Verne", "FR", "fr", "classiques", ["Le Tour du monde en quatre-vingts jours", "Vingt mille lieues sous les mers", "Cinq semaines en ballon", "L'Île mystérieuse", "Michel Strogoff"]),
        ("Alexandre Dumas", "FR", "fr", "classiques", ["Les Trois Mousquetaires", "Le Comte de Monte-Cristo", "La Reine Margot", "Vingt ans après"]),
        ("Guy de Maupassant", "FR", "fr", "nouvelles", ["Bel-Ami", "Boule de suif", "Le Horla", "Une vie", "Contes de la bécasse"]),
        ("Émile Zola", "FR", "fr", "classiques", ["Germinal", "L'Assommoir", "Au Bonheur des Dames", "La Terre"]),
        ("Jean de La Fontaine", "FR", "fr", "contes", ["Fables, livre premier", "Fables, livre deuxième", "Contes et nouvelles en vers"]),
        ("Charles Dickens", "GB", "en", "classiques", ["Great Expectations", "Oliver Twist", "A Christmas Carol", "Hard Times", "A Tale of Two Cities"]),
        ("Jane Austen", "GB", "en", "classiques", ["Pride and Prejudice", "Sense and Sensibility", "Emma", "Persuasion"]),
        ("Mark Twain", "US", "en", "classiques", ["Adventures of Huckleberry Finn", "The Adventures of Tom Sawyer", "Life on the Mississippi"]),
        ("Arthur Conan Doyle", "GB", "en", "romans", ["A Study in Scarlet", "The Sign of the Four", "The Hound of the Baskervilles", "The Lost World"]),
        ("Ibn Khaldoun", "TN", "ar", "histoire", ["المقدمة", "كتاب العبر"]),
        ("Ibn Battuta", "MA", "ar", "histoire", ["تحفة النظار في غرائب الأمصار"]),
        ("Al-Jahiz", "IQ", "ar", "essais", ["كتاب البخلاء", "كتاب الحيوان", "البيان والتبيين"]),
        ("Khalil Gibran", "LB", "en", "poesie", ["The Prophet", "The Madman", "Sand and Foam"]),
    ];

    private static readonly string[] FrenchBlurbs =
    [
        "Un récit lumineux sur la famille, l'argent et la dignité, au fil d'une année à {0}.",
        "Entre marchés, tontines et pirogues, un portrait tendre et lucide de {0}.",
        "Une histoire de transmission, racontée par trois générations de femmes de {0}.",
        "Un roman d'apprentissage où la ville de {0} devient un personnage à part entière.",
    ];

    private static readonly string[] EnglishBlurbs =
    [
        "A warm, sharp novel about family, money and pride over one year in {0}.",
        "Three generations of women in {0} tell the story of what they saved and what they lost.",
    ];

    /// <summary>Adds the library: about three hundred books with their authors, filed and published.</summary>
    public static void AddLibrary(GraphDbContext db, DateTime now, Dictionary<string, Category> shelves, List<Publisher> houses)
    {
        var random = new Random(2026);
        var isbn = 0;
        string NextIsbn()
        {
            var twelve = $"97910{++isbn:0000000}";
            return twelve + Isbn.CheckDigit(twelve);
        }
        Money Price(string language) => random.Next(10) switch
        {
            < 7 => new Money(1500m + 500m * random.Next(10), Currency.XOF),
            < 9 => new Money(4.99m + random.Next(8), Currency.EUR),
            _ => new Money(5.99m + random.Next(8), Currency.USD),
        };
        var africanHouses = houses.Where(h => h.Name != "Domaine public").ToList();
        var modernShelves = new[] { "romans", "romans", "romans", "nouvelles", "poesie", "contes", "economie", "histoire", "agriculture" };

        foreach (var (name, country) in Writers)
        {
            var author = new Author
            {
                Id = Guid.CreateVersion7(now),
                Name = name,
                CountryCode = country,
                Biography = $"Née ou né à {Places[random.Next(Places.Length)]}, {name} écrit sur la vie quotidienne de l'Afrique de l'Ouest.",
                Biographies = new Dictionary<string, string> { ["en"] = $"{name} writes about everyday life in West Africa." },
                CreatedAt = now,
            };
            db.Authors.Add(author);
            var count = 6 + random.Next(5);
            for (var i = 0; i < count; i++)
            {
                var place = Places[random.Next(Places.Length)];
                var roll = random.Next(20);
                var (language, title) = roll switch
                {
                    < 12 => ("fr", string.Format(FrenchPatterns[random.Next(FrenchPatterns.Length)], place)),
                    < 16 => ("en", string.Format(EnglishPatterns[random.Next(EnglishPatterns.Length)], place)),
                    < 18 => ("wo", string.Format(WolofPatterns[random.Next(WolofPatterns.Length)], place)),
                    _ => ArabicPlaces.TryGetValue(place, out var arabic)
                        ? ("ar", string.Format(ArabicPatterns[random.Next(ArabicPatterns.Length)], arabic))
                        : ("fr", string.Format(FrenchPatterns[random.Next(FrenchPatterns.Length)], place)),
                };
                if (i > 0 && random.Next(4) == 0)
                {
                    title += language == "en" ? $", volume {i + 1}" : language == "fr" ? $", tome {i + 1}" : $" {i + 1}";
                }
                var translations = new Dictionary<string, BookText>();
                if (language != "fr" && random.Next(2) == 0)
                {
                    translations["fr"] = new BookText(string.Format(FrenchPatterns[random.Next(FrenchPatterns.Length)], place), string.Format(FrenchBlurbs[random.Next(FrenchBlurbs.Length)], place));
                }
                if (language == "fr" && random.Next(3) == 0)
                {
                    translations["en"] = new BookText(string.Format(EnglishPatterns[random.Next(EnglishPatterns.Length)], place), string.Format(EnglishBlurbs[random.Next(EnglishBlurbs.Length)], place));
                }
                var book = NewBook(author, title, language, Price(language), NextIsbn(), now, random);
                book.Description = language switch
                {
                    "fr" => string.Format(FrenchBlurbs[random.Next(FrenchBlurbs.Length)], place),
                    "en" => string.Format(EnglishBlurbs[random.Next(EnglishBlurbs.Length)], place),
                    _ => null,
                };
                book.Translations = translations;
                book.PublisherId = africanHouses[random.Next(africanHouses.Count)].Id;
                book.Status = random.Next(25) == 0 ? BookStatus.Draft : random.Next(40) == 0 ? BookStatus.Withdrawn : BookStatus.Published;
                File(book, shelves[language == "wo" && random.Next(2) == 0 ? "contes" : modernShelves[random.Next(modernShelves.Length)]]);
                db.Books.Add(book);
            }
        }

        var publicDomain = houses.Single(h => h.Name == "Domaine public");
        foreach (var (name, country, language, shelf, titles) in Classics)
        {
            var author = new Author { Id = Guid.CreateVersion7(now), Name = name, CountryCode = country, CreatedAt = now };
            db.Authors.Add(author);
            foreach (var title in titles)
            {
                var book = NewBook(author, title, language, language == "en" ? new Money(2.99m, Currency.USD) : new Money(1000m, Currency.XOF), NextIsbn(), now, random);
                book.PublisherId = publicDomain.Id;
                book.Formats = [BookFormat.Epub, BookFormat.Pdf];
                File(book, shelves[shelf]);
                db.Books.Add(book);
            }
        }
    }

    private static Book NewBook(Author author, string title, string language, Money price, string isbn, DateTime now, Random random) => new()
    {
        Id = Guid.CreateVersion7(now),
        Title = title,
        AuthorId = author.Id,
        Language = language,
        Price = price,
        Isbn = isbn,
        PublishedOn = new DateOnly(1990 + random.Next(36), 1 + random.Next(12), 1 + random.Next(28)),
        PageCount = 80 + random.Next(400),
        Formats = random.Next(5) == 0 ? [BookFormat.Epub, BookFormat.Audio] : [BookFormat.Epub],
        CreatedAt = now,
        UpdatedAt = now,
    };
}
