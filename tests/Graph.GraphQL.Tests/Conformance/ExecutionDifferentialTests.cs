using System.Text.Json;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Conformance;

/// <summary>
/// Differential execution tests: graphql-js's <c>graphql()</c> and our executor run the same operations over the same
/// schema and the same data (a JSON root value read by default resolvers on both sides, with markers for resolvers that
/// throw, values that are errors and fields that echo their arguments; see tests/conformance/differential.mjs) and give the
/// same response: data, and errors with message, locations and path, in the same order. Resolvers are synchronous, so
/// graphql-js's error order is deterministic and compared as is.
/// </summary>
public sealed class ExecutionDifferentialTests(ExecutionDifferentialTests.Reference reference)
    : IClassFixture<ExecutionDifferentialTests.Reference>
{
    internal const string Sdl = """"
        schema { query: Query mutation: Mutation }

        type Query {
          str: String
          nnStr: String!
          int: Int
          float: Float
          bool: Boolean
          id: ID
          color: Color
          nnColor: Color!
          custom: Custom
          obj: Obj
          nnObj: Obj!
          list: [String]
          nnList: [String]!
          listOfNn: [String!]
          nnListOfNn: [String!]!
          objs: [Obj]
          nnObjs: [Obj!]
          objsNn: [Obj!]!
          matrix: [[Int]]
          nnMatrix: [[Int!]!]
          pet: Pet
          pets: [Pet]
          nnPets: [Pet!]!
          search: [SearchResult]
          echo(int: Int, float: Float, str: String, bool: Boolean, id: ID, color: Color, custom: Custom, ints: [Int], nnInts: [Int!], matrix: [[Int]], point: Point, filter: Filter, withDefault: Int = 42, nnWithDefault: String! = "dflt", pointDefault: Point = {x: 1}, colors: [Color!] = [GREEN]): Echo
          required(a: Int!, b: String!, c: Point!): Echo
          deprecatedField: String @deprecated(reason: "Use `str`.")
          legacy("The one to keep." keep: Int, old: Int @deprecated, older: Legacy @deprecated(reason: "Use `keep`."), size: Size = M): String
          defaults(f: Float = 1.0, g: Float = 1.5e3, big: Float = 1e25, small: Float = 0.0000001, tiny: Float = 1.5e-7, neg: Float = -0.0, l: [Int] = 1, nested: [[Int]] = [1, [2]], s: String = """block "q" \u""", esc: String = "tab\t\u00e9\u0001", id: ID = 1, ids: [ID] = ["a", 2, "03"], e: [Color!] = RED, p: Point = {color: BLUE, x: -1}, ps: [Point] = {x: 2}, n: Point = null, oneOf: Filter = {byPoint: {x: 1}}, c: Custom = "text", ci: Custom = 12): String
        }

        type Mutation {
          first: Obj
          second: Obj!
          third: String
        }

        enum Color { RED GREEN BLUE }

        """
          Sizes, some retired.

            Indented line kept.\u0041 \"""quoted\"""
        """
        enum Size {
          "Small."
          S
          M @deprecated
          L @deprecated(reason: "Too big.")
        }

        input Legacy {
          a: Int
          "Gone, *soon*."
          b: Int @deprecated(reason: "gone")
        }

        "A scalar with a \"quoted\" description."
        scalar Custom @specifiedBy(url: "https://example.org/custom")

        type Obj {
          id: ID
          name: String
          nnName: String!
          value: Int
          child: Obj
          nnChild: Obj!
          children: [Obj]
          nnChildren: [Obj!]
          tags: [String!]
        }

        interface Pet {
          name: String!
        }

        type Dog implements Pet {
          name: String!
          barks: Boolean
          friend: Pet
        }

        type Cat implements Pet {
          name: String!
          meows: Boolean
          lives: Int!
        }

        union SearchResult = Dog | Cat | Obj

        input Point {
          x: Int!
          y: Int = 0
          color: Color = RED
        }

        input Filter @oneOf {
          byName: String
          byId: ID
          byPoint: Point
        }

        type Echo {
          int: Int
          float: Float
          str: String
          bool: Boolean
          id: ID
          color: Color
          custom: Custom
          ints: [Int]
          nnInts: [Int!]
          matrix: [[Int]]
          point: PointOut
          filter: FilterOut
          withDefault: Int
          nnWithDefault: String
          pointDefault: PointOut
          colors: [Color]
          a: Int
          b: String
          c: PointOut
        }

        type PointOut {
          x: Int
          y: Int
          color: Color
        }

        type FilterOut {
          byName: String
          byId: ID
          byPoint: PointOut
        }
        """";

    /// <summary>The data most cases read: every field resolves fine, except the ones named for what they do.</summary>
    internal const string DefaultRoot = """
        {
          "str": "hello", "nnStr": "world", "int": 42, "float": 3.5, "bool": true, "id": "abc", "color": "RED", "nnColor": "GREEN",
          "custom": {"any": [1, "two", null, {"deep": true}]},
          "obj": {
            "id": "1", "name": "one", "nnName": "One", "value": 1, "tags": ["a", "b"],
            "child": {"id": "2", "name": "two", "nnName": "Two", "value": 2, "child": null},
            "nnChild": {"id": "3", "name": "three", "nnName": "Three"},
            "children": [{"id": "4", "name": "four", "nnName": "Four"}, null, {"id": "5", "name": "five", "nnName": "Five"}]
          },
          "nnObj": {"id": "6", "name": "six", "nnName": "Six"},
          "list": ["a", null, "c"], "nnList": ["x"], "listOfNn": ["a", "b"], "nnListOfNn": ["a", "b"],
          "objs": [{"id": "7", "name": "seven"}, null, {"id": "8", "name": "eight"}],
          "nnObjs": [{"id": "9", "name": "nine", "nnName": "Nine"}],
          "objsNn": [{"id": "10", "name": "ten", "nnName": "Ten"}],
          "matrix": [[1, 2], [null, 3], null, []], "nnMatrix": [[1], [2, 3]],
          "pet": {"__typename": "Dog", "name": "Rex", "barks": true, "friend": {"__typename": "Cat", "name": "Tom", "meows": false, "lives": 9}},
          "pets": [{"__typename": "Dog", "name": "Rex", "barks": true}, {"__typename": "Cat", "name": "Tom", "meows": true, "lives": 9}, null],
          "nnPets": [{"__typename": "Cat", "name": "Kit", "lives": 3}],
          "search": [{"__typename": "Obj", "id": "11", "name": "eleven"}, {"__typename": "Dog", "name": "Rex"}, {"__typename": "Cat", "name": "Tom", "lives": 1}],
          "echo": {"$args": true}, "required": {"$args": true},
          "deprecatedField": "old",
          "first": {"id": "m1", "name": "first"}, "second": {"id": "m2", "nnName": "Second"}, "third": "3rd"
        }
        """;

    /// <summary>(name, operation, root value (null: <see cref="DefaultRoot"/>), variables, operation name).</summary>
    private static readonly (string Name, string Source, string? Root, string? Variables, string? OperationName)[] Cases =
    [
        // Plain data, aliases, fragments, __typename.
        ("scalars and enums", "{ str nnStr int float bool id color nnColor custom }", null, null, null),
        ("aliases and repeated fields", "{ a: str b: str str int: float float: int }", null, null, null),
        ("nested objects and lists", "{ obj { id name child { id child { id } } nnChild { name } children { id name } tags } objs { id } matrix nnMatrix }", null, null, null),
        ("fragments merge in order", "{ obj { ...A name ... on Obj { value id } } } fragment A on Obj { id child { id } child { name } }", null, null, null),
        ("typename everywhere", "{ __typename obj { __typename child { __typename } } pet { __typename } pets { __typename } search { __typename } }", null, null, null),
        ("interfaces and unions", "{ pet { name ... on Dog { barks friend { name ... on Cat { lives meows } } } } pets { name ... on Cat { lives } } search { ... on Obj { id } ... on Pet { name } ... on Cat { lives } } }", null, null, null),
        ("aliases named like meta fields", "{ __typename: str __schema: int t: __typename }", null, null, null),
        ("fragments on abstract types nested", "{ search { ... on SearchResult { __typename ... on Pet { name ... on Dog { friend { ... on Pet { __typename } } } } } } pet { ... on Pet { ... on Dog { barks } } } }", null, null, null),
        ("missing data is null", "{ obj { child { child { id } } } }", "{\"obj\": {\"child\": {}}}", null, null),
        ("deprecated field still resolves", "{ deprecatedField }", null, null, null),

        // Resolver errors and null propagation.
        ("error in nullable root field", "{ str int }", """{"str": {"$throw": "boom str"}, "int": 1}""", null, null),
        ("error in non-null root field nulls data", "{ str nnStr int }", """{"str": "a", "nnStr": {"$throw": "boom nnStr"}, "int": 1}""", null, null),
        ("null in non-null root field", "{ nnStr }", """{"nnStr": null}""", null, null),
        ("error in nested nullable field", "{ obj { id name } }", """{"obj": {"id": "1", "name": {"$throw": "boom name"}}}""", null, null),
        ("error in nested non-null field nulls parent", "{ obj { id nnName } str }", """{"obj": {"id": "1", "nnName": {"$throw": "boom nnName"}}, "str": "still"}""", null, null),
        ("null in nested non-null field nulls parent", "{ obj { id nnName } }", """{"obj": {"id": "1", "nnName": null}}""", null, null),
        ("propagates through non-null chain to nullable", "{ obj { nnChild { nnChild { nnName } } } }", """{"obj": {"nnChild": {"nnChild": {"nnName": null}}}}""", null, null),
        ("propagates through non-null chain to data", "{ nnObj { nnChild { nnChild { nnName } } } }", """{"nnObj": {"nnChild": {"nnChild": {"nnName": {"$throw": "boom deep"}}}}}""", null, null),
        ("siblings after non-null error are not executed", "{ obj { nnName name } }", """{"obj": {"nnName": null, "name": {"$throw": "boom never reported"}}}""", null, null),
        ("siblings before non-null error keep their errors", "{ obj { name nnName } }", """{"obj": {"nnName": null, "name": {"$throw": "boom reported"}}}""", null, null),
        ("errors in several branches in order", "{ a: obj { name } b: obj { nnName } c: str d: nnObj { name } }", """{"obj": {"name": {"$throw": "boom a"}, "nnName": {"$throw": "boom b"}}, "str": {"$throw": "boom c"}, "nnObj": {"name": {"$throw": "boom d"}}}""", null, null),
        ("error value (not thrown) in field", "{ str obj { name } }", """{"str": {"$error": "returned str"}, "obj": {"name": {"$error": "returned name"}}}""", null, null),
        ("same field twice with error", "{ a: str b: str }", """{"str": {"$throw": "boom twice"}}""", null, null),
        ("error under aliases in path", "{ x: obj { y: child { z: name } } }", """{"obj": {"child": {"name": {"$throw": "boom aliased"}}}}""", null, null),

        // Lists.
        ("null item in list of non-null", "{ listOfNn }", """{"listOfNn": ["a", null, "c"]}""", null, null),
        ("null item in non-null list of non-null", "{ nnListOfNn str }", """{"nnListOfNn": ["a", null], "str": "x"}""", null, null),
        ("null non-null list", "{ nnList }", """{"nnList": null}""", null, null),
        ("error items in nullable list", "{ list }", """{"list": ["a", {"$error": "boom item 1"}, "c", {"$error": "boom item 3"}]}""", null, null),
        ("error item in list of non-null stops the list", "{ listOfNn }", """{"listOfNn": ["a", {"$error": "boom item 1"}, {"$error": "boom item 2"}]}""", null, null),
        ("errors inside list objects", "{ objs { id name } }", """{"objs": [{"id": "1", "name": {"$throw": "boom 0"}}, {"id": "2"}, {"id": "3", "name": {"$throw": "boom 2"}}]}""", null, null),
        ("non-null errors inside nullable list items", "{ objs { id nnName } }", """{"objs": [{"id": "1", "nnName": "ok"}, {"id": "2", "nnName": null}, {"id": "3", "nnName": {"$throw": "boom 2"}}]}""", null, null),
        ("non-null errors inside non-null list items", "{ nnObjs { id nnName } str }", """{"nnObjs": [{"id": "1", "nnName": "ok"}, {"id": "2", "nnName": null}, {"id": "3", "nnName": null}], "str": "x"}""", null, null),
        ("non-null errors bubble to data through lists", "{ objsNn { nnName } }", """{"objsNn": [{"nnName": null}]}""", null, null),
        ("nested list errors", "{ matrix nnMatrix }", """{"matrix": [[1, {"$error": "boom m01"}], null, [{"$error": "boom m20"}]], "nnMatrix": [[1], [2, null]]}""", null, null),
        ("list given a non-iterable", "{ list objs }", """{"list": "not a list", "objs": {"id": "1"}}""", null, null),
        ("list given a scalar", "{ matrix }", """{"matrix": [1, [2]]}""", null, null),
        ("nested lists of objects with errors", "{ obj { children { id children { nnName } } } }", """{"obj": {"children": [{"id": "a", "children": [{"nnName": "x"}, {"nnName": null}]}, {"id": "b", "children": null}]}}""", null, null),
        ("empty lists", "{ list objs matrix }", """{"list": [], "objs": [], "matrix": [[]]}""", null, null),

        // Output coercion of leaves.
        ("int output coercion", "{ a: int obj { value } }", """{"int": 2147483648, "obj": {"value": 1.5}}""", null, null),
        ("int output from numeric string and boolean", "{ int obj { value } }", """{"int": "12", "obj": {"value": true}}""", null, null),
        ("int output from non-numeric string", "{ int }", """{"int": "twelve"}""", null, null),
        ("int output from integral float", "{ int }", """{"int": 3.0}""", null, null),
        ("int output from negative overflow", "{ int }", """{"int": -2147483649}""", null, null),
        ("float output coercion", "{ float }", """{"float": "3.5x"}""", null, null),
        ("float output from boolean and int", "{ float obj { value } }", """{"float": true, "obj": {"value": 7}}""", null, null),
        ("string output coercion", "{ str id }", """{"str": 12.5, "id": 12}""", null, null),
        ("string output from boolean", "{ str }", """{"str": false}""", null, null),
        ("string output from object", "{ str }", """{"str": {"a": 1}}""", null, null),
        ("string output from list", "{ str }", """{"str": [1, 2]}""", null, null),
        ("boolean output coercion", "{ bool }", """{"bool": 1}""", null, null),
        ("boolean output from string", "{ bool }", """{"bool": "true"}""", null, null),
        ("id output from float", "{ id }", """{"id": 1.5}""", null, null),
        ("id output from boolean", "{ id }", """{"id": true}""", null, null),
        ("enum output unknown value", "{ color nnColor }", """{"color": "PURPLE", "nnColor": "red"}""", null, null),
        ("enum output from number", "{ color }", """{"color": 1}""", null, null),
        ("unicode strings", "{ str nnStr }", """{"str": "héllo 😀 \u0000 \"quoted\"", "nnStr": "\ud83d\ude00"}""", null, null),

        // Abstract types.
        ("abstract type resolved to unknown type", "{ pet { name } }", """{"pet": {"__typename": "Bird", "name": "Tweety"}}""", null, null),
        ("abstract type resolved to impossible type", "{ pet { name } }", """{"pet": {"__typename": "Obj", "name": "x"}}""", null, null),
        ("abstract type without typename", "{ pet { name } search { __typename } }", """{"pet": {"name": "x"}, "search": [{"id": "1"}]}""", null, null),
        ("abstract type resolved to non-object type", "{ pet { name } }", """{"pet": {"__typename": "Pet", "name": "x"}}""", null, null),
        ("abstract type with non-string typename", "{ pet { name } }", """{"pet": {"__typename": 5, "name": "x"}}""", null, null),
        ("abstract type given a scalar", "{ pet { name } pets { name } }", """{"pet": "Dog", "pets": [1, {"__typename": "Dog", "name": "ok"}]}""", null, null),
        ("object type given a scalar or list", "{ obj { id nnName } objs { id } }", """{"obj": [1, 2], "objs": ["a", 1, true]}""", null, null),
        ("abstract non-null errors in list", "{ nnPets { name ... on Cat { lives } } }", """{"nnPets": [{"__typename": "Cat", "name": "a", "lives": null}]}""", null, null),
        ("union members with errors", "{ search { ... on Dog { name barks } ... on Cat { lives } } }", """{"search": [{"__typename": "Dog", "name": {"$throw": "boom dog name"}}, {"__typename": "Cat", "name": "c", "lives": null}, {"__typename": "Dog", "name": "ok", "barks": {"$throw": "boom barks"}}]}""", null, null),

        // @skip / @include.
        ("skip and include literals", "{ a: str @skip(if: true) b: str @skip(if: false) c: str @include(if: true) d: str @include(if: false) e: str @skip(if: true) @include(if: true) f: str @skip(if: false) @include(if: true) }", null, null, null),
        ("skip and include with variables", "query Q($yes: Boolean!, $no: Boolean!) { a: str @skip(if: $yes) b: str @include(if: $yes) c: int @include(if: $no) obj @include(if: $yes) { id @skip(if: $no) name @skip(if: $yes) } }", null, """{"yes": true, "no": false}""", null),
        ("skip on fragments", "query Q($flag: Boolean = true) { obj { ...F @skip(if: $flag) ... on Obj @include(if: $flag) { name } ... @skip(if: true) { value } } } fragment F on Obj { id }", null, null, null),
        ("field merged with one skipped copy", "{ obj { id @skip(if: true) id name } str @include(if: false) str }", null, null, null),
        ("skip with defaulted nullable variable", "query Q($s: Boolean = false) { str @skip(if: $s) }", null, """{"s": null}""", null),

        // Arguments and defaults.
        ("argument literals echoed", """{ echo(int: -5, float: 2, str: "s", bool: false, id: 7, color: BLUE, ints: [1, null, 3], nnInts: 4, matrix: [[1], 2], point: {x: 1, color: GREEN}, custom: {a: [1, "b"]}) { int float str bool id color ints nnInts matrix point { x y color } custom withDefault nnWithDefault pointDefault { x y color } colors } }""", null, null, null),
        ("argument defaults", "{ echo { withDefault nnWithDefault pointDefault { x y color } colors int point { x } } }", null, null, null),
        ("explicit null overrides defaults", "{ echo(withDefault: null, pointDefault: null, colors: null) { withDefault pointDefault { x } colors } }", null, null, null),
        ("argument variables echoed", "query Q($i: Int, $f: Float, $s: String, $b: Boolean, $id: ID, $c: Color, $l: [Int], $p: Point, $cu: Custom) { echo(int: $i, float: $f, str: $s, bool: $b, id: $id, color: $c, ints: $l, point: $p, custom: $cu) { int float str bool id color ints point { x y color } custom } }", null, """{"i": 1, "f": 1.5, "s": "x", "b": true, "id": 5, "c": "BLUE", "l": [1, null], "p": {"x": 3}, "cu": {"z": [true]}}""", null),
        ("missing variables use argument defaults", "query Q($w: Int, $p: Point) { echo(withDefault: $w, pointDefault: $p) { withDefault pointDefault { x y } } }", null, null, null),
        ("variables null override argument defaults", "query Q($w: Int, $p: Point) { echo(withDefault: $w, pointDefault: $p) { withDefault pointDefault { x y } } }", null, """{"w": null, "p": null}""", null),
        ("variable defaults", "query Q($w: Int = 7, $p: Point = {x: 9, y: 8}, $l: [Int] = [1, 2], $c: Color = GREEN) { echo(withDefault: $w, point: $p, ints: $l, color: $c) { withDefault point { x y color } ints color } }", null, null, null),
        ("variables inside list and object literals", "query Q($x: Int!, $y: Int, $i: Int) { echo(point: {x: $x, y: $y}, ints: [1, $i, 3], pointDefault: {x: $x}) { point { x y color } ints pointDefault { x y } } }", null, """{"x": 5}""", null),
        ("single value coerced to list", "query Q($i: Int) { echo(ints: 5, nnInts: $i, matrix: 3) { ints nnInts matrix } }", null, """{"i": 6}""", null),
        ("required arguments given", "{ required(a: 1, b: \"two\", c: {x: 3}) { a b c { x y color } } }", null, null, null),
        ("oneOf literals echoed", "{ a: echo(filter: {byName: \"n\"}) { filter { byName byId byPoint { x } } } b: echo(filter: {byPoint: {x: 1}}) { filter { byName byPoint { x y color } } } }", null, null, null),
        ("oneOf variables echoed", "query Q($f: Filter, $id: ID!) { a: echo(filter: $f) { filter { byName byId } } b: echo(filter: {byId: $id}) { filter { byId } } }", null, """{"f": {"byId": 3}, "id": "x"}""", null),

        // Variable coercion errors (request errors: no data).
        ("missing required variable", "query Q($a: Int!) { str }", null, null, null),
        ("null required variable", "query Q($a: Int!, $b: String!) { str }", null, """{"a": null, "b": null}""", null),
        ("variable of wrong scalar type", "query Q($a: Int, $b: Float, $c: String, $d: Boolean, $e: ID) { str }", null, """{"a": "1", "b": "1.5", "c": 1, "d": 1, "e": true}""", null),
        ("int variable out of range", "query Q($a: Int, $b: Int, $c: Int, $d: Int) { str }", null, """{"a": 2147483648, "b": -2147483649, "c": 2147483647, "d": -2147483648}""", null),
        ("int variable non-integral", "query Q($a: Int, $b: Int, $c: Int) { str }", null, """{"a": 1.5, "b": 1e3, "c": 1.0}""", null),
        ("int variable huge", "query Q($a: Int, $b: Float) { echo(float: $b) { float } }", null, """{"a": 1e100, "b": 1e308}""", null),
        ("float variables edge values", "query Q($a: Float, $b: Float, $c: Float) { a: echo(float: $a) { float } b: echo(float: $b) { float } c: echo(float: $c) { float } }", null, """{"a": -0.0, "b": 5e-324, "c": 123456789012345678901234567890}""", null),
        ("id variable from float", "query Q($a: ID) { str }", null, """{"a": 1.5}""", null),
        ("variable object for scalar", "query Q($a: String, $b: Int, $c: Boolean) { str }", null, """{"a": {"x": 1}, "b": [1], "c": [true]}""", null),
        ("enum variable errors", "query Q($a: Color, $b: Color, $c: Color, $d: Color) { str }", null, """{"a": "PURPLE", "b": "red", "c": 1, "d": ["RED"]}""", null),
        ("enum variable suggestion", "query Q($a: Color) { str }", null, """{"a": "GREN"}""", null),
        ("list variable errors", "query Q($a: [Int], $b: [Int!], $c: [[Int]], $d: [Int]!) { str }", null, """{"a": [1, "x", 3, "y"], "b": [1, null], "c": [[1], ["z"]], "d": null}""", null),
        ("input object variable errors", "query Q($p: Point, $q: Point, $r: Point, $s: Point) { str }", null, """{"p": {"y": 1}, "q": {"x": "1", "nope": true, "colour": "RED"}, "r": "not an object", "s": [{"x": 1}]}""", null),
        ("nested input object variable errors", "query Q($f: Filter) { str }", null, """{"f": {"byPoint": {"x": null, "y": "2", "color": "PINK"}}}""", null),
        ("oneOf variable errors", "query Q($a: Filter, $b: Filter, $c: Filter) { str }", null, """{"a": {"byName": "x", "byId": "y"}, "b": {}, "c": {"byName": null}}""", null),
        ("custom scalar variables pass through", "query Q($c: Custom, $d: Custom) { a: echo(custom: $c) { custom } b: echo(custom: $d) { custom } }", null, """{"c": "text", "d": [1, {"x": null}]}""", null),
        ("unused and extra variables are fine", "query Q($a: Int) { str }", null, """{"a": 1, "extra": "ignored"}""", null),
        ("list of input objects variable errors", "query Q($ps: [Point!], $f: [Filter]) { str }", null, """{"ps": [{"x": 1}, {"y": 2}, null, {"x": 1, "color": "PINK", "extra": 1}], "f": [{"byPoint": {"y": 1}}, {"byName": "a", "byId": "b"}, null]}""", null),
        ("too many variable errors", "query Q($l: [Int], $m: [Int]) { str }", null, "{\"l\": [" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"\"x{i}\"")) + "], \"m\": [" + string.Join(", ", Enumerable.Range(0, 20).Select(i => "true")) + "]}", null),
        ("default value of wrong type is invalid", "query Q($a: Int = \"x\") { str }", null, null, null),

        // Argument coercion at execution.
        ("missing required argument variable", "query Q($a: Int, $b: String!) { required(a: $a, b: $b, c: {x: 1}) { a b } }", null, """{"b": "x"}""", null),
        ("required argument variable null", "query Q($a: Int) { required(a: $a, b: \"b\", c: {x: 1}) { a } str }", null, """{"a": null}""", null),
        ("input field variable missing", "query Q($x: Int) { echo(point: {x: $x}) { point { x y } } str }", null, null, null),
        ("oneOf field variable missing", "query Q($n: String) { echo(filter: {byName: $n}) { filter { byName } } str }", null, null, null),
        ("list item variable missing for non-null", "query Q($i: Int) { echo(nnInts: [1, $i]) { nnInts } }", null, null, null),

        // Directive arguments and merged fields at run time.
        ("skip with explicit null for defaulted variable", "query Q($s: Boolean = true) { str @skip(if: $s) int }", null, """{"s": null}""", null),
        ("include with explicit null for defaulted variable in fragment", "query Q($s: Boolean = true) { str ... @include(if: $s) { int } }", null, """{"s": null}""", null),
        ("error of merged field has every location", "{ str ...F ... on Query { str } } fragment F on Query { str }", """{"str": {"$throw": "boom merged"}}""", null, null),
        ("non-null error of merged field has every location", "{ obj { nnName } ...F } fragment F on Query { obj { nnName id } }", """{"obj": {"nnName": null, "id": "1"}}""", null, null),
        ("custom scalar literal with variables", "query Q($a: Int, $b: String, $m: Int) { x: echo(custom: {a: $a, b: [$b, $m], c: $m}) { custom } y: echo(custom: $m) { custom } }", null, """{"a": 1, "b": null}""", null),
        ("non-null argument null from defaulted variable", "query Q($v: Int = 3) { required(a: $v, b: \"b\", c: {x: 1}) { a } str }", null, """{"v": null}""", null),
        ("non-null input field null from defaulted variable", "query Q($v: Int = 3) { echo(point: {x: $v}) { point { x } } str }", null, """{"v": null}""", null),
        ("non-null list item null from defaulted variable", "query Q($v: Int = 3) { echo(nnInts: [1, $v]) { nnInts } str }", null, """{"v": null}""", null),

        // Operations.
        ("operation by name", "query A { str } query B { int }", null, null, "B"),
        ("unknown operation name", "query A { str } query B { int }", null, null, "C"),
        ("several operations without name", "query A { str } query B { int }", null, null, null),
        ("no operations", "fragment F on Query { str }", null, null, null),
        ("anonymous operation with name given", "{ str }", null, null, "A"),
        ("mutation runs fields serially", "mutation M { first { id name } second { id nnName } third }", null, null, null),
        ("mutation with non-null error", "mutation M { first { id } second { nnName } third }", """{"first": {"id": "1"}, "second": {"nnName": null}, "third": {"$throw": "never"}}""", null, null),

        ("operation name for a document with errors", "query A { nope } query B { str }", null, null, "B"),
        ("invalid variables and unknown operation name", "query A($a: Int!) { str }", null, null, "B"),

        // Syntax and validation errors come back as responses.
        ("syntax error response", "{ str", null, null, null),
        ("validation error response", "{ nope str { x } }", null, null, null),

        // Introspection.
        ("type by name", "{ __type(name: \"Point\") { kind name inputFields { name defaultValue type { kind name ofType { name } } } } }", null, null, null),
        ("unknown type by name", "{ __type(name: \"Nope\") { name } }", null, null, null),
        ("enum and interface introspection", "{ c: __type(name: \"Color\") { kind enumValues { name isDeprecated } } p: __type(name: \"Pet\") { kind possibleTypes { name } interfaces { name } } }", null, null, null),
        ("field introspection with deprecation", "{ __type(name: \"Query\") { fields(includeDeprecated: true) { name isDeprecated deprecationReason args { name defaultValue } } } }", null, null, null),
        ("default values as graphql-js prints them", "{ __type(name: \"Query\") { fields { name args { name defaultValue } } } }", null, null, null),
        ("deprecated arguments", "{ __type(name: \"Query\") { fields { name args { name } all: args(includeDeprecated: true) { name description isDeprecated deprecationReason } } } }", null, null, null),
        ("deprecated input fields and enum values", "{ l: __type(name: \"Legacy\") { inputFields { name } all: inputFields(includeDeprecated: true) { name description isDeprecated deprecationReason } } s: __type(name: \"Size\") { description enumValues { name } all: enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } } }", null, null, null),
        ("scalar description and specifiedBy", "{ c: __type(name: \"Custom\") { kind description specifiedByURL } i: __type(name: \"Int\") { description specifiedByURL } }", null, null, null),
        ("deprecated enum value as argument and result", "{ legacy(size: L, older: {b: 1}) }", """{"legacy": "ok"}""", null, null),
        ("oneOf introspection", "{ __type(name: \"Filter\") { isOneOf inputFields { name } } p: __type(name: \"Point\") { isOneOf } }", null, null, null),
        ("schema introspection", "{ __schema { queryType { name } mutationType { name } subscriptionType { name } directives { name isRepeatable args { name defaultValue type { kind name ofType { name } } } } } }", null, null, null),
        ("directive locations", "{ __schema { directives { name locations } } }", null, null, null),
        ("directive location enum", "{ __type(name: \"__DirectiveLocation\") { enumValues { name } } }", null, null, null),
        ("typename of root operations", "mutation { __typename }", null, null, null),
        ("all types in order", "{ __schema { types { name kind } } }", null, null, null),
        ("type references", "{ __type(name: \"Query\") { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }", null, null, null),
        ("possible types and interfaces in order", "{ u: __type(name: \"SearchResult\") { possibleTypes { name } } i: __type(name: \"Pet\") { possibleTypes { name } } d: __type(name: \"Dog\") { interfaces { name } } o: __type(name: \"Obj\") { interfaces { name } possibleTypes { name } enumValues { name } inputFields { name } } }", null, null, null),
        // Compared without graphql-js's experimental directive deprecation (see WithoutDirectiveDeprecation), compared below.
        ("full introspection query", Graph.GraphQL.Introspection.IntrospectionQuery.Text, null, null, null),
        ("introspection schema type", "{ __type(name: \"__Schema\") { fields { name args { name } } } }", null, null, null),
        ("introspection directive type", "{ __type(name: \"__Directive\") { fields { name args { name } } } }", null, null, null),
        ("introspection type and field types", "{ t: __type(name: \"__Type\") { fields { name args { name defaultValue } } } f: __type(name: \"__Field\") { fields { name } } i: __type(name: \"__InputValue\") { fields { name } } e: __type(name: \"__EnumValue\") { fields { name } } k: __type(name: \"__TypeKind\") { enumValues { name } } }", null, null, null),
    ];

    /// <summary>Cases where graphql-js 16 departs from the spec and we follow the spec; each keeps our response (compact JSON).</summary>
    private static readonly Dictionary<string, KnownDifference> Known = new()
    {
        ["directive locations"] = new(
            "spec § 3.13 @deprecated is on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE; graphql-js 16.15 adds the experimental DIRECTIVE_DEFINITION location (directive deprecation, not in the spec)",
            """
            {"data":{"__schema":{"directives":[
              {"name":"include","locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"]},
              {"name":"skip","locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"]},
              {"name":"deprecated","locations":["FIELD_DEFINITION","ARGUMENT_DEFINITION","INPUT_FIELD_DEFINITION","ENUM_VALUE"]},
              {"name":"specifiedBy","locations":["SCALAR"]},
              {"name":"oneOf","locations":["INPUT_OBJECT"]}]}}}
            """),
        ["introspection schema type"] = new(
            "spec § 4.2 __Schema.directives has no arguments; graphql-js 16.15 adds includeDeprecated for its experimental directive deprecation",
            """
            {"data":{"__type":{"fields":[{"name":"description","args":[]},{"name":"types","args":[]},{"name":"queryType","args":[]},
              {"name":"mutationType","args":[]},{"name":"subscriptionType","args":[]},{"name":"directives","args":[]}]}}}
            """),
        ["introspection directive type"] = new(
            "spec § 4.2 __Directive has no isDeprecated / deprecationReason; graphql-js 16.15 adds them for its experimental directive deprecation",
            """
            {"data":{"__type":{"fields":[{"name":"name","args":[]},{"name":"description","args":[]},{"name":"isRepeatable","args":[]},
              {"name":"locations","args":[]},{"name":"args","args":[{"name":"includeDeprecated"}]}]}}}
            """),
        ["directive location enum"] = new(
            "spec § 4.2 __DirectiveLocation has no DIRECTIVE_DEFINITION value; graphql-js 16.15 adds it for its experimental directive deprecation",
            """
            {"data":{"__type":{"enumValues":[
              {"name":"QUERY"},{"name":"MUTATION"},{"name":"SUBSCRIPTION"},{"name":"FIELD"},{"name":"FRAGMENT_DEFINITION"},
              {"name":"FRAGMENT_SPREAD"},{"name":"INLINE_FRAGMENT"},{"name":"VARIABLE_DEFINITION"},{"name":"SCHEMA"},{"name":"SCALAR"},
              {"name":"OBJECT"},{"name":"FIELD_DEFINITION"},{"name":"ARGUMENT_DEFINITION"},{"name":"INTERFACE"},{"name":"UNION"},
              {"name":"ENUM"},{"name":"ENUM_VALUE"},{"name":"INPUT_OBJECT"},{"name":"INPUT_FIELD_DEFINITION"}]}}}
            """),
    };

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    private readonly Ours _ours = new();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Same_response_as_graphql_js(string name)
    {
        var (_, source, root, variables, operationName) = Cases.Single(c => c.Name == name);
        var expected = Differential.Canonicalize(await reference.ForAsync(name));

        var actual = Differential.Canonicalize(await _ours.RunAsync(source, root ?? DefaultRoot, variables, operationName));
        if (name == "full introspection query")
        {
            (expected, actual) = (WithoutDirectiveDeprecation(expected), WithoutDirectiveDeprecation(actual));
        }

        var known = Known.GetValueOrDefault(name);
        Differential.AssertSame(expected, actual, known is null ? null : known with { Ours = Differential.Canonicalize(known.Ours) });
    }

    /// <summary>
    /// The response without what graphql-js 16.15's experimental directive deprecation adds (known differences compared by
    /// the cases after the full query): the introspection types (<c>__Schema</c>, ...) in <c>__schema.types</c>, and the
    /// DIRECTIVE_DEFINITION location of <c>@deprecated</c>.
    /// </summary>
    private static string WithoutDirectiveDeprecation(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var schema = node["data"]!["__schema"]!;
        var types = schema["types"]!.AsArray();
        foreach (var type in types.Where(t => t!["name"]!.GetValue<string>().StartsWith("__", StringComparison.Ordinal)).ToList())
        {
            types.Remove(type);
        }
        foreach (var directive in schema["directives"]!.AsArray())
        {
            var locations = directive!["locations"]!.AsArray();
            foreach (var location in locations.Where(l => l!.GetValue<string>() == "DIRECTIVE_DEFINITION").ToList())
            {
                locations.Remove(location);
            }
        }
        return Differential.Canonicalize(node.ToJsonString());
    }

    public sealed class Reference() : ReferenceAnswers(
        "execute",
        new Dictionary<string, string> { ["execution"] = Sdl },
        Cases.Select(c => (c.Name, (object)new
        {
            schema = "execution",
            source = c.Source,
            rootValue = JsonSerializer.Deserialize<JsonElement>(c.Root ?? DefaultRoot),
            variables = c.Variables is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(c.Variables),
            operationName = c.OperationName,
        })).ToList());

    /// <summary>Our executor over <see cref="Sdl"/>, with a resolver on every field that reads the root value as differential.mjs does.</summary>
    public sealed class Ours
    {
        private static readonly Lazy<Task<IRequestExecutor>> Executor = new(CreateAsync);

        public async Task<string> RunAsync(string source, string root, string? variables, string? operationName)
        {
            var executor = await Executor.Value;
            var builder = OperationRequestBuilder.New()
                .SetDocument(source)
                .SetOperationName(operationName)
                .SetInitialValue(Differential.ToClr(JsonSerializer.Deserialize<JsonElement>(root)));
            if (variables is not null)
            {
                builder.SetVariableValues((IReadOnlyDictionary<string, object?>?)Differential.ToClr(JsonSerializer.Deserialize<JsonElement>(variables)));
            }
            await using var result = await executor.ExecuteAsync(builder.Build());
            return result.ExpectOperationResult().ToJson();
        }

        private static async Task<IRequestExecutor> CreateAsync()
        {
            var services = new ServiceCollection();
            var builder = services.AddGraphQLServer()
                .AddDocumentFromString(Sdl)
                .ModifyRequestOptions(o => o.IncludeExceptionDetails = false);
            foreach (var type in Parser.Parse(Sdl).Definitions.OfType<ObjectTypeDefinitionNode>())
            {
                foreach (var field in type.Fields)
                {
                    builder.AddResolver(type.Name.Value, field.Name.Value, Resolve);
                }
            }
            return await services.BuildServiceProvider().GetRequestExecutorAsync();
        }

        private static object? Resolve(IResolverContext context)
        {
            var value = context.Parent() is IReadOnlyDictionary<string, object?> parent && parent.TryGetValue(context.Field.Name, out var entry)
                ? entry
                : null;
            if (value is IReadOnlyDictionary<string, object?> marker)
            {
                if (marker.TryGetValue("$throw", out var message))
                {
                    throw new GraphQLException((string)message!);
                }
                if (marker.ContainsKey("$args"))
                {
                    return context.Field.Arguments.ToDictionary(a => a.Name, a => context.ArgumentValue(a.Name), StringComparer.Ordinal);
                }
                if (marker.TryGetValue("$arg", out var name))
                {
                    return context.ArgumentValue((string)name!);
                }
            }
            return Errors(value);
        }

        /// <summary>Turns <c>{"$error": msg}</c> markers (as values or list items) into error values.</summary>
        private static object? Errors(object? value) => value switch
        {
            IReadOnlyDictionary<string, object?> map when map.TryGetValue("$error", out var message) => new GraphQLError((string)message!),
            List<object?> list => list.Select(Errors).ToList(),
            _ => value,
        };
    }
}
