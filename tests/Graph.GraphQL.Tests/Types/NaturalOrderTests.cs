using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Types;

public sealed class NaturalOrderTests
{
    [Theory]
    [InlineData("a2", "a10", -1)]
    [InlineData("a10", "a2", 1)]
    [InlineData("a02", "a2", -1)]
    [InlineData("a2b", "a2", 1)]
    [InlineData("a2", "a2", 0)]
    [InlineData("abc", "abd", -1)]
    [InlineData("ab", "abc", -1)]
    [InlineData("field9", "field9x", -1)]
    [InlineData("x123456789012345678901234567890123", "x123456789012345678901234567890124", -1)]
    [InlineData("x99999999999999999999999999999999999", "x1", 1)]
    public void Orders_numbers_by_value(string a, string b, int expected) =>
        Assert.Equal(expected, Math.Sign(NaturalOrder.Compare(a, b)));
}
