using Microsoft.Extensions.DependencyInjection;
using System.Buffers;
using System.Numerics;
using System.Text;
using Graph.GraphQL.Execution;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>The UTF-8 result writer: key order, data presence, numbers and string escaping.</summary>
public class ResultWriterTests
{
    [Fact]
    public void Writes_errors_then_data_then_extensions()
    {
        var result = new OperationResult(
            new Dictionary<string, object?> { ["a"] = 1 },
            [new GraphQLError("Oops", [new ErrorLocation(2, 5)], Path.Root.Append("a").Append(0).Append("b"), new Dictionary<string, object?> { ["code"] = "X", ["n"] = 1.5 })],
            new Dictionary<string, object?> { ["cost"] = new Dictionary<string, object?> { ["total"] = 3 } });

        Assert.Equal(
            """{"errors":[{"message":"Oops","locations":[{"line":2,"column":5}],"path":["a",0,"b"],"extensions":{"code":"X","n":1.5}}],"data":{"a":1},"extensions":{"cost":{"total":3}}}""",
            result.ToJson());
    }

    [Fact]
    public void Distinguishes_null_data_from_no_data()
    {
        var executionFailed = new OperationResult(null, [new GraphQLError("Failed.")]);
        var requestError = OperationResult.FromError(new GraphQLError("Bad request."));

        Assert.Equal("""{"errors":[{"message":"Failed."}],"data":null}""", executionFailed.ToJson());
        Assert.Equal("""{"errors":[{"message":"Bad request."}]}""", requestError.ToJson());
        Assert.True(executionFailed.HasData);
        Assert.False(requestError.HasData);
    }

    [Fact]
    public void Writes_numbers_exactly()
    {
        var result = new OperationResult(new Dictionary<string, object?>
        {
            ["int"] = -7,
            ["long"] = 9_007_199_254_740_993L,
            ["decimal"] = 1.50m,
            ["double"] = 0.1,
            ["float"] = 2.5f,
            ["big"] = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture),
            ["byte"] = (byte)255,
            ["ulong"] = ulong.MaxValue,
            ["bool"] = false,
            ["list"] = new object?[] { 1, null, "x" },
        });

