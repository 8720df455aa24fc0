using Graph.GraphQL.Language;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Tests.Types;

public class ExtendedScalarTests
{
    private static IValueNode Literal(string source) => Parser.ParseConstValue(source);

    [Theory]
    [InlineData("2024-05-01T12:30:00Z", "2024-05-01T12:30:00Z")]
    [InlineData("2024-05-01T14:30:00+02:00", "2024-05-01T12:30:00Z")]
    [InlineData("2024-05-01T12:30:00.123Z", "2024-05-01T12:30:00.123Z")]
    [InlineData("2024-05-01t12:30:00.5-01:00", "2024-05-01T13:30:00.5Z")]
    public void DateTime_parses_rfc3339_and_serializes_in_utc(string input, string serialized)
    {
        var type = new DateTimeType();
        var value = Assert.IsType<DateTimeOffset>(type.ParseLiteral(Literal($"\"{input}\"")));
        Assert.Equal(serialized, type.Serialize(value));
        Assert.Equal(value, type.ParseValue(input));
    }

    [Theory]
    [InlineData("2024-05-01")]
    [InlineData("2024-05-01T12:30:00")]
    [InlineData("2024-13-01T12:30:00Z")]
    [InlineData("yesterday")]
    public void DateTime_rejects_strings_without_offset_or_invalid(string input)
    {
        var ex = Assert.Throws<InputCoercionException>(() => new DateTimeType().ParseValue(input));
        Assert.Equal($"DateTime cannot represent an invalid date-time string: \"{input}\"", ex.Message);
    }

    [Fact]
    public void DateTime_rejects_non_strings_and_has_a_spec_url()
    {
        var type = new DateTimeType();
        Assert.Equal("DateTime cannot represent a non string value: 1", Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal("1"))).Message);
        Assert.Equal("DateTime cannot represent value: 1", Assert.Throws<SerializationException>(() => type.Serialize(1)).Message);
        Assert.Equal("https://scalars.graphql.org/andimarek/date-time", type.SpecifiedByUrl);
        Assert.Equal("2024-05-01T12:00:00Z", type.Serialize(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("2024-05-01T12:00:00Z", type.Serialize(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void Date_round_trips_dateonly()
    {
        var type = new DateType();
        Assert.Equal(new DateOnly(2024, 2, 29), type.ParseLiteral(Literal("\"2024-02-29\"")));
        Assert.Equal("2024-02-29", type.Serialize(new DateOnly(2024, 2, 29)));
        Assert.Equal("2024-02-29", type.Serialize(new DateTime(2024, 2, 29, 23, 0, 0)));
        Assert.Equal("Date cannot represent an invalid date string: \"2023-02-29\"", Assert.Throws<InputCoercionException>(() => type.ParseValue("2023-02-29")).Message);
        Assert.Equal("Date cannot represent an invalid date string: \"2024-2-1\"", Assert.Throws<InputCoercionException>(() => type.ParseValue("2024-2-1")).Message);
    }

    [Fact]
    public void Decimal_accepts_numbers_and_serializes_as_number()
    {
        var type = new DecimalType();
        Assert.Equal(1.10m, type.ParseLiteral(Literal("1.10")));
        Assert.Equal(7m, type.ParseLiteral(Literal("7")));
        Assert.Equal(0.1m, type.ParseValue(0.1d));
        Assert.Equal(12m, type.ParseValue(12L));
        Assert.Equal(2.5m, type.Serialize(2.5m));
        Assert.Equal(3m, type.Serialize(3));
        Assert.Equal("Decimal cannot represent non numeric value: \"1.5\"", Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal("\"1.5\""))).Message);
        Assert.Equal("Decimal cannot represent non numeric value: \"1.5\"", Assert.Throws<InputCoercionException>(() => type.ParseValue("1.5")).Message);
        Assert.Equal("Decimal cannot represent out of range value: 1e300", Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal("1e300"))).Message);
        Assert.Equal("1.50", type.ValueToLiteral(1.50m).Print());
        Assert.Equal("4", type.ValueToLiteral(4m).Print());
    }

    [Fact]
    public void Long_is_64_bit()
    {
        var type = new LongType();
        Assert.Equal(long.MaxValue, type.ParseLiteral(Literal("9223372036854775807")));
        Assert.Equal(5L, type.ParseValue(5));
        Assert.Equal(3000000000L, type.Serialize(3000000000L));
        Assert.Equal("Long cannot represent non 64-bit signed integer value: 9223372036854775808",
            Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal("9223372036854775808"))).Message);
        Assert.Equal("Long cannot represent non-integer value: 1.5", Assert.Throws<InputCoercionException>(() => type.ParseValue(1.5d)).Message);
        Assert.Equal("Long cannot represent non-integer value: \"5\"", Assert.Throws<SerializationException>(() => type.Serialize("5")).Message);
    }

    [Fact]
    public void Uuid_serializes_lowercase_with_hyphens()
    {
        var type = new UuidType();
        var guid = Guid.Parse("6F9619FF-8B86-D011-B42D-00CF4FC964FF");
        Assert.Equal(guid, type.ParseLiteral(Literal("\"6F9619FF-8B86-D011-B42D-00CF4FC964FF\"")));
        Assert.Equal("6f9619ff-8b86-d011-b42d-00cf4fc964ff", type.Serialize(guid));
        Assert.Equal("UUID cannot represent an invalid UUID string: \"nope\"", Assert.Throws<InputCoercionException>(() => type.ParseValue("nope")).Message);
    }

    [Fact]
    public void Url_requires_absolute_urls()
    {
        var type = new UrlType();
        Assert.Equal(new Uri("https://example.com/a?b=1"), type.ParseValue("https://example.com/a?b=1"));
        Assert.Equal("https://example.com/a?b=1", type.Serialize(new Uri("https://example.com/a?b=1")));
        Assert.Equal("URL cannot represent an invalid absolute URL: \"/relative\"", Assert.Throws<InputCoercionException>(() => type.ParseValue("/relative")).Message);
        Assert.Equal("URL cannot represent value: /relative", Assert.Throws<SerializationException>(() => type.Serialize(new Uri("/relative", UriKind.Relative))).Message);
    }

    [Fact]
    public void Json_turns_literals_into_clr_trees()
    {
        var type = new JsonType();
        var value = type.ParseLiteral(Literal("{ a: [1, 2.5, \"x\", true, null, ENUM], b: { c: 9999999999 } }"));

        var map = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal(new object?[] { 1, 2.5d, "x", true, null, "ENUM" }, Assert.IsType<List<object?>>(map["a"]));
        Assert.Equal(9999999999L, Assert.IsType<Dictionary<string, object?>>(map["b"])["c"]);
        Assert.Equal("{a: [1, 2.5, \"x\", true, null, \"ENUM\"], b: {c: 9999999999}}", type.ValueToLiteral(value).Print());
    }

    [Fact]
    public void Json_passes_values_through_and_converts_json_elements()
    {
        var type = new JsonType();
        using var document = System.Text.Json.JsonDocument.Parse("""{"a":[1,"b",{"c":null}]}""");

        var converted = Assert.IsType<Dictionary<string, object?>>(type.ParseValue(document.RootElement.Clone()));
        var items = Assert.IsType<List<object?>>(converted["a"]);
        Assert.Equal(1, items[0]);
        Assert.Equal("b", items[1]);
        Assert.Null(Assert.IsType<Dictionary<string, object?>>(items[2])["c"]);
        Assert.Equal(42, type.Serialize(42));
        Assert.Equal("JSON cannot represent value: NaN", Assert.Throws<SerializationException>(() => type.Serialize(double.NaN)).Message);
    }
}
