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
