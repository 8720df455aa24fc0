using System.Text.Json;

namespace Graph.GraphQL.Tests.Conformance;

/// <summary>
/// Differential coercion tests: every scalar (and an enum and a custom scalar) of <see cref="ExecutionDifferentialTests.Sdl"/>
/// given edge values as literals (validated: ValuesOfCorrectType) and as variables (CoerceVariableValues), echoed back by the
/// <c>echo</c> field; graphql-js's and our responses must be the same. NaN and Infinity cannot travel in JSON, so they are not
/// among the variable values.
/// </summary>
public sealed class CoercionDifferentialTests(CoercionDifferentialTests.Reference reference) : IClassFixture<CoercionDifferentialTests.Reference>
{
    /// <summary>The <c>echo</c> argument (and <c>Echo</c> field) of each type.</summary>
    private static readonly (string Argument, string Type)[] Types =
    [
        ("int", "Int"), ("float", "Float"), ("str", "String"), ("bool", "Boolean"), ("id", "ID"), ("color", "Color"), ("custom", "Custom"),
    ];

    private static readonly string[] Literals =
    [
        "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649", "9007199254740993",
        "123456789012345678901234567890", "1e3", "1E3", "1.0", "1.5", "-1.5e-3", "0.1", "1e400", "-1e400", "1e-400",
        "\"1\"", "\"abc\"", "\"\"", "\"é😀\\n\\u0000\\u{1F600}\"", "\"\"\"block\n  \"quoted\"\"\"\"", "true", "false", "null",
        "RED", "red", "[1]", "[]", "[RED, null]", "{a: 1}", "{}",
    ];

    private static readonly string[] Values =
    [
        "0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649", "9007199254740993", "1e3", "1.0", "1.5",
        "-0.0", "0.1", "1e308", "5e-324", "1e21", "123456789012345678901234567890", "\"1\"", "\"1.5\"", "\"abc\"", "\"\"",
        "\"<é>&'\\\"\\\\\"", "\"😀\"", "\"\\u0000\\u001f\\u007f\\u2028\"", "true", "false", "null", "[1]", "[]", "{\"a\": 1}", "{}",
        "\"RED\"", "\"red\"",
    ];