        Assert.Equal(
            """{"data":{"int":-7,"long":9007199254740993,"decimal":1.50,"double":0.1,"float":2.5,"big":123456789012345678901234567890,"byte":255,"ulong":18446744073709551615,"bool":false,"list":[1,null,"x"]}}""",
            result.ToJson());
    }

    [Fact]
    public void Escapes_what_json_requires_and_keeps_other_text_readable()
    {
        const string text = "quote \" backslash \\ tab \t nl \n nul \0 é 😀 </script> &";
        var result = new OperationResult(new Dictionary<string, object?> { ["s"] = text });

        var json = result.ToJson();

        Assert.Equal(
            "{\"data\":{\"s\":\"quote \\\" backslash \\\\ tab \\t nl \\n nul \\u0000 é \\uD83D\\uDE00 </script> &\"}}",
            json);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(text, document.RootElement.GetProperty("data").GetProperty("s").GetString());
    }

    [Fact]
    public void Escapes_response_names_and_writes_to_streams_and_buffers()
    {
        var result = new OperationResult(new Dictionary<string, object?> { ["we\"ird"] = "v" });
        using var stream = new MemoryStream();
        var buffer = new ArrayBufferWriter<byte>();

        result.WriteTo(stream);
        result.WriteTo(buffer);

        Assert.Equal("""{"data":{"we\"ird":"v"}}""", Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal(stream.ToArray(), buffer.WrittenSpan.ToArray());
        Assert.Equal("{\n  \"data\": {\n    \"we\\\"ird\": \"v\"\n  }\n}", result.ToJson(indented: true).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writes_executed_results_and_recycles_them_on_dispose()
    {
        var executor = TestServer.Create("type Query { items: [Item] } type Item { id: Int name: String }", b => b
            .AddResolver("Query", "items", _ => Enumerable.Range(1, 3).Select(i => new Dictionary<string, object?> { ["id"] = i, ["name"] = "n" + i }).ToList()));

        var first = (await executor.ExecuteAsync("{ items { id name } }")).ExpectOperationResult();
        var firstJson = first.ToJson();
        using var stream = new MemoryStream();
        await first.WriteToAsync(stream);
        first.Dispose();
        var second = (await executor.ExecuteAsync("{ items { name } }")).ExpectOperationResult();

        Assert.Equal("""{"data":{"items":[{"id":1,"name":"n1"},{"id":2,"name":"n2"},{"id":3,"name":"n3"}]}}""", firstJson);
        Assert.Equal(firstJson, Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal("""{"data":{"items":[{"name":"n1"},{"name":"n2"},{"name":"n3"}]}}""", second.ToJson());
    }
}

/// <summary>
/// The compact writer that writes the data of executed results must write byte for byte what the <c>Utf8JsonWriter</c>
/// path writes, for every kind of text and value, across the output's buffer boundaries.
/// </summary>
public class CompactResultWriterTests
{
    private static readonly string[] Texts =
    [
        "", "plain ASCII", "Les Pirogues de Soumbédioune", "quote \" and backslash \\", "line\nfeed\ttab\r\b\f", "\u0000\u001f\u007f",
        "<script>&'+`</script>", "séparateur\u2028ligne\u2029", "\ufeffbom", "soft\u00adhyphen", "zero\u200bwidth", "émoji 🌍🥭",
        "lone \ud800 surrogate", "trailing \udc00", "plain, then é and \" a quote", "plain, then é and a\u0001control", "ߒߞߏ N'Ko", "العربية", new string('x', 5000), new string('é', 3000),
    ];

    private const string Sdl = """
        scalar Decimal
        scalar DateTime
        type Query { items: [Item!]! }
        type Item { text: String number: Int big: Float money: Decimal flag: Boolean! tags: [String] nested: Item when: DateTime }
        """;

    private sealed record Item(string? Text, int? Number, double? Big, decimal Money, bool Flag, string?[] Tags, Item? Nested, DateTime When);

    [Fact]
    public async Task Writes_what_the_utf8_json_writer_path_writes()
    {
        var items = Texts.Select((text, i) => new Item(
            i % 5 == 0 ? null : text,
            i % 3 == 0 ? null : i % 2 == 0 ? int.MinValue + i : int.MaxValue - i,
            i % 4 == 0 ? null : i * 1.1e10,
            i * 12.50m,
            i % 2 == 0,
            [text, null, i.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            i % 2 == 1 ? new Item(text, i, 0.5, 1m, true, [], null, DateTime.UnixEpoch) : null,
            DateTime.UnixEpoch.AddDays(i))).ToArray();
        var executor = TestServer.Create(Sdl, b => b
            .AddResolver("Query", "items", _ => items)
            .AddResolver("Item", "money", c => c.Parent<Item>().Money)
            .AddResolver("Item", "when", c => c.Parent<Item>().When));

        await using var result = await executor.ExecuteAsync(OperationRequestBuilder.New()
            .SetDocument("{ items { text number big money flag tags nested { text number big money flag tags nested { text } when } when } }")
            .Build());
        var operation = result.ExpectOperationResult();
        Assert.Null(operation.Errors);

        var compact = new ArrayBufferWriter<byte>(16);
        ResultWriter.Write(operation, compact);
        var reference = new ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(reference, new System.Text.Json.JsonWriterOptions { Encoder = ResultWriter.Encoder, SkipValidation = true }))
        {
            ResultWriter.Write(writer, operation);
        }

        Assert.True(compact.WrittenCount > 20_000);
        Assert.Equal(Encoding.UTF8.GetString(reference.WrittenSpan), Encoding.UTF8.GetString(compact.WrittenSpan));
        Assert.True(reference.WrittenSpan.SequenceEqual(compact.WrittenSpan));

        // An output whose memory is not an array (a pipe's native blocks, say) gets the same bytes.
        var native = new NonArrayBufferWriter();
        ResultWriter.Write(operation, native);
        Assert.True(reference.WrittenSpan.SequenceEqual(native.Written.ToArray()));
    }

    /// <summary>An output handing out memory that is not backed by an array, a few hundred bytes at a time.</summary>
    private sealed class NonArrayBufferWriter : IBufferWriter<byte>
    {
        private readonly List<byte> _written = [];
        private Block? _block;

        public IReadOnlyList<byte> Written => _written;

        public void Advance(int count) => _written.AddRange(_block!.Bytes.AsSpan(0, count).ToArray());

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            _block = new Block(Math.Max(sizeHint, 300));
            return _block.Memory;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        private sealed class Block(int size) : MemoryManager<byte>
        {
            public byte[] Bytes { get; } = new byte[size];

            public override Span<byte> GetSpan() => Bytes;

            public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

            public override void Unpin()
            {
            }

            protected override void Dispose(bool disposing)
            {
            }

            protected override bool TryGetArray(out ArraySegment<byte> segment)
            {
                segment = default;
                return false;
            }
        }
    }

    [Fact]
    public async Task Writes_errors_data_and_extensions_around_the_compact_data()
    {
        var executor = TestServer.Create("type Query { a: String b: String! c: [Int] }", b => b
            .AddResolver("Query", "a", _ => "é\"")
            .AddResolver("Query", "b", _ => throw new GraphQLException(new GraphQLError("Non.", extensions: new Dictionary<string, object?> { ["code"] = "NON" })))
            .AddResolver("Query", "c", _ => new int?[] { 1, null }));

        Assert.Equal(
            """{"errors":[{"message":"Non.","locations":[{"line":1,"column":5}],"path":["b"],"extensions":{"code":"NON"}}],"data":null}""",
            await executor.RunAsync("{ a b c }"));
        Assert.Equal("""{"data":{"a":"é\"","c":[1,null]}}""", await executor.RunAsync("{ a c }"));
    }
}
