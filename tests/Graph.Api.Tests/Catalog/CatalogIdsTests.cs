using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Catalog;

/// <summary>Books and authors get their ids when added, not when constructed (materialising a row constructs one).</summary>
public sealed class CatalogIdsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_added_author_and_book_get_version_7_ids_and_a_given_id_is_kept()
    {
        var author = new Author { Name = "Awa Thiam", CountryCode = "SN" };
        var book = new Book { Title = "La Parole aux négresses", Language = "fr", Price = new Money(2000, Currency.XOF) };
        var given = Guid.CreateVersion7();
        var withId = new Book { Id = given, Title = "Continents noirs", Language = "fr", Price = new Money(2500, Currency.XOF) };
        Assert.Equal(Guid.Empty, author.Id);
        Assert.Equal(Guid.Empty, book.Id);

        await using (var db = database.CreateContext())
        {
            author.Books.Add(book);
            author.Books.Add(withId);
            db.Authors.Add(author);
            Assert.Equal(7, author.Id.Version);
            Assert.Equal(7, book.Id.Version);
            Assert.Equal(given, withId.Id);
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var saved = await check.Books.AsNoTracking().Where(b => b.AuthorId == author.Id).Select(b => b.Id).ToListAsync();
        Assert.Equal(new[] { book.Id, given }.Order(), saved.Order());
    }
}
