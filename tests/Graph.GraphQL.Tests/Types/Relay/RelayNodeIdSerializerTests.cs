using Graph.GraphQL.Types.Relay;

namespace Graph.GraphQL.Tests.Types.Relay;

/// <summary>The default global ID format: round trips for every key type, and strict parsing.</summary>
public sealed class RelayNodeIdSerializerTests
{
    private readonly DefaultNodeIdSerializer _serializer = new();

    public static TheoryData<string, object> Keys => new()
    {
        { "Book", Guid.Parse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") },
        { "Book", Guid.Empty },
        { "Author", 0 },
        { "Author", -17 },
        { "Author", int.MaxValue },
        { "Payment", long.MinValue },
        { "Payment", 9_007_199_254_740_993L },
        { "Tag", "sci-fi" },
        { "Tag", "" },
        { "Tag", "Jàmm: ak jàmm / 😀" },
        { "Tag_2", "with:colon" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Format_and_parse_round_trip_type_and_typed_key(string typeName, object key)
    {
        var id = _serializer.Format(typeName, key);
        var parsed = _serializer.Parse(id);

        Assert.Equal(typeName, parsed.TypeName);
        Assert.Equal(key, parsed.Key);
        Assert.Equal(key.GetType(), parsed.Key.GetType());
        Assert.Matches("^[A-Za-z0-9_-]+$", id);
    }

    [Fact]
    public void The_format_is_stable_and_compact()
    {
        Assert.Equal("Qm9vazpnbxwqO01eT2CKe5wNHi86Sw", _serializer.Format("Book", Guid.Parse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b")));
        Assert.Equal("QXV0aG9yOmk0Mg", _serializer.Format("Author", 42));
        Assert.Equal("VGFnOnNzY2ktZmk", _serializer.Format("Tag", "sci-fi"));
    }

    [Fact]
    public void The_same_key_in_different_types_gives_different_ids()
    {
        Assert.NotEqual(_serializer.Format("Author", 1), _serializer.Format("Book", 1));
        Assert.NotEqual(_serializer.Format("Author", 1), _serializer.Format("Author", 1L));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("xyz")]
    [InlineData("not base64!")]
    [InlineData("QXV0aG9yOmk0Mg==")]
    [InlineData("QXV0aG9yOmk0Mh")]
    [InlineData("QXV0aG9y")]
    [InlineData("OmkxMg")]
    [InlineData("QXV0aG9yOg")]
    [InlineData("QXV0aG9yOng0Mg")]
    [InlineData("QXV0aG9yOmkwNDI")]
    [InlineData("QXV0aG9yOmktMA")]
    [InlineData("QXV0aG9yOmkrNDI")]
    [InlineData("QXV0aG9yOmk5OTk5OTk5OTk5")]
    [InlineData("Qm9vazpnAAEC")]
    [InlineData("MUJvb2s6aTE")]
    [InlineData("Qm8gb2s6aTE")]
    [InlineData("VGFnOnP_")]
    public void Parse_rejects_anything_it_did_not_format(string? id)
    {
        Assert.False(_serializer.TryParse(id, out _));
        if (id is not null)
        {
            var error = Assert.Throws<GraphQLException>(() => _serializer.Parse(id)).Errors.Single();
            Assert.Equal(ErrorCodes.InvalidNodeId, error.Code);
            Assert.Equal($"The ID \"{id}\" is not a valid node ID.", error.Message);
        }
    }

    [Fact]
    public void Format_refuses_bad_type_names_and_unsupported_keys()
    {
        Assert.Throws<ArgumentException>(() => _serializer.Format("Not a name", 1));
        Assert.Throws<ArgumentException>(() => _serializer.Format("1Book", 1));
        Assert.Throws<ArgumentException>(() => _serializer.Format("Book", 1.5));
    }
}
