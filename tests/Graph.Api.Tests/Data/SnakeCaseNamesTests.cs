using Graph.Api.Data;

namespace Graph.Api.Tests.Data;

public sealed class SnakeCaseNamesTests
{
    [Theory]
    [InlineData("AuthorId", "author_id")]
    [InlineData("Books", "books")]
    [InlineData("PK_Books", "pk_books")]
    [InlineData("Price_Amount", "price_amount")]
    [InlineData("IX_Books_AuthorId", "ix_books_author_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("Sha256Hash", "sha256_hash")]
    [InlineData("already_snake", "already_snake")]
    public void Converts(string name, string expected) => Assert.Equal(expected, SnakeCaseNames.ToSnakeCase(name));
}
