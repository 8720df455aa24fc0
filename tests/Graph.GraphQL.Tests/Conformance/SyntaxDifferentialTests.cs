using Graph.GraphQL.Language;

namespace Graph.GraphQL.Tests.Conformance;

/// <summary>
/// Differential syntax tests: graphql-js's <c>parse</c> and our <see cref="Parser.Parse(string, ParserOptions?)"/> reject
/// the same documents with the same message, line and column (and accept the same documents).
/// </summary>
public sealed class SyntaxDifferentialTests(SyntaxDifferentialTests.Reference reference) : IClassFixture<SyntaxDifferentialTests.Reference>
{
    /// <summary>(name, document). Documents are sent to node as UTF-16 code units, so lone surrogates survive.</summary>
    private static readonly (string Name, string Source)[] Cases =
    [
        // Lexer: characters.
        ("empty document", ""),
        ("only ignored tokens", " \t,,\n# comment\r\n\uFEFF"),
        ("unexpected ascii character", "{ a ? }"),
        ("unexpected control character", "{ a \u0007 }"),
        ("unexpected non-ascii character", "{ a é }"),
        ("unexpected astral character", "{ a 😀 }"),
        ("lone lead surrogate outside a string", "{ a \uD800 }"),
        ("lone trail surrogate outside a string", "{ a \uDC00 }"),
        ("two dots", "{ ..a }"),
        ("single dot", "{ a . b }"),
        ("four dots", "{ ....F }"),
        ("dollar without name", "query ($: Int) { a }"),
        ("dollar then space", "query ($ a: Int) { a }"),
        ("column after astral string", "{ a(b: \"😀\") ? }"),
        ("column after tabs", "\t\t{ ? }"),
        ("line after crlf", "{\r\n  a(b: 1.)\r\n}"),
        ("line after lone cr", "\r\r{ a(b: ?) }"),
        ("line after lf cr", "\n\r{ a(b: ?) }"),
        ("bom in the middle is ignored", "{ a \uFEFF b }"),

        ("name starting with digit", "{ 1a }"),
        ("dash inside name", "{ a-b }"),
        ("eof after trailing comment", "{ a\n# trailing comment\n"),
        ("eof after trailing whitespace", "query Q($a: Int) {\r\n\t  "),
        ("bom at start is fine", "\uFEFF{ a }"),
        ("very long name is fine", "{ " + new string('a', 5000) + " }"),
        ("unicode line separator is not a line terminator", "{\u2028 a ? }"),
        ("nul character", "{ a \u0000 }"),

        // Lexer: strings.
        ("unterminated string", "{ a(b: \"abc) }"),
        ("unterminated string at eof", "{ a(b: \"abc"),
        ("string with line feed", "{ a(b: \"ab\ncd\") }"),
        ("string with carriage return", "{ a(b: \"ab\rcd\") }"),
        ("string with control character", "{ a(b: \"a\u0001b\") }"),
        ("string with tab is fine", "{ a(b: \"a\tb\") }"),
        ("unknown escape", @"{ a(b: ""\x"") }"),
        ("escaped non-ascii", "{ a(b: \"\\é\") }"),
        ("short unicode escape", @"{ a(b: ""\u12"") }"),
        ("bad hex in unicode escape", @"{ a(b: ""\u12G4"") }"),
        ("lone lead surrogate escape", @"{ a(b: ""\uD800"") }"),
        ("lone trail surrogate escape", @"{ a(b: ""\uDE00"") }"),
        ("surrogate pair escape is fine", @"{ a(b: ""\uD83D\uDE00"") }"),
        ("lead surrogate escape then non-trail escape", @"{ a(b: ""\uD83D\u0041"") }"),
        ("lead surrogate escape then variable-width trail", @"{ a(b: ""\uD83D\u{DE00}"") }"),
        ("variable-width escape is fine", @"{ a(b: ""\u{1F600}"") }"),
        ("variable-width escape too large", @"{ a(b: ""\u{110000}"") }"),
        ("variable-width surrogate escape", @"{ a(b: ""\u{D800}"") }"),
        ("empty variable-width escape", @"{ a(b: ""\u{}"") }"),
        ("unterminated variable-width escape", @"{ a(b: ""\u{1F600"") }"),
        ("very long variable-width escape", @"{ a(b: ""\u{00000000041}"") }"),
        ("lone surrogate in string", "{ a(b: \"x\uD800y\") }"),
        ("valid astral in string", "{ a(b: \"x😀y\") }"),
        ("unterminated block string", "{ a(b: \"\"\"abc) }"),
        ("block string with control character", "{ a(b: \"\"\"a\u0007b\"\"\") }"),
        ("block string with escaped quotes is fine", "{ a(b: \"\"\"a \\\"\"\" b\"\"\") }"),
        ("block string with lone surrogate", "{ a(b: \"\"\"a\uDC00\"\"\") }"),
        ("unterminated block string ending in quotes", "{ a(b: \"\"\"abc\"\""),

        ("block string with crlf and escaped quotes", "{ a(b: \"\"\"\r\n  x\r\n  \\\"\"\"\r\n\"\"\") ? }"),
        ("string with code point zero escape", @"{ a(b: ""\u{0}"") ? }"),
        ("variable-width escape with leading zeros", @"{ a(b: ""\u{000000000041}"") ? }"),
        ("variable-width escape with non-hex", @"{ a(b: ""\u{12G}"") }"),
        ("unicode escape at end of string", @"{ a(b: ""\u"") }"),

        // Lexer: numbers.
        ("number ending with dot", "{ a(b: 1.) }"),
        ("number starting with dot", "{ a(b: .5) }"),
        ("leading zero", "{ a(b: 01) }"),
        ("negative leading zero", "{ a(b: -01) }"),
        ("double zero", "{ a(b: 00) }"),
        ("exponent without digits", "{ a(b: 1e) }"),
        ("exponent sign without digits", "{ a(b: 1.5e+) }"),
        ("dot exponent", "{ a(b: 1.e5) }"),
        ("hex number", "{ a(b: 0x10) }"),
        ("number followed by name", "{ a(b: 123abc) }"),
        ("number followed by dot", "{ a(b: 1.2.3) }"),
        ("exponent followed by name", "{ a(b: 12.3e-4x) }"),
        ("minus alone", "{ a(b: -) }"),
        ("minus then name", "{ a(b: -a) }"),
        ("underscore in number", "{ a(b: 1_000) }"),
        ("fraction followed by name", "{ a(b: 0.x) }"),
        ("zero exponents are fine", "{ a(b: 0e0, c: -0.0, d: 1e-0, e: 1E+00) ? }"),
        ("huge numbers are fine", "{ a(b: 1e400, c: 123456789012345678901234567890, d: -0) }"),

        // Parser: documents and operations.
        ("only a comment", "# just a comment"),
        ("lone brace", "{"),
        ("empty selection set", "{}"),
        ("empty nested selection set", "{ a { } }"),
        ("query without selection set", "query"),
        ("named query without selection set", "query Q"),
        ("extra closing brace", "{ a } }"),
        ("trailing name", "query { a } extra"),
        ("unknown keyword", "notAKeyword { a }"),
        ("number at top level", "1"),
        ("string at top level", "\"just a string\""),
        ("description on query", "\"desc\" query { a }"),
        ("description on anonymous query", "\"desc\" { a }"),
        ("description on fragment", "\"\"\"desc\"\"\" fragment F on T { a }"),
        ("description on extension", "\"desc\" extend type T { a: Int }"),
        ("description on variable definition", "query Q(\"desc\" $a: Int) { a }"),
        ("description on field selection", "{ \"desc\" a }"),
        ("description on subscription and mutation", "\"s\" subscription S { a } \"\"\"m\"\"\" mutation M { a }"),
        ("description on schema extension", "\"desc\" extend schema @a"),
        ("description on directive definition is fine", "\"desc\" directive @d on FIELD"),
        ("two descriptions", "\"a\" \"b\" type T { f: Int }"),
        ("alias without field", "{ a: }"),
        ("double alias", "{ a: b: c }"),
        ("dotted field", "{ a.b }"),
        ("empty arguments", "{ a() }"),
        ("argument without name", "{ a(: 1) }"),
        ("argument without value", "{ a(b:) }"),
        ("argument without colon", "{ a(b 1) }"),
        ("two values", "{ a(b: \"a\" \"b\") }"),
        ("boolean then boolean", "{ a(b: true false) }"),
        ("two argument lists", "{ a(b: 1)(c: 2) }"),
        ("unclosed list", "{ a(b: [1, 2) }"),
        ("unclosed nested list", "{ a(b: [[]) }"),
        ("object field without value", "{ a(b: {c}) }"),
        ("object field without colon value", "{ a(b: {c: }) }"),
        ("variable with colon", "{ a(b: $v:) }"),
        ("valid edge values", "{ a(b: null, c: TRUE, d: {}, e: {,}, f: [], g: \"\"\"\"\"\", h: \"\") }"),
        ("directive without name", "{ a @ }"),
        ("directive name after space is fine", "{ a @ include(if: true) }"),
        ("directive arguments without name", "{ a @d() }"),
        ("directive with variable name argument", "query Q @dir($b: 1) { a }"),
        ("spread then on field is fine", "{ ...F on T }"),
        ("inline fragment without selection", "{ ... on T }"),
        ("inline fragment with directive only", "{ ... @dir }"),
        ("on without type", "{ ... on }"),
        ("spread directive without name", "{ ...F @ }"),
        ("mutation alone", "mutation"),
        ("subscription with variables only", "subscription S($a: Int)"),
        ("second operation incomplete", "query Q { a } query Q2"),

        // Parser: variable definitions.
        ("empty variable definitions", "query Q() { a }"),
        ("variable without dollar", "query Q(a: Int) { a }"),
        ("variable without type", "query Q($a) { a }"),
        ("variable with colon and no type", "query Q($a: ) { a }"),
        ("variable default is variable", "query Q($a: Int = $b) { a }"),
        ("variable default nested variable", "query Q($a: [Int]! = [1, $b]) { a }"),
        ("variable default object variable", "query Q($a: In = {b: {c: $d}}) { a }"),
        ("variable default missing", "query ($a: Int = ) { a }"),
        ("double non-null", "query Q($a: Int!!) { a }"),
        ("unclosed list type", "query Q($a: [Int) { a }"),
        ("empty list type", "query Q($a: []) { a }"),
        ("non-null name alone", "query Q($a: !) { a }"),
        ("directive before default", "query Q($a: Int @dir = 1) { a }"),
        ("variable in variable directive", "query Q($a: Int = 1 @dir(x: $v)) { a }"),
        ("variable directive without name", "query ($a: Int @) { a }"),
        ("directive before variables", "query Q @dir ($a: Int) { a }"),
        ("unclosed variables", "query Q($a: Int { a }"),
        ("trailing commas are fine", "query Q($a: Int = 1,,, $b: [String!]! = [\"x\"],) { a }"),

        // Parser: fragments.
        ("fragment named on", "fragment on on T { a }"),
        ("fragment on without name", "fragment on T { a }"),
        ("fragment without type", "fragment F on { a }"),
        ("fragment without on", "fragment F T { a }"),
        ("fragment without selection", "fragment F on T"),
        ("fragment directive before on", "fragment F @dir on T { a }"),
        ("fragment with variables", "fragment F($a: Int) on T { a }"),
        ("fragment with list type condition", "fragment F on [T] { a }"),

        // Parser: type system.
        ("field definition without type", "type T { a }"),
        ("field definition colon without type", "type T { a: }"),
        ("implements without name", "type T implements { a: Int }"),
        ("empty fields definition", "type T implements & A { }"),
        ("implements double ampersand", "interface I implements A & & B { a: Int }"),
        ("empty field arguments", "type T { f(): Int }"),
        ("input field with arguments", "input I { a(b: Int): Int }"),
        ("enum value with arguments", "enum E { A(b: Int) }"),
        ("enum value true", "enum E { A true }"),
        ("enum value null", "enum E { A B null }"),
        ("enum value false with description", "enum E { \"d\" false }"),
        ("description without field", "type T { \"desc\" }"),
        ("enum description without value", "enum E { \"desc\" }"),
        ("input default variable", "input I { a: Int = $v }"),
        ("input default missing", "input I { a: Int! = }"),
        ("type directive with variable", "type T @d(a: $x) { f: Int }"),
        ("union without members", "union U = "),
        ("union double pipe", "union U = | A | | B"),
        ("union member list type", "union U = [A]"),
        ("scalar without name", "scalar"),
        ("scalar with fields", "scalar S { a: Int }"),
        ("directive unknown location", "directive @d on FIELD | NOPE"),
        ("directive lowercase location", "directive @d on field"),
        ("directive without locations", "directive @d on"),
        ("directive without at", "directive d on FIELD"),
        ("directive repeatable without on", "directive @d(a: Int) repeatable FIELD"),
        ("directive double pipe", "directive @d on FIELD | | QUERY"),
        ("directive on before arguments", "directive @d on FIELD (a: Int)"),
        ("extend type without anything", "extend type T"),
        ("extend scalar without directives", "extend scalar S"),
        ("extend schema without anything", "extend schema"),
        ("extend unknown", "extend thing T"),
        ("extend without anything", "extend"),
        ("extend input without fields", "extend input I"),
        ("extend union without members", "extend union U"),
        ("extend enum without values", "extend enum E"),
        ("extend interface without anything", "extend interface I"),
        ("extend type implements without name", "extend type T implements"),
        ("schema without operation types", "schema { }"),
        ("schema root without colon", "schema { query }"),
        ("schema unknown operation", "schema { subscriptions: S }"),
        ("schema root list type", "schema { query: [Q] }"),
        ("trailing extend", "type T { a: Int } extend"),
        ("nesting deeper than the parser limit", string.Concat(Enumerable.Repeat("{ a ", 70)) + new string('}', 70)),
        ("more tokens than the parser limit", "{ a(b: [" + string.Concat(Enumerable.Repeat("1 ", 15_001)) + "]) }"),
        ("more fields than the parser limit", "{ " + string.Concat(Enumerable.Repeat("a ", 2_049)) + "}"),
        ("valid kitchen type system", "\"d\" schema @a { query: Q } type Q implements & A & B @x { \"f\" f(\"a\" a: Int = 1 @d, b: [In!] = [{x: 1}]): [Int!]! @deprecated } directive @d(a: Int! = 1 @x) repeatable on FIELD | QUERY extend type Q @y extend schema @z"),
    ];

