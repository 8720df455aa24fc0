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