    /// <summary>Resolved values for output coercion (Serialize), in addition to <see cref="Values"/>.</summary>
    private static readonly string[] Outputs =
    [
        "\" \"", "\" 12 \"", "\"0x1A\"", "\"0b11\"", "\"0o17\"", "\"-0x1A\"", "\"1e3\"", "\"+5\"", "\".5\"", "\"5.\"", "\"Infinity\"",
        "\"-0\"", "\"99999999999\"", "\"1_000\"", "\"\\n7\\t\"", "1e-7", "123e-20", "0.000001", "1e20", "-1e21", "1.2345678901234568e20", "1.2345678901234567e-5", "-9.87654321e-7",
        "1e15", "123456789012345.6", "0.1e-6", "[1, 2]",
        "{\"nested\": {\"deep\": {\"deeper\": [1, [2, [3]]]}}}", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]",
    ];

    private static readonly (string Name, string Source, string? Variables, string? Root)[] Cases =
    [
        .. Types.SelectMany(t => Literals.Select(l => ($"{t.Type} literal {l}", $"{{ echo({t.Argument}: {l}) {{ {t.Argument} }} }}", (string?)null, (string?)null))),
        .. Types.SelectMany(t => Values.Select(v => ($"{t.Type} variable {v}", $"query Q($v: {t.Type}) {{ echo({t.Argument}: $v) {{ {t.Argument} }} }}", (string?)$"{{\"v\": {v}}}", (string?)null))),
        .. Types.SelectMany(t => Values.Take(3).Select(v => ($"[{t.Type}] variable {v}", $"query Q($v: [{t.Type}!]) {{ echo({t.Argument}: $v) {{ {t.Argument} }} }}", (string?)$"{{\"v\": [{v}, null]}}", (string?)null))),
        .. Types.SelectMany(t => Values.Concat(Outputs).Select(v => ($"{t.Type} output {v}", $"{{ {OutputField(t.Type)} }}", (string?)null, (string?)$"{{\"{OutputField(t.Type)}\": {v}}}"))),
    ];

    /// <summary>
    /// Cases where graphql-js differs for a reason of its platform (JavaScript numbers, JSON.stringify) or departs from the
    /// spec, and we keep our answer (compact JSON).
    /// </summary>
    private static readonly Dictionary<string, KnownDifference> Known = new()
    {
        ["Custom literal 1e400"] = new(Custom, """"{"errors":[{"message":"JSON cannot represent value: Infinity","locations":[{"line":1,"column":25}],"path":["echo","custom"]}],"data":{"echo":{"custom":null}}}""""),
        ["Custom literal -1e400"] = new(Custom, """"{"errors":[{"message":"JSON cannot represent value: -Infinity","locations":[{"line":1,"column":26}],"path":["echo","custom"]}],"data":{"echo":{"custom":null}}}""""),
        ["Float literal 1e400"] = new(Float, """"{"errors":[{"message":"Float cannot represent non numeric value: 1e400","locations":[{"line":1,"column":15}]}]}""""),
        ["Color variable 9007199254740993"] = new(Big, """"{"errors":[{"message":"Variable \"$v\" got invalid value 9007199254740993; Enum \"Color\" cannot represent non-string value: 9007199254740993.","locations":[{"line":1,"column":9}]}]}""""),
        ["Int variable 9007199254740993"] = new(Big, """"{"errors":[{"message":"Variable \"$v\" got invalid value 9007199254740993; Int cannot represent non 32-bit signed integer value: 9007199254740993","locations":[{"line":1,"column":9}]}]}""""),
        ["Boolean variable 9007199254740993"] = new(Big, """"{"errors":[{"message":"Variable \"$v\" got invalid value 9007199254740993; Boolean cannot represent a non boolean value: 9007199254740993","locations":[{"line":1,"column":9}]}]}""""),
        ["Color output 9007199254740993"] = new(Big, """"{"errors":[{"message":"Enum \"Color\" cannot represent value: 9007199254740993","locations":[{"line":1,"column":3}],"path":["color"]}],"data":{"color":null}}""""),
        ["String output 9007199254740993"] = new(Big, """"{"data":{"str":"9007199254740993"}}""""),
        ["ID output 9007199254740993"] = new(Big, """"{"data":{"id":"9007199254740993"}}""""),
        ["ID variable 9007199254740993"] = new(Big, """"{"data":{"echo":{"id":"9007199254740993"}}}""""),
        ["Int output 9007199254740993"] = new(Big, """"{"errors":[{"message":"Int cannot represent non 32-bit signed integer value: 9007199254740993","locations":[{"line":1,"column":3}],"path":["int"]}],"data":{"int":null}}""""),
        ["Float literal -1e400"] = new(Float, """"{"errors":[{"message":"Float cannot represent non numeric value: -1e400","locations":[{"line":1,"column":15}]}]}""""),
        ["String variable 9007199254740993"] = new(Big, """"{"errors":[{"message":"Variable \"$v\" got invalid value 9007199254740993; String cannot represent a non string value: 9007199254740993","locations":[{"line":1,"column":9}]}]}""""),
    };

    private const string Big = "JSON numbers beyond 2^53: JavaScript reads 9007199254740993 as the double 9007199254740992, so graphql-js reports (or returns) that; we keep the exact integer given";

    private const string Float = "spec § 3.5.2 Float input coercion: a literal not representable as a finite double (±1e400) is a request error; graphql-js 16's Float.parseLiteral accepts Infinity and fails only when serializing the result";

    private const string Custom = "a custom scalar's ±1e400 literal is ±Infinity: graphql-js passes it through and JSON.stringify silently writes null; our pass-through scalar reports that the value has no JSON form (a field error) instead of losing it";

    /// <summary>The field of Query whose type is <paramref name="type"/>.</summary>
    private static string OutputField(string type) => type switch
    {
        "String" => "str",
        "Boolean" => "bool",
        _ => Types.Single(t => t.Type == type).Argument,
    };

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    private readonly ExecutionDifferentialTests.Ours _ours = new();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Same_coercion_as_graphql_js(string name)
    {
        var (_, source, variables, root) = Cases.Single(c => c.Name == name);
        var expected = Differential.Canonicalize(await reference.ForAsync(name));

        var actual = Differential.Canonicalize(await _ours.RunAsync(source, root ?? ExecutionDifferentialTests.DefaultRoot, variables, null));

        var known = Known.GetValueOrDefault(name);
        Differential.AssertSame(expected, actual, known is null ? null : known with { Ours = Differential.Canonicalize(known.Ours) });
    }

    public sealed class Reference() : ReferenceAnswers(
        "execute",
        new Dictionary<string, string> { ["execution"] = ExecutionDifferentialTests.Sdl },
        Cases.Select(c => (c.Name, (object)new
        {
            schema = "execution",
            source = c.Source,
            rootValue = JsonSerializer.Deserialize<JsonElement>(c.Root ?? ExecutionDifferentialTests.DefaultRoot),
            variables = c.Variables is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(c.Variables),
        })).ToList());
}
