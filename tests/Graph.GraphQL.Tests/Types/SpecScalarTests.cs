using Graph.GraphQL.Language;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Tests.Types;

public class SpecScalarTests
{
    private static IValueNode Literal(string source) => Parser.ParseConstValue(source);

    public static TheoryData<string, object?> IntLiterals => new()
    {
        { "0", 0 },
        { "-1", -1 },
        { "2147483647", int.MaxValue },
        { "-2147483648", int.MinValue },
        { "null", null },
    };

    [Theory]
    [MemberData(nameof(IntLiterals))]
    public void Int_parses_literals(string literal, object? expected) =>
        Assert.Equal(expected, new IntType().ParseLiteral(Literal(literal)));

    [Theory]
    [InlineData("1.5", "Int cannot represent non-integer value: 1.5")]
    [InlineData("2147483648", "Int cannot represent non 32-bit signed integer value: 2147483648")]
    [InlineData("-2147483649", "Int cannot represent non 32-bit signed integer value: -2147483649")]
    [InlineData("\"1\"", "Int cannot represent non-integer value: \"1\"")]
    [InlineData("true", "Int cannot represent non-integer value: true")]
    [InlineData("ONE", "Int cannot represent non-integer value: ONE")]
    [InlineData("[1]", "Int cannot represent non-integer value: [1]")]
    public void Int_rejects_literals(string literal, string message)
    {
        var type = new IntType();
        var ex = Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal(literal)));
        Assert.Equal(message, ex.Message);
        Assert.False(type.IsInstanceOfType(Literal(literal)));
    }

    public static TheoryData<object?, object?> IntValues => new()
    {
        { 1, 1 },
        { 1L, 1 },
        { 1.0d, 1 },
        { 3m, 3 },
        { -2147483648L, int.MinValue },
        { null, null },
    };

    [Theory]
    [MemberData(nameof(IntValues))]
    public void Int_parses_variable_values(object? value, object? expected) =>
        Assert.Equal(expected, new IntType().ParseValue(value));

    public static TheoryData<object, string> BadIntValues => new()
    {
        { 1.5d, "Int cannot represent non-integer value: 1.5" },
        { 2147483648L, "Int cannot represent non 32-bit signed integer value: 2147483648" },
        { 1e100d, "Int cannot represent non 32-bit signed integer value: 1e+100" },
        { "1", "Int cannot represent non-integer value: \"1\"" },
        { true, "Int cannot represent non-integer value: true" },
        { double.NaN, "Int cannot represent non-integer value: NaN" },
        { 1e20d, "Int cannot represent non 32-bit signed integer value: 100000000000000000000" },
        { 1.5e-7d, "Int cannot represent non-integer value: 1.5e-7" },
    };

    [Theory]
    [MemberData(nameof(BadIntValues))]
    public void Int_rejects_variable_values(object value, string message) =>
        Assert.Equal(message, Assert.Throws<InputCoercionException>(() => new IntType().ParseValue(value)).Message);

    public static TheoryData<object?, object?> IntResults => new()
    {
        { 1, 1 },
        { 1L, 1 },
        { 1.0d, 1 },
        { true, 1 },
        { false, 0 },
        { "123", 123 },
        { (short)5, 5 },
        { null, null },
    };

    [Theory]
    [MemberData(nameof(IntResults))]
    public void Int_serializes(object? value, object? expected) =>
        Assert.Equal(expected, new IntType().Serialize(value));

    public static TheoryData<object, string> BadIntResults => new()
    {
        { 3000000000L, "Int cannot represent non 32-bit signed integer value: 3000000000" },
        { 1.5d, "Int cannot represent non-integer value: 1.5" },
        { "abc", "Int cannot represent non-integer value: \"abc\"" },
        { "", "Int cannot represent non-integer value: \"\"" },
        { new object(), "Int cannot represent non-integer value: System.Object" },
    };

    [Theory]
    [MemberData(nameof(BadIntResults))]
    public void Int_rejects_results(object value, string message) =>
        Assert.Equal(message, Assert.Throws<SerializationException>(() => new IntType().Serialize(value)).Message);

    [Theory]
    [InlineData("1", 1d)]
    [InlineData("1.5", 1.5d)]
    [InlineData("-0.25e2", -25d)]
    public void Float_parses_int_and_float_literals(string literal, double expected) =>
        Assert.Equal(expected, new FloatType().ParseLiteral(Literal(literal)));

    [Theory]
    [InlineData("\"1.5\"", "Float cannot represent non numeric value: \"1.5\"")]
    [InlineData("true", "Float cannot represent non numeric value: true")]
    [InlineData("1e400", "Float cannot represent non numeric value: 1e400")]
    public void Float_rejects_literals(string literal, string message) =>
        Assert.Equal(message, Assert.Throws<InputCoercionException>(() => new FloatType().ParseLiteral(Literal(literal))).Message);

    public static TheoryData<object, string> BadFloatValues => new()
    {
        { double.NaN, "Float cannot represent non numeric value: NaN" },
        { double.PositiveInfinity, "Float cannot represent non numeric value: Infinity" },
        { "1.5", "Float cannot represent non numeric value: \"1.5\"" },
        { false, "Float cannot represent non numeric value: false" },
    };

    [Theory]
    [MemberData(nameof(BadFloatValues))]
    public void Float_rejects_variable_values(object value, string message) =>
        Assert.Equal(message, Assert.Throws<InputCoercionException>(() => new FloatType().ParseValue(value)).Message);

    [Fact]
    public void Float_accepts_numbers_of_any_clr_type()
    {
        var type = new FloatType();
        Assert.Equal(2d, type.ParseValue(2));
        Assert.Equal(2.5d, type.ParseValue(2.5m));
        Assert.Equal(1d, type.Serialize(true));
        Assert.Equal(-1.5d, type.Serialize("-1.5"));
        Assert.Equal("Float cannot represent non numeric value: NaN", Assert.Throws<SerializationException>(() => type.Serialize(double.NaN)).Message);
        Assert.Equal("Float cannot represent non numeric value: \"x\"", Assert.Throws<SerializationException>(() => type.Serialize("x")).Message);
    }

    [Fact]
    public void String_is_strict_on_input()
    {
        var type = new StringType();
        Assert.Equal("abc", type.ParseLiteral(Literal("\"abc\"")));
        Assert.Equal("block", type.ParseLiteral(Literal("\"\"\"block\"\"\"")));
        Assert.Equal("String cannot represent a non string value: 1", Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal("1"))).Message);
        Assert.Equal("String cannot represent a non string value: ENUM", Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal("ENUM"))).Message);
        Assert.Equal("String cannot represent a non string value: 1", Assert.Throws<InputCoercionException>(() => type.ParseValue(1)).Message);
        Assert.Equal("String cannot represent a non string value: [\"a\"]", Assert.Throws<InputCoercionException>(() => type.ParseValue(new object?[] { "a" })).Message);
    }

    [Fact]
    public void String_serializes_primitives()
    {
        var type = new StringType();
        Assert.Equal("abc", type.Serialize("abc"));
        Assert.Equal("true", type.Serialize(true));
        Assert.Equal("42", type.Serialize(42));
        Assert.Equal("-1.5", type.Serialize(-1.5d));
        Assert.Equal("String cannot represent value: { a: 1 }", Assert.Throws<SerializationException>(() => type.Serialize(new Dictionary<string, object?> { ["a"] = 1 })).Message);
        Assert.Equal("String cannot represent value: NaN", Assert.Throws<SerializationException>(() => type.Serialize(double.NaN)).Message);
    }

    [Fact]
    public void Boolean_is_strict_on_input_and_lenient_on_output()
    {
        var type = new BooleanType();
        Assert.Equal(true, type.ParseLiteral(Literal("true")));
        Assert.Equal(false, type.ParseValue(false));
        Assert.Equal("Boolean cannot represent a non boolean value: 1", Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal("1"))).Message);
        Assert.Equal("Boolean cannot represent a non boolean value: \"true\"", Assert.Throws<InputCoercionException>(() => type.ParseValue("true")).Message);
        Assert.Equal("Boolean cannot represent a non boolean value: 0", Assert.Throws<InputCoercionException>(() => type.ParseValue(0)).Message);
        Assert.Equal(true, type.Serialize(1));
        Assert.Equal(false, type.Serialize(0d));
        Assert.Equal("Boolean cannot represent a non boolean value: \"yes\"", Assert.Throws<SerializationException>(() => type.Serialize("yes")).Message);
    }

    [Fact]
    public void Id_accepts_strings_and_integers_and_serializes_to_string()
    {
        var type = new IdType();
        Assert.Equal("abc", type.ParseLiteral(Literal("\"abc\"")));
        Assert.Equal("123", type.ParseLiteral(Literal("123")));
        Assert.Equal("123", type.ParseValue(123));
        Assert.Equal("9007199254740993", type.ParseValue(9007199254740993L));
        Assert.Equal("ID cannot represent a non-string and non-integer value: 1.5", Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal("1.5"))).Message);
        Assert.Equal("ID cannot represent a non-string and non-integer value: true", Assert.Throws<InputCoercionException>(() => type.ParseLiteral(Literal("true"))).Message);
        Assert.Equal("ID cannot represent value: 1.5", Assert.Throws<InputCoercionException>(() => type.ParseValue(1.5d)).Message);
        Assert.Equal("ID cannot represent value: true", Assert.Throws<InputCoercionException>(() => type.ParseValue(true)).Message);
        Assert.Equal("42", type.Serialize(42));
        Assert.Equal("00000000-0000-0000-0000-000000000001", type.Serialize(Guid.Parse("00000000-0000-0000-0000-000000000001")));
        Assert.Equal("ID cannot represent value: 1.5", Assert.Throws<SerializationException>(() => type.Serialize(1.5d)).Message);
        Assert.Equal("123", type.ValueToLiteral("123").Print());
        Assert.Equal("\"01\"", type.ValueToLiteral("01").Print());
    }

    [Fact]
    public void Scalars_turn_runtime_values_into_literals()
    {
        Assert.Equal("5", new IntType().ValueToLiteral(5).Print());
        Assert.Equal("1.5", new FloatType().ValueToLiteral(1.5d).Print());
        Assert.Equal("2", new FloatType().ValueToLiteral(2d).Print());
        Assert.Equal("\"a\\\"b\"", new StringType().ValueToLiteral("a\"b").Print());
        Assert.Equal("true", new BooleanType().ValueToLiteral(true).Print());
        Assert.Equal("null", new StringType().ValueToLiteral(null).Print());
    }

    [Fact]
    public void Null_passes_through_every_direction()
    {
        foreach (var scalar in new ScalarType[] { new IntType(), new FloatType(), new StringType(), new BooleanType(), new IdType() })
        {
            Assert.Null(scalar.ParseLiteral(NullValueNode.Default));
            Assert.Null(scalar.ParseValue(null));
            Assert.Null(scalar.Serialize(null));
            Assert.True(scalar.IsInstanceOfType(NullValueNode.Default));
            Assert.True(scalar.IsSpecifiedScalar);
        }
    }
}