    /// <summary>Cases where we differ from graphql-js on purpose; each keeps our answer.</summary>
    private static readonly Dictionary<string, KnownDifference> Known = new()
    {
        ["nesting deeper than the parser limit"] = new(
            "hardening: ParserOptions.MaxAllowedDepth (64 by default) protects the server's stack from hostile documents; graphql-js has no depth limit",
            "Syntax Error: Document is nested more than 64 levels deep. Parsing aborted. @ 1:257"),
        ["more tokens than the parser limit"] = new(
            "hardening: ParserOptions.MaxAllowedTokens (15 000 by default, as HotChocolate); graphql-js's maxTokens option is off unless set",
            "Syntax Error: Document contains more than 15000 tokens. Parsing aborted. @ 1:29997"),
        ["more fields than the parser limit"] = new(
            "hardening: ParserOptions.MaxAllowedFields (2 048 by default) bounds the work of one document; graphql-js has no such limit",
            "Syntax Error: Document contains more than 2048 fields. Parsing aborted. @ 1:4099"),
    };

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Same_syntax_errors_as_graphql_js(string name)
    {
        var source = Cases.Single(c => c.Name == name).Source;
        var expected = Differential.DescribeErrors(await reference.ForAsync(name));

        string actual;
        try
        {
            Parser.Parse(source);
            actual = "";
        }
        catch (GraphQLSyntaxException ex)
        {
            actual = Differential.DescribeErrors(ex.Errors);
        }

        Differential.AssertSame(expected, actual, Known.GetValueOrDefault(name));
    }

    public sealed class Reference() : ReferenceAnswers("parse", null, Cases.Select(c => (c.Name, (object)new { units = c.Source.Select(ch => (int)ch) })).ToList());
}
