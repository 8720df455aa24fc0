using Graph.GraphQL.Configuration;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Configuration;

public class NamingConventionsTests
{
    [Theory]
    [InlineData("IsActive", "isActive")]
    [InlineData("Title", "title")]
    [InlineData("ISBN", "isbn")]
    [InlineData("ID", "id")]
    [InlineData("URLPath", "urlPath")]
    [InlineData("already", "already")]
    [InlineData("X1", "x1")]
    public void Camel_case_lowers_the_leading_capitals(string name, string expected) =>
        Assert.Equal(expected, NamingConventions.ToCamelCase(name));

    [Theory]
    [InlineData("MobileMoney", "MOBILE_MONEY")]
    [InlineData("HTTPStatus", "HTTP_STATUS")]
    [InlineData("Level2", "LEVEL2")]
    [InlineData("ROLL_OVER", "ROLL_OVER")]
    [InlineData("Sit", "SIT")]
    [InlineData("roundTrip", "ROUND_TRIP")]
    public void Screaming_case_splits_words(string name, string expected) =>
        Assert.Equal(expected, NamingConventions.ToScreamingCase(name));

    public sealed class Samples
    {
        public string GetBooks() => "";

        public Task<string> GetBooksAsync() => Task.FromResult("");

        public string Getaway() => "";

        public bool IsActive { get; init; }

        [GraphQLName("renamed")]
        public string Original => "";
    }

    [Theory]
    [InlineData(nameof(Samples.GetBooks), "books")]
    [InlineData(nameof(Samples.GetBooksAsync), "books")]
    [InlineData(nameof(Samples.Getaway), "getaway")]
    [InlineData(nameof(Samples.IsActive), "isActive")]
    [InlineData(nameof(Samples.Original), "renamed")]
    public void Field_names_drop_get_and_async(string member, string expected) =>
        Assert.Equal(expected, NamingConventions.GetFieldName(typeof(Samples).GetMember(member).Single()));

    public interface INamed;

    public sealed class Connection<T>;

    public sealed class Edge<TNode, TCursor>;

    public sealed record BookInput;

    public sealed record Book;

    [GraphQLName("Shelf")]
    public sealed class BookShelf;

    [Fact]
    public void Type_names_follow_the_clr_names()
    {
        Assert.Equal("Named", NamingConventions.GetTypeName(typeof(INamed), TypeKind.Interface));
        Assert.Equal("BookConnection", NamingConventions.GetTypeName(typeof(Connection<Book>), TypeKind.Object));
        Assert.Equal("BookStringEdge", NamingConventions.GetTypeName(typeof(Edge<Book, string>), TypeKind.Object));
        Assert.Equal("BookInput", NamingConventions.GetTypeName(typeof(Book), TypeKind.InputObject));
        Assert.Equal("BookInput", NamingConventions.GetTypeName(typeof(BookInput), TypeKind.InputObject));
        Assert.Equal("Book", NamingConventions.GetTypeName(typeof(Book), TypeKind.Object));
        Assert.Equal("Shelf", NamingConventions.GetTypeName(typeof(BookShelf), TypeKind.Object));
        Assert.Equal("Shelf", NamingConventions.GetTypeName(typeof(BookShelf), TypeKind.InputObject));
    }

    public enum PaymentKind
    {
        MobileMoney,
        HTTPTransfer,

        [GraphQLName("CASH_ON_DELIVERY")]
        Cash,
    }

    [Fact]
    public void Enum_values_are_screaming_case_unless_named()
    {
        Assert.Equal("MOBILE_MONEY", NamingConventions.GetEnumValueName(PaymentKind.MobileMoney));
        Assert.Equal("HTTP_TRANSFER", NamingConventions.GetEnumValueName(PaymentKind.HTTPTransfer));
        Assert.Equal("CASH_ON_DELIVERY", NamingConventions.GetEnumValueName(PaymentKind.Cash));
    }
}
