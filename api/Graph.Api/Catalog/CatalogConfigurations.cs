using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Catalog;

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> author)
    {
        author.HasKey(a => a.Id);
        // A UUIDv7 made by Npgsql when the author is added (unless set), not by a property initializer, which every
        // author a query materialises would run (a projection of 50 books with their authors made 100 random UUIDs).
        author.Property(a => a.Id).ValueGeneratedOnAdd();
        author.Property(a => a.Name).HasMaxLength(200);
        author.Property(a => a.CountryCode).HasMaxLength(2).IsFixedLength();
        author.Property(a => a.Biography).HasMaxLength(4000);
        author.Property(a => a.Biographies).HasColumnType("jsonb")
            .HasConversion(TranslationColumns.Converter<string>(), TranslationColumns.Comparer<string>());
        author.HasIndex(a => a.Name);
        // An account is linked to one author at most.
        author.HasOne<Identity.User>().WithOne().HasForeignKey<Author>(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BookConfiguration : IEntityTypeConfiguration<Book>
{
    public void Configure(EntityTypeBuilder<Book> book)
    {
        book.HasKey(b => b.Id);
        // As for authors: generated on add, not in the constructor that materialising a row runs.
        book.Property(b => b.Id).ValueGeneratedOnAdd();
        book.Property(b => b.Title).HasMaxLength(300);
        book.Property(b => b.Isbn).HasMaxLength(13);
        book.Property(b => b.Language).HasMaxLength(8);
        book.Property(b => b.Description).HasMaxLength(BookRules.MaxDescriptionLength);
        book.Property(b => b.Translations).HasColumnType("jsonb")
            .HasConversion(TranslationColumns.Converter<BookText>(), TranslationColumns.Comparer<BookText>());
        book.Property(b => b.Status).HasConversion<EnumNameConverter<BookStatus>>().HasMaxLength(EnumNames<BookStatus>.MaxLength);
        book.PrimitiveCollection(b => b.Formats).ElementType(format => format.HasConversion<EnumNameConverter<BookFormat>>());
        book.Property(b => b.CoverUrl).HasMaxLength(BookRules.MaxUrlLength);
        book.HasIndex(b => b.Status);
        book.HasOne<Publisher>().WithMany().HasForeignKey(b => b.PublisherId).OnDelete(DeleteBehavior.Restrict);
        book.HasMany(b => b.CategoryLinks).WithOne().HasForeignKey(l => l.BookId).OnDelete(DeleteBehavior.Cascade);
        book.ToTable(table =>
        {
            table.HasCheckConstraint("ck_books_status", EnumNames<BookStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_books_page_count", "page_count IS NULL OR page_count > 0");
        });
        book.HasIndex(b => b.Isbn).IsUnique();
        book.HasIndex(b => b.Title);
        book.HasOne(b => b.Author).WithMany(a => a.Books).HasForeignKey(b => b.AuthorId).OnDelete(DeleteBehavior.Restrict);
        book.ComplexProperty(b => b.Price, price =>
        {
            price.Property(m => m.Amount).HasPrecision(19, 4);
            price.Property(m => m.Currency).HasConversion<string>().HasMaxLength(3);
        });
    }
}

internal sealed class BookCategoryConfiguration : IEntityTypeConfiguration<BookCategory>
{
    public void Configure(EntityTypeBuilder<BookCategory> link)
    {
        link.HasKey(l => new { l.BookId, l.CategoryId });
        link.HasIndex(l => l.CategoryId);
        link.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.HasKey(c => c.Id);
        category.Property(c => c.Id).ValueGeneratedOnAdd();
        category.Property(c => c.Slug).HasMaxLength(BookRules.MaxSlugLength);
        category.Property(c => c.Name).HasMaxLength(BookRules.MaxNameLength);
        category.Property(c => c.Names).HasColumnType("jsonb")
            .HasConversion(TranslationColumns.Converter<string>(), TranslationColumns.Comparer<string>());
        category.HasIndex(c => c.Slug).IsUnique();
        category.HasIndex(c => c.ParentId);
        category.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublisherConfiguration : IEntityTypeConfiguration<Publisher>
{
    public void Configure(EntityTypeBuilder<Publisher> publisher)
    {
        publisher.HasKey(p => p.Id);
        publisher.Property(p => p.Id).ValueGeneratedOnAdd();
        publisher.Property(p => p.Name).HasMaxLength(BookRules.MaxNameLength);
        publisher.Property(p => p.CountryCode).HasMaxLength(2).IsFixedLength();
        publisher.Property(p => p.Website).HasMaxLength(BookRules.MaxUrlLength);
        publisher.HasIndex(p => p.Name).IsUnique();
    }
}

internal sealed class BookSearchDocumentConfiguration : IEntityTypeConfiguration<BookSearchDocument>
{
    public void Configure(EntityTypeBuilder<BookSearchDocument> document)
    {
        document.HasKey(d => d.BookId);
        document.HasOne<Book>().WithOne().HasForeignKey<BookSearchDocument>(d => d.BookId).OnDelete(DeleteBehavior.Cascade);
        document.HasIndex(d => d.Document).HasMethod("gin");
    }
}
