using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IOPath = System.IO.Path;

namespace Graph.GraphQL.Tests.Conformance;

/// <summary>
/// Asks graphql-js (tests/conformance/differential.mjs) for its answers to a whole batch of cases in one node process,
/// and writes answers in one canonical JSON form so that ours and graphql-js's compare as text.
/// </summary>
internal static class Differential
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly JsonWriterOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>graphql-js's answer to each case, in order (see differential.mjs for the modes and case shapes).</summary>
    public static async Task<JsonElement[]> RunAsync(string mode, IReadOnlyDictionary<string, string>? schemas, IEnumerable<object> cases)
    {
        var script = IOPath.Combine(GraphQLJs.RepositoryRoot, "tests", "conformance", "differential.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = IOPath.GetDirectoryName(script)!,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var payload = JsonSerializer.Serialize(new { mode, schemas, cases = cases.ToArray() }, Web);
        var reading = node.StandardOutput.ReadToEndAsync();
        var readingErrors = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync(payload);
        node.StandardInput.Close();
        var output = await reading;
        var error = await readingErrors;
        await node.WaitForExitAsync();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"graphql-js could not run (exit code {node.ExitCode}); run `npm install` at the repository root. {error}");
        }
        using var document = JsonDocument.Parse(output);
        return document.RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone()).ToArray();
    }

    /// <summary>
    /// <paramref name="json"/> indented, with numbers written as the shortest round-trip double (so <c>1.0</c>, <c>1</c> and
    /// <c>1e0</c> are one number, as in JavaScript) and without the <c>extensions</c> of errors (graphql-js gives none; ours
    /// carry codes) when <paramref name="dropErrorExtensions"/>.
    /// </summary>
    public static string Canonicalize(string json, bool dropErrorExtensions = true)
    {
        var node = JsonNode.Parse(json);
        if (dropErrorExtensions && node is JsonObject { } root && root["errors"] is JsonArray errors)
        {
            foreach (var item in errors)
            {
                (item as JsonObject)?.Remove("extensions");
            }
        }
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Canonical))
        {
            Write(writer, node);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Canonicalize(JsonElement element, bool dropErrorExtensions = true) =>
        Canonicalize(element.GetRawText(), dropErrorExtensions);

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                var number = double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// Fails, showing both answers in full, unless ours equals graphql-js's; or, for a case listed as a known difference
    /// (<paramref name="known"/>: graphql-js 16 departs from the spec and we follow the spec), unless ours equals the answer
    /// recorded for us and graphql-js still answers differently (once it agrees, the difference is gone and the entry must go).
    /// </summary>
    public static void AssertSame(string graphQLJs, string ours, KnownDifference? known = null)
    {
        if (known is not null)
        {
            if (!string.Equals(known.Ours, ours, StringComparison.Ordinal))
            {
                Assert.Fail($"Known difference ({known.Reason}), but our answer changed.\n--- recorded:\n{known.Ours}\n--- ours:\n{ours}\n");
            }
            if (string.Equals(graphQLJs, ours, StringComparison.Ordinal))
            {
                Assert.Fail($"Listed as a known difference ({known.Reason}), but graphql-js now answers as we do: remove the entry.");
            }
            return;
        }
        if (!string.Equals(graphQLJs, ours, StringComparison.Ordinal))
        {
            Assert.Fail($"Our answer differs from graphql-js's.\n{FirstDifference(graphQLJs, ours)}\n--- graphql-js:\n{graphQLJs}\n--- ours:\n{ours}\n");
        }
    }

    private static string FirstDifference(string graphQLJs, string ours)
    {
        var a = graphQLJs.Split('\n');
        var b = ours.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }
        var from = Math.Max(0, i - 3);
        return $"First difference at line {i + 1}:\n--- graphql-js:\n{string.Join("\n", a.Skip(from).Take(8))}\n--- ours:\n{string.Join("\n", b.Skip(from).Take(8))}\n";
    }

    /// <summary>Errors as lines of <c>message @ line:column, ...</c>, for readable comparisons.</summary>
    public static string DescribeErrors(IEnumerable<GraphQLError> errors) =>
        string.Join("\n", errors.Select(e => e.Message + " @ " + string.Join(", ", (e.Locations ?? []).Select(l => $"{l.Line}:{l.Column}"))));

    /// <inheritdoc cref="DescribeErrors(IEnumerable{GraphQLError})"/>
    public static string DescribeErrors(JsonElement result) => result.TryGetProperty("crash", out var crash)
        ? "graphql-js crashed: " + crash.GetString()
        : string.Join("\n", result.GetProperty("errors").EnumerateArray().Select(e =>
            e.GetProperty("message").GetString() + " @ "
            + string.Join(", ", e.GetProperty("locations").EnumerateArray().Select(l => $"{l.GetProperty("line").GetInt32()}:{l.GetProperty("column").GetInt32()}"))));

    /// <summary>A JSON text as the CLR tree variable values and root values are given in (dictionaries, lists, strings, numbers, booleans).</summary>
    public static object? ToClr(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = ToClr(property.Value);
                }
                return map;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(ToClr).ToList();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt32(out var i))
                {
                    return i;
                }
                if (element.TryGetInt64(out var l))
                {
                    return l;
                }
                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}

/// <summary>A case where we differ from graphql-js 16 on purpose: why (the spec section we follow), and our answer.</summary>
public sealed record KnownDifference(string Reason, string Ours);

/// <summary>
/// graphql-js's answers to the cases of one test class, asked once (one node process) for the whole class.
/// </summary>
public abstract class ReferenceAnswers
{
    private readonly Lazy<Task<Dictionary<string, JsonElement>>> _answers;

    protected ReferenceAnswers(string mode, IReadOnlyDictionary<string, string>? schemas, IReadOnlyList<(string Name, object Case)> cases)
    {
        _answers = new Lazy<Task<Dictionary<string, JsonElement>>>(async () =>
        {
            var results = await Differential.RunAsync(mode, schemas, cases.Select(c => c.Case));
            var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            for (var i = 0; i < cases.Count; i++)
            {
                answers.Add(cases[i].Name, results[i]);
            }
            return answers;
        });
    }

    /// <summary>graphql-js's answer to the case named <paramref name="name"/>.</summary>
    public async Task<JsonElement> ForAsync(string name) => (await _answers.Value)[name];
}
