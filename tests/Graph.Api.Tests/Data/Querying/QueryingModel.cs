using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Data.Querying;

// A small model of its own for the data features (paging, filtering, sorting, projection): every kind of column the
// graph will have (text, numbers, decimals, enums, booleans, dates, nullable values, arrays) and both kinds of
// navigation (a reference and a collection), on a real PostgreSQL database created for the test class.

public enum TitleFormat
{
    Epub,
    Pdf,
    Audio,
}

/// <summary>A writer with titles.</summary>
public sealed class Writer
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string Country { get; set; }

    public DateOnly? BornOn { get; set; }

    public List<Title> Titles { get; set; } = [];
}

/// <summary>A title written by one writer.</summary>
public sealed class Title
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public int Pages { get; set; }

    public decimal Price { get; set; }

    public TitleFormat Format { get; set; }

    public bool InPrint { get; set; }

    public DateTime PublishedAt { get; set; }

    /// <summary>Readers' rating from 1 to 5, when rated.</summary>
    public int? Rating { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>Always projected: resolvers of other fields (the writer through a DataLoader) need it.</summary>
    [Graph.GraphQL.Data.IsProjected(true)]
    public int WriterId { get; set; }

    public Writer? Writer { get; set; }
}

public sealed class QueryingDbContext(DbContextOptions<QueryingDbContext> options) : DbContext(options)
{
    public DbSet<Writer> Writers => Set<Writer>();

    public DbSet<Title> Titles => Set<Title>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Writer>(w =>
        {
            w.ToTable("writers");
            w.Property(x => x.Id).HasColumnName("id");
            w.Property(x => x.Name).HasColumnName("name");
            w.Property(x => x.Country).HasColumnName("country");
            w.Property(x => x.BornOn).HasColumnName("born_on");
        });
        modelBuilder.Entity<Title>(t =>
        {
            t.ToTable("titles");
            t.Property(x => x.Id).HasColumnName("id");
            t.Property(x => x.Name).HasColumnName("name");
            t.Property(x => x.Pages).HasColumnName("pages");
            t.Property(x => x.Price).HasColumnName("price").HasPrecision(12, 2);
            t.Property(x => x.Format).HasColumnName("format").HasConversion<string>();
            t.Property(x => x.InPrint).HasColumnName("in_print");
            t.Property(x => x.PublishedAt).HasColumnName("published_at").HasColumnType("timestamp with time zone");
            t.Property(x => x.Rating).HasColumnName("rating");
            t.Property(x => x.Tags).HasColumnName("tags");
            t.Property(x => x.WriterId).HasColumnName("writer_id");
            t.HasOne(x => x.Writer).WithMany(w => w.Titles).HasForeignKey(x => x.WriterId);
            t.HasIndex(x => x.Name);
        });
    }
}
