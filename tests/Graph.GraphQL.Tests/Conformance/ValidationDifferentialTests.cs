using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation;

namespace Graph.GraphQL.Tests.Conformance;

/// <summary>
/// Differential validation tests: graphql-js's <c>validate</c> (all specified rules, over <c>buildSchema</c> of the same SDL)
/// and our <see cref="DocumentValidator.Default"/> give the same errors, messages and locations, in the same order.
/// </summary>
public sealed class ValidationDifferentialTests(ValidationDifferentialTests.Reference reference) : IClassFixture<ValidationDifferentialTests.Reference>
{
    private const string Dogs = nameof(ValidationSchema);
    private const string Complex = nameof(ComplexValidationSchema);

    private static readonly (string Name, string Schema, string Source)[] Cases =
    [
        // Valid documents (no false positives).
        ("valid simple query", Dogs, "{ dog { name nickname barkVolume } }"),
        ("valid fragments and variables", Dogs, """
            query Q($cmd: DogCommand!, $atOther: Boolean = true) {
              dog { ...DogFields doesKnowCommand(dogCommand: $cmd) isHouseTrained(atOtherHomes: $atOther) }
              pet { ... on Cat { meowVolume } ...PetName }
            }
            fragment DogFields on Dog { name owner { name pets { name } } }
            fragment PetName on Pet { name }
            """),
        ("valid introspection", Dogs, "{ __schema { queryType { name } types { name fields(includeDeprecated: true) { name } } } __type(name: \"Dog\") { kind } __typename }"),
        ("valid mutation and subscription", Dogs, "mutation M { setName(name: \"Rex\") { name } } subscription S { newMessage { body sender } }"),
        ("valid oneOf", Dogs, "query ($name: String!) { a: findDog(searchBy: {name: \"x\"}) { name } b: findDog(searchBy: {owner: $name}) { name } }"),
        ("valid directives everywhere", Dogs, """
            query Q($v: Int @onVariableDefinition) @onQuery {
              dog @onField @skip(if: false) { ...F @onFragmentSpread @repeatable @repeatable ... on Dog @onInlineFragment { name } }
              arguments { intArgField(intArg: $v) }
            }
            fragment F on Dog @onFragmentDefinition { name }
            """),

        // ExecutableDefinitions.
        ("type definition in executable document", Dogs, "{ dog { name } } type Cow { name: String } extend type Dog { color: String }"),
        ("schema definition in executable document", Dogs, "schema { query: Query } directive @x on FIELD { dog { name } }"),
        ("only type definitions", Dogs, "scalar S input I { a: Int } union U = Dog"),

        // UniqueOperationNames and LoneAnonymousOperation.
        ("duplicate operation names", Dogs, "query A { dog { name } } query A { cat { name } } mutation A { setName(name: \"x\") { name } }"),
        ("anonymous with named", Dogs, "{ dog { name } } query B { cat { name } }"),
        ("two anonymous operations", Dogs, "{ dog { name } } { cat { name } }"),
        ("anonymous mutation with anonymous query", Dogs, "{ dog { name } } mutation { setName(name: \"x\") { name } }"),

        // SingleFieldSubscriptions.
        ("subscription with two fields", Dogs, "subscription S { newMessage { body } disallowedSecondRootField }"),
        ("subscription with three fields", Dogs, "subscription S { newMessage { body } disallowedSecondRootField a: newMessage { body } }"),
        ("anonymous subscription with two fields", Dogs, "subscription { newMessage { body } disallowedSecondRootField }"),
        ("subscription with typename", Dogs, "subscription S { __typename }"),
        ("subscription with introspection in fragment", Dogs, "subscription S { ...F } fragment F on Subscription { __typename newMessage { body } }"),
        ("subscription two fields through fragments", Dogs, "subscription S { ...F ... on Subscription { disallowedSecondRootField } } fragment F on Subscription { newMessage { body } }"),
        ("subscription with skip still counts", Dogs, "subscription S { newMessage { body } disallowedSecondRootField @skip(if: true) }"),
        ("subscription unknown field", Dogs, "subscription S { unknownField }"),

        // KnownTypeNames.
        ("unknown variable types", Dogs, "query Q($a: Unknown, $b: [Dgo!], $c: Strin) { dog { name } }"),
        ("unknown fragment type conditions", Dogs, "fragment F on Cats { name } { dog { ... on Dgo { name } ...F } }"),
        ("unknown type suggestion by case", Dogs, "query ($a: string) { dog { name } }"),
        ("unknown type in fragment with fields", Dogs, "{ pet { ... on Bird { wings } } }"),

        // FragmentsOnCompositeTypes.
        ("fragment on scalar", Dogs, "fragment F on String { length } { dog { ...F } }"),
        ("inline fragment on enum", Dogs, "{ dog { ... on DogCommand { x } } }"),
        ("fragment on input object", Dogs, "fragment F on ComplexInput { name } { dog { ...F } }"),

        // VariablesAreInputTypes.
        ("object variable types", Dogs, "query Q($a: Dog, $b: [[CatOrDog!]]!, $c: Pet) { dog { name } }"),
        ("input variable types fine", Dogs, "query Q($a: ComplexInput, $b: [DogCommand!]!, $c: FindDogInput) { findDog(complex: $a, searchBy: $c) { name } dog { doesKnowCommand(dogCommand: SIT) } booleanList(booleanListArg: $b) }"),

        // ScalarLeafs.
        ("object field without selection", Dogs, "{ dog }"),
        ("list of interface without selection", Dogs, "{ human { pets } }"),
        ("scalar with selection", Dogs, "{ dog { name { length } } }"),
        ("enum field with selection", Dogs, "{ dog { doesKnowCommand(dogCommand: SIT) { x } } }"),
        ("union without selection", Dogs, "{ catOrDog }"),
        ("leaf with arguments and selection", Dogs, "{ dog { isHouseTrained(atOtherHomes: true) { yes } } }"),
        ("root typename with selection", Dogs, "{ __typename { x } }"),

        // FieldsOnCorrectType.
        ("unknown field with suggestions", Dogs, "{ dog { meowVolume barkVolum nme } }"),
        ("unknown field on interface suggests fragments", Dogs, "{ pet { meowVolume barkVolume } }"),
        ("unknown field on union", Dogs, "{ catOrDog { name } dogOrHuman { name } humanOrAlien { name } }"),
        ("unknown field deep", Dogs, "{ dog { owner { pets { name } homePlanet } } }"),
        ("unknown root fields", Dogs, "{ dogs cats __typenam __schem { x } }"),
        ("aliased unknown field", Dogs, "{ dog { x: nme } }"),
        ("unknown field in fragment", Dogs, "fragment F on Cat { bark } { cat { ...F } }"),
        ("unknown mutation field", Dogs, "mutation { setNam(name: \"x\") { name } }"),
        ("unknown field inside unknown field", Dogs, "{ dogg { name owner { x } } }"),
        ("schema meta field below root", Dogs, "{ dog { __schema { types { name } } __type(name: \"Dog\") { name } } }"),
        ("unknown field on union suggests interfaces first", Dogs, "{ dogOrHuman { pets { name } } }"),

        // UniqueFragmentNames, KnownFragmentNames, NoUnusedFragments.
        ("duplicate fragments", Dogs, "{ dog { ...F } } fragment F on Dog { name } fragment F on Dog { nickname } fragment F on Dog { barkVolume }"),
        ("unknown fragments", Dogs, "{ dog { ...Missing ... on Dog { ...AlsoMissing } } }"),
        ("unused fragments", Dogs, "{ dog { name } } fragment A on Dog { name } fragment B on Cat { name ...C } fragment C on Cat { name }"),
        ("fragment used only by unused fragment", Dogs, "{ dog { ...A } } fragment A on Dog { name } fragment B on Dog { ...A }"),
        ("fragments with no operations", Dogs, "fragment A on Dog { name }"),

        // PossibleFragmentSpreads.
        ("impossible inline fragments", Dogs, "{ dog { ... on Cat { meowVolume } } cat { ... on Dog { barkVolume } } }"),
        ("impossible named spreads", Dogs, "fragment CatF on Cat { meowVolume } fragment DogF on Dog { ...CatF } { dog { ...DogF } }"),
        ("impossible interface and union spreads", Dogs, "{ dog { ... on HumanOrAlien { __typename } ... on Sentient { name } } humanOrAlien { ... on Pet { name } } }"),
        ("possible abstract spreads", Dogs, "{ pet { ... on CatOrDog { __typename } ... on Dog { name } } catOrDog { ... on Pet { name } } dogOrHuman { ... on Sentient { name } } }"),
        ("impossible spread of unknown-type fragment", Dogs, "{ dog { ...F } } fragment F on Unknown { name }"),

        // NoFragmentCycles.
        ("fragment spreads itself", Dogs, "{ dog { ...A } } fragment A on Dog { ...A }"),
        ("fragment cycle of two", Dogs, "{ dog { ...A } } fragment A on Dog { ...B } fragment B on Dog { ...A }"),
        ("fragment cycle of four", Dogs, "{ dog { ...A } } fragment A on Dog { ...B } fragment B on Dog { ...C } fragment C on Dog { ...D } fragment D on Dog { ...A }"),
        ("fragment cycles sharing fragments", Dogs, """
            { dog { ...A } }
            fragment A on Dog { ...B ...C }
            fragment B on Dog { ...A }
            fragment C on Dog { ...A ...B }
            """),
        ("fragment cycle deep in selections", Dogs, "{ dog { ...A } } fragment A on Dog { owner { pets { ... on Dog { ...B } } } } fragment B on Dog { ... on Dog { ...A } }"),
        ("fragment cycle not reached from operation", Dogs, "fragment A on Dog { ...B } fragment B on Dog { ...A }"),

        // UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables.
        ("duplicate variables", Dogs, "query Q($a: Int, $a: Int, $b: Int, $a: String) { arguments { intArgField(intArg: $a) i2: intArgField(intArg: $b) } }"),
        ("undefined variables in named operation", Dogs, "query Q($a: Int) { arguments { intArgField(intArg: $b) multipleRequirements(x: $a, y: $c) } }"),
        ("undefined variables in anonymous operation", Dogs, "{ arguments { intArgField(intArg: $b) } }"),
        ("undefined variable through fragments in two operations", Dogs, """
            query A($x: Int) { arguments { ...F } }
            query B { arguments { ...F } }
            fragment F on Arguments { intArgField(intArg: $x) floatArgField(floatArg: $y) }
            """),
        ("undefined variable in directive", Dogs, "query Q { dog @include(if: $cond) { name } }"),
        ("undefined variable in list and object", Dogs, "query Q { findDog(complex: {name: $n, childrenNames: [$c1, \"x\", $c2]}) { name } }"),
        ("unused variables", Dogs, "query Q($a: Int, $b: String, $c: Boolean) { arguments { intArgField(intArg: $a) } }"),
        ("unused variables in anonymous operation", Dogs, "query ($a: Int) { dog { name } }"),
        ("variable used only by unused fragment", Dogs, "query Q($a: Int) { dog { name } } fragment F on Arguments { intArgField(intArg: $a) }"),
        ("variable used in one of two operations through fragment", Dogs, """
            query A($a: Boolean) { dog { ...F } }
            query B($a: Boolean) { dog { name } }
            fragment F on Dog { isHouseTrained(atOtherHomes: $a) }
            """),

        // KnownDirectives and DirectivesInValidLocations.
        ("unknown directives", Dogs, "query Q @unknown { dog @undefinedDirective { name @skipp(if: true) } }"),
        ("misplaced directives", Dogs, "query Q @onField { dog @onQuery { ... on Dog @onField { name } ...F @onInlineFragment } } fragment F on Dog @onFragmentSpread { name }"),
        ("misplaced directive on variable", Dogs, "query Q($a: Int @onField) @onMutation { arguments { intArgField(intArg: $a) } }"),
        ("misplaced directives on mutation and subscription", Dogs, "mutation M @onQuery { setName(name: \"x\") @onSubscription { name } } subscription S @onMutation { newMessage { body } }"),
        ("directive used in type definition", Dogs, "{ dog { name } } type T @onQuery { a: Int }"),
        ("type definitions with unknown types and misplaced directives", Dogs, "{ dog { name } } type T { a: Foo b(x: Bar = 1 @skip(if: true)): [Baz!] @deprecated(reason: 1) @deprecated } interface I implements J { a: String } union U = X | Dog"),
        ("input definition with unknown directive and duplicate fields in default", Dogs, "{ dog { name } } input I @unknown { a: Int = \"x\" @deprecated b: ComplexInput = {name: 1, name: 2} }"),
        ("document directive definition stands for the schema's", Dogs, "{ dog { name } } directive @x(a: Int!) on FIELD | OBJECT query Q @x { dog @x(a: 1, b: 2) { name } }"),
        ("document directive on type and extension", Dogs, "{ dog { name } } directive @x on FIELD type T @x { a: Int } extend type T @x"),
        ("document directive repeatable overrides", Dogs, "directive @onField repeatable on FIELD | OBJECT directive @skip(if: Int) repeatable on FIELD_DEFINITION { dog @onField @onField @skip @skip(if: 1) { name } }"),
        ("schema definition and extension directives", Dogs, "{ dog { name } } schema @onQuery { query: Query } extend schema @onQuery"),
        ("enum value directives", Dogs, "{ dog { name } } enum E { A @deprecated(reason: \"x\", reason: \"y\") B @onField }"),
        ("scalar definition and extension directives", Dogs, "{ dog { name } } scalar S @specifiedBy extend scalar S @specifiedBy(url: \"x\")"),
        ("argument definition directives", Dogs, "{ dog { name } } type T { f(a: Int @onField): Int } type Dog @onQuery"),
        ("directive definition argument", Dogs, "{ dog { name } } directive @d(a: Foo = 1 @onQuery) on FIELD"),
        ("unknown interfaces and nested types in definitions", Dogs, "{ dog { name } } type T implements Pet & Unknown { name: String! x: [[Unknown2]] } extend type T implements Unk3"),
        ("document types are known and suggested", Dogs, "type Bird { wings: Int } { dog { ... on Bird { wings } } } fragment F on Birds { wings } query ($b: Bird, $c: Birds) { dog { name } }"),
        ("input field definition location", Dogs, "input I { a: Int @deprecated @onField } extend input I { b: Int @specifiedBy(url: \"x\") } type Q { f(a: I @onFragmentSpread): Int }"),
        ("enum and union and interface locations", Dogs, "enum E @onQuery { A } extend enum E @onQuery union U @onField = Dog extend union U @onField interface I @onQuery { a: Int } extend interface I @onQuery"),
        ("type extension named like another kind", Dogs, "{ dog { name } } type T @onField extend enum T @onField extend input T @onField"),
        ("schema operation types", Dogs, "schema { query: Query mutation: Nope subscription: String }"),
        ("directive values checked in definitions", Dogs, "type T @deprecated(reason: [1]) { a: Int @deprecated(reason: null) b: Int @specifiedBy(url: 1, url: 2) }"),

        // UniqueDirectivesPerLocation.
        ("duplicate non-repeatable directives", Dogs, "{ dog @skip(if: true) @skip(if: false) @include(if: true) @skip(if: true) { name } }"),
        ("duplicate directives on operation and fragment", Dogs, "query Q @onQuery @onQuery { dog { ...F } } fragment F on Dog @onFragmentDefinition @onFragmentDefinition { name }"),
        ("repeatable directive repeated is fine", Dogs, "{ dog @repeatable @repeatable { ... @repeatable @repeatable { name } } }"),
        ("duplicate unknown directives", Dogs, "{ dog @nope @nope { name } }"),

        // KnownArgumentNames and UniqueArgumentNames.
        ("unknown field arguments", Dogs, "{ dog { doesKnowCommand(dogCommand: SIT, unknown: 1, dogcommand: SIT) name(x: 1) } }"),
        ("unknown directive arguments", Dogs, "{ dog @skip(iff: true, if: true) { name @include(if: true, unless: false) } }"),
        ("arguments of unknown directive", Dogs, "{ dog @nope(a: 1) { name } }"),
        ("arguments of unknown field", Dogs, "{ dog { nope(a: 1) } }"),
        ("duplicate field arguments", Dogs, "{ arguments { multipleRequirements(x: 1, y: 2, x: 3, x: 4) } }"),
        ("duplicate directive arguments", Dogs, "{ dog @skip(if: true, if: false) { name } }"),

        // ProvidedRequiredArguments.
        ("missing required field arguments", Dogs, "{ dog { doesKnowCommand } arguments { multipleRequirements nonNullBooleanArgField booleanListArgField } }"),
        ("missing one of two required arguments", Dogs, "{ arguments { multipleRequirements(y: 1) } }"),
        ("required argument with default may be omitted", Dogs, "{ arguments { optionalNonNullBooleanArgField } }"),
        ("missing required directive arguments", Dogs, "{ dog @skip @include { name } }"),
        ("required argument given null", Dogs, "{ arguments { nonNullBooleanArgField(nonNullBooleanArg: null) multipleRequirements(x: null, y: 1) } }"),
        ("missing directive argument in complex schema", Complex, "{ nonNullList @withRequiredArg @withRequiredArg(optional: 2) }"),

        // ValuesOfCorrectType: scalars.
        ("int given other kinds", Complex, """{ complicatedArgs { a: intArgField(intArg: "3") b: intArgField(intArg: 3.0) c: intArgField(intArg: true) d: intArgField(intArg: FOO) e: intArgField(intArg: [1]) f: intArgField(intArg: {a: 1}) } }"""),
        ("int out of range", Complex, "{ complicatedArgs { a: intArgField(intArg: 2147483648) b: intArgField(intArg: -2147483649) c: intArgField(intArg: 2147483647) d: intArgField(intArg: -2147483648) e: intArgField(intArg: 829384293849283498239482938) } }"),
        ("int given exponent", Complex, "{ complicatedArgs { a: intArgField(intArg: 1e3) b: intArgField(intArg: 1.0) c: intArgField(intArg: -0) } }"),
        ("float given other kinds", Complex, """{ complicatedArgs { a: floatArgField(floatArg: "3.3") b: floatArgField(floatArg: true) c: floatArgField(floatArg: FOO) d: floatArgField(floatArg: 1) e: floatArgField(floatArg: 1e400) f: floatArgField(floatArg: -1.5e-3) } }"""),
        ("string given other kinds", Complex, "{ complicatedArgs { a: stringArgField(stringArg: 1) b: stringArgField(stringArg: 1.5) c: stringArgField(stringArg: true) d: stringArgField(stringArg: BAR) e: stringArgField(stringArg: [\"a\"]) f: stringArgField(stringArg: {a: \"b\"}) } }"),
        ("boolean given other kinds", Complex, "{ complicatedArgs { a: booleanArgField(booleanArg: 2) b: booleanArgField(booleanArg: 1.0) c: booleanArgField(booleanArg: \"true\") d: booleanArgField(booleanArg: TRUE) e: booleanArgField(booleanArg: True) } }"),
        ("id given other kinds", Complex, "{ complicatedArgs { a: idArgField(idArg: 1.0) b: idArgField(idArg: true) c: idArgField(idArg: SOMETHING) d: idArgField(idArg: 123456789012345678901234567890) e: idArgField(idArg: \"x\") f: idArgField(idArg: -1) } }"),
        ("strings with escapes in messages", Complex, "{ complicatedArgs { a: intArgField(intArg: \"a\\\"b\\\\c\\n\") b: intArgField(intArg: \"\"\"block\n  text\"\"\") c: intArgField(intArg: \"😀\\u00e9\") } }"),
        ("enum given other kinds", Complex, "{ complicatedArgs { a: enumArgField(enumArg: 2) b: enumArgField(enumArg: \"BROWN\") c: enumArgField(enumArg: brown) d: enumArgField(enumArg: true) e: enumArgField(enumArg: null) f: enumArgField(enumArg: BLACKK) g: enumArgField(enumArg: [BROWN]) } }"),
        ("enum suggestions", Dogs, "{ dog { a: doesKnowCommand(dogCommand: sit) b: doesKnowCommand(dogCommand: HEAL) c: doesKnowCommand(dogCommand: DOWNN) d: doesKnowCommand(dogCommand: \"SIT\") } }"),
        ("custom scalar that always fails", Complex, "{ a: invalidArg(arg: 123) b: invalidArg(arg: \"x\") c: invalidArg(arg: {a: [1, B, \"c\"]}) d: invalidArg(arg: null) }"),

        // ValuesOfCorrectType: lists and non-null.
        ("list items of wrong type", Complex, "{ complicatedArgs { a: stringListArgField(stringListArg: [\"one\", 2, null, [\"x\"]]) b: stringListArgField(stringListArg: 1) c: stringListArgField(stringListArg: \"single\") } }"),
        ("non-null list items null", Complex, "{ complicatedArgs { a: stringListNonNullArgField(stringListNonNullArg: [\"a\", null, null]) b: stringListNonNullArgField(stringListNonNullArg: null) } }"),
        ("non-null arguments null and wrong", Complex, "{ complicatedArgs { a: nonNullIntArgField(nonNullIntArg: null) b: multipleReqs(req1: \"one\", req2: null) c: nonNullFieldWithDefault(arg: null) } }"),
        ("nested list argument", Dogs, "{ booleanList(booleanListArg: [true, false, null, 1]) arguments { booleanListArgField(booleanListArg: [[true]]) } }"),

        // ValuesOfCorrectType: input objects.
        ("input object missing required field", Complex, "{ complicatedArgs { complexArgField(complexArg: {intField: 4}) } }"),
        ("input object required field null", Complex, "{ complicatedArgs { complexArgField(complexArg: {requiredField: null, nonNullField: null}) } }"),
        ("input object unknown fields", Complex, "{ complicatedArgs { complexArgField(complexArg: {requiredField: true, unknownField: \"value\", intFeld: 1, stringfield: \"x\"}) } }"),
        ("input object wrong field types", Complex, "{ complicatedArgs { complexArgField(complexArg: {requiredField: \"true\", intField: 1.5, stringListField: [1, \"b\"], nested: {requiredField: 1, nested: {x: 1}}}) } }"),
        ("input object given scalar", Complex, "{ complicatedArgs { a: complexArgField(complexArg: 1) b: complexArgField(complexArg: \"x\") c: complexArgField(complexArg: [{requiredField: true}]) } }"),
        ("input object duplicate fields", Complex, "{ complicatedArgs { complexArgField(complexArg: {requiredField: true, requiredField: false, intField: 1, intField: 2, intField: 3}) } }"),
        ("nested input object duplicate fields", Complex, "{ complicatedArgs { complexArgField(complexArg: {requiredField: true, nested: {requiredField: true, nested: {requiredField: true, stringField: \"a\", stringField: \"b\"}}}) } }"),
        ("dog schema input object errors", Dogs, "{ findDog(complex: {name: 1, owner: null, childrenNames: [\"a\", 2], color: \"brown\"}) { name } }"),

        // ValuesOfCorrectType: OneOf input objects.
        ("oneOf with two fields", Complex, "{ complicatedArgs { oneOfArgField(oneOfArg: {stringField: \"a\", intField: 1}) } }"),
        ("oneOf with no fields", Complex, "{ complicatedArgs { oneOfArgField(oneOfArg: {}) } }"),
        ("oneOf with null field", Complex, "{ complicatedArgs { oneOfArgField(oneOfArg: {stringField: null}) } }"),
        ("oneOf with nullable variable", Complex, "query ($s: String) { complicatedArgs { oneOfArgField(oneOfArg: {stringField: $s}) } }"),
        ("oneOf with non-null variable is fine", Complex, "query ($s: String!) { complicatedArgs { oneOfArgField(oneOfArg: {stringField: $s}) } }"),
        ("oneOf with wrong field type and unknown field", Complex, "{ complicatedArgs { a: oneOfArgField(oneOfArg: {intField: \"x\"}) b: oneOfArgField(oneOfArg: {nope: 1}) } }"),
        ("oneOf with variable and literal", Dogs, "query ($n: String!) { findDog(searchBy: {name: $n, owner: \"x\"}) { name } }"),

        ("oneOf with defaulted nullable variable", Dogs, "query ($n: String = \"x\") { findDog(searchBy: {name: $n}) { name } }"),
        ("oneOf variable as a whole may be nullable", Dogs, "query ($s: FindDogInput) { findDog(searchBy: $s) { name } }"),
        ("oneOf nested in list and object literal", Complex, "{ complicatedArgs { oneOfArgField(oneOfArg: {stringField: \"a\", intField: null}) } }"),

        // ValuesOfCorrectType: variable default values.
        ("variable defaults of wrong type", Complex, "query Q($a: Int = \"one\", $b: String = 4, $c: ComplexInput = {intField: 3}, $d: [String] = [1, \"b\"], $e: FurColor = \"BROWN\") { complicatedArgs { a: intArgField(intArg: $a) b: stringArgField(stringArg: $b) c: complexArgField(complexArg: $c) d: stringListArgField(stringListArg: $d) e: enumArgField(enumArg: $e) } }"),
        ("non-null variable with null default", Complex, "query Q($a: Int! = null, $b: String! = \"ok\") { complicatedArgs { a: nonNullIntArgField(nonNullIntArg: $a) b: stringArgField(stringArg: $b) } }"),
        ("variable default for unknown type", Complex, "query Q($a: Unknown = 1) { complicatedArgs { intArgField(intArg: $a) } }"),

        // VariablesInAllowedPosition.
        ("nullable variable into non-null argument", Dogs, "query Q($a: Boolean) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $a) } }"),
        ("nullable variable with default into non-null argument", Dogs, "query Q($a: Boolean = true) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $a) } }"),
        ("variable into argument with default", Dogs, "query Q($a: Boolean) { arguments { optionalNonNullBooleanArgField(optionalBooleanArg: $a) } }"),
        ("wrong variable types", Dogs, "query Q($s: String, $i: Int!, $l: [Boolean], $c: CatCommand!) { arguments { a: booleanArgField(booleanArg: $s) b: floatArgField(floatArg: $i) c: booleanListArgField(booleanListArg: $l) d: intArgField(intArg: $l) } dog { doesKnowCommand(dogCommand: $c) } }"),
        ("list item variable positions", Dogs, "query Q($b: Boolean, $bb: Boolean!) { booleanList(booleanListArg: [$b, $bb, true]) arguments { booleanListArgField(booleanListArg: [$b, $bb]) } }"),
        ("variable in input object field", Dogs, "query Q($i: Int, $n: String!) { findDog(complex: {name: $i, owner: $n}) { name } }"),
        ("variable positions through fragments", Dogs, """
            query A($x: Boolean) { arguments { ...F } }
            query B($x: Boolean!) { arguments { ...F } }
            query C($x: String) { arguments { ...F } }
            fragment F on Arguments { nonNullBooleanArgField(nonNullBooleanArg: $x) }
            """),
        ("variable in directive argument", Dogs, "query Q($a: Boolean, $b: String!) { dog @include(if: $a) @skip(if: $b) { name } }"),
        ("nested list variable", Complex, "query Q($l: [[String]], $s: [String!]!) { complicatedArgs { a: stringListArgField(stringListArg: $l) b: stringListNonNullArgField(stringListNonNullArg: $s) } }"),

        // OverlappingFieldsCanBeMerged.
        ("same alias different fields", Dogs, "{ dog { name: nickname name } }"),
        ("same alias different arguments", Dogs, "{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) } }"),
        ("same field with and without arguments", Dogs, "{ dog { isHouseTrained isHouseTrained(atOtherHomes: true) } }"),
        ("same field different variables", Dogs, "query Q($a: Boolean, $b: Boolean) { dog { isHouseTrained(atOtherHomes: $a) isHouseTrained(atOtherHomes: $b) } }"),
        ("same argument in different order is fine", Dogs, "{ arguments { multipleRequirements(x: 1, y: 2) multipleRequirements(y: 2, x: 1) } }"),
        ("conflict through fragments", Dogs, "{ dog { ...A ...B } } fragment A on Dog { x: name } fragment B on Dog { x: barkVolume }"),
        ("conflict inside fragment and inline fragments", Dogs, "{ dog { ... on Dog { a: name } ... { a: nickname } } }"),
        ("deep conflict", Dogs, "{ dog { owner { x: name } owner { x: __typename } } }"),
        ("very deep conflict", Dogs, "{ human { pets { name } pets { name: __typename } } dog { owner { pets { ... on Dog { owner { name } } } } owner { pets { ... on Dog { owner { name: __typename } } } } } }"),
        ("conflicting return types on different parents", Complex, "{ someBox { ... on IntBox { scalar } ... on StringBox { scalar } } }"),
        ("non-null versus nullable on different parents", Complex, "{ someBox { ... on NonNullStringBox1 { scalar } ... on StringBox { scalar } } }"),
        ("list versus non-list on different parents", Complex, "{ someBox { ... on IntBox { box: listStringBox { scalar } } ... on StringBox { box: stringBox { scalar } } } }"),
        ("different fields on different parents are fine", Complex, "{ someBox { ... on IntBox { val: scalar } ... on StringBox { val: unrelatedField } } }"),
        ("deep conflict on different parents", Complex, "{ someBox { ... on IntBox { deepBox { scalar } } ... on StringBox { deepBox { scalar } } } }"),
        ("reports each conflict once", Dogs, "{ dog { x: name ...F } dog { x: nickname ...F } } fragment F on Dog { x: barkVolume }"),
        ("conflict between fragment and field with spread twice", Dogs, "{ dog { ...F name: nickname ...F } } fragment F on Dog { name }"),
        ("conflicts in nested fragments", Dogs, """
            {
              dog { ...F1 }
              dog { ...F2 }
            }
            fragment F1 on Dog { owner { name } }
            fragment F2 on Dog { owner { name: __typename } }
            """),
        ("typename aliases conflict", Dogs, "{ dog { __typename: name } }"),
        ("connection conflict", Complex, "{ connection { edges { node { id: name } } } connection { edges { node { id } } } }"),
        ("conflicts in mutation", Dogs, "mutation { setName(name: \"a\") { name } setName(name: \"b\") { name } }"),
        ("same field different directives is fine", Dogs, "{ dog { name @include(if: true) name @skip(if: false) } }"),
        ("conflict with unknown field", Dogs, "{ dog { name: unknown name } }"),

        ("conflict in fragment spread into itself and another", Dogs, "{ dog { ...A ...B } } fragment A on Dog { name ...B } fragment B on Dog { name: nickname }"),
        ("conflicting fragment spread twice with different parents", Dogs, "{ a: dog { ...F } a: dog { name: nickname } } fragment F on Dog { name }"),
        ("conflict through recursive fragments does not loop", Dogs, "{ dog { ...A } } fragment A on Dog { name ...B } fragment B on Dog { name: nickname ...A }"),
        ("conflict with unknown fragment is ignored", Dogs, "{ dog { ...Unknown name ...Unknown } }"),
        ("conflict between aliased fields in nested fragments", Dogs, "{ human { ...H } human { pets { ... on Dog { n: barkVolume } } } } fragment H on Human { pets { ... on Dog { n: name } } }"),
        ("conflict in argument with list and object values", Dogs, "{ findDog(complex: {name: \"a\", childrenNames: [\"x\"]}) { name } findDog(complex: {childrenNames: [\"x\"], name: \"a\"}) { name } }"),
        ("conflict between aliased root fields of different types", Dogs, "{ x: dog { name } x: cat { name } }"),
        ("conflict on interface fields through inline fragments", Dogs, "{ pet { ... on Dog { name: nickname } ... on Cat { name } } }"),
        ("many field suggestions", Complex, "{ complicatedArgs { argField } }"),
        ("field suggestions on interface in union", Dogs, "{ catOrDog { ... on Pet { nam } } humanOrAlien { ... on Sentient { ... on Human { petz } } } }"),

        // Combinations: many rules, many errors, in order.
        ("combination one", Dogs, """
            query Q($unused: Int, $dog: Dog) @onField {
              dog { meow name(x: 1) { y } ...Missing }
              cat @skip(if: $undefined) { doesKnowCommand(catCommand: SIT) }
              arguments { multipleRequirements(x: "1") }
            }
            query Q { pet }
            fragment Unused on Pet { name }
            """),
        ("combination two", Complex, """
            {
              complicatedArgs {
                complexArgField(complexArg: {requiredField: 1, unknown: 2, nested: {intField: "x"}})
                multipleReqs(req1: 1, req1: 2)
                intArgField(intArg: $v)
                nope
              }
              someBox { scalar ... on IntBox { scalar } ... on StringBox { scalar } }
            }
            """),
        ("combination three", Dogs, """
            subscription S($a: Boolean!) {
              newMessage @include(if: $a) @include(if: $b) { body sender { name } }
              disallowedSecondRootField(arg: 1)
            }
            fragment F on Subscription { ...G }
            fragment G on Subscription { ...F }
            """),
        ("combination four", Dogs, """
            query A { dog { ...DogF } }
            query A($x: Int) { cat { ...CatF } }
            fragment DogF on Dog { name barkVolume: name ... on Cat { meowVolume } }
            fragment CatF on Cat { doesKnowCommand(catCommand: JUMP) doesKnowCommand(catCommand: $x) }
            """),
        ("combination five", Dogs, """
            {
              human(id: 4, id: "4") { name pets { ... on Dog { barkVolume } ... on Cat { barkVolume } } }
              alien { homePlanet(full: true) name @onQuery }
              findDog(searchBy: {name: "a", owner: "b"}, complex: {name: 1}) { name }
            }
            """),
        ("combination six", Complex, """
            query Q($oneOf: OneOfInput, $list: [String], $i: Int = 1.5) {
              complicatedArgs {
                oneOfArgField(oneOfArg: $oneOf)
                stringListNonNullArgField(stringListNonNullArg: $list)
                nonNullIntArgField(nonNullIntArg: $i)
                enumArgField(enumArg: $list)
              }
            }
            """),
        ("too many errors", Dogs, "{ " + string.Concat(Enumerable.Range(0, 105).Select(i => $"f{i} ")) + "}"),
        ("errors across multiple lines", Dogs, """
            query Q(
              $a: Int
            ) {
              dog {
                name
                doesKnowCommand(
                  dogCommand: MEOW
                )
                ...F
              }
            }
            fragment F on Dog {
              name: nickname
            }
            """),
    ];

    /// <summary>Cases where graphql-js 16 departs from the spec (or fails) and we follow the spec; each keeps our answer.</summary>
    private static readonly Dictionary<string, KnownDifference> Known = new()
    {
        ["float given other kinds"] = new(
            "spec § 3.5.2 Float input coercion: a value not representable as a finite IEEE 754 double (1e400) raises a request error; graphql-js 16's Float.parseLiteral accepts it as Infinity",
            """
            Float cannot represent non numeric value: "3.3" @ 1:48
            Float cannot represent non numeric value: true @ 1:82
            Float cannot represent non numeric value: FOO @ 1:115
            Float cannot represent non numeric value: 1e400 @ 1:177
            """),
        ["subscription with skip still counts"] = new(
            "spec § 5.2.3.1 Single Root Field (2025): no @skip/@include on a subscription's root selections; graphql-js 16 predates the rule (v17 has it)",
            "Subscription \"S\" must not use `@skip` or `@include` directives in the top level selection. @ 1:64"),
        ["input field definition location"] = new(
            "spec § 3.13 directive locations: a field of an input object extension is an INPUT_FIELD_DEFINITION; graphql-js 16's KnownDirectivesRule checks only for an input object definition and calls it ARGUMENT_DEFINITION",
            """
            The "I" definition is not executable. @ 1:1
            The "I" definition is not executable. @ 1:41
            The "Q" definition is not executable. @ 1:90
            Directive "@onField" may not be used on INPUT_FIELD_DEFINITION. @ 1:30
            Directive "@specifiedBy" may not be used on INPUT_FIELD_DEFINITION. @ 1:65
            Directive "@onFragmentSpread" may not be used on ARGUMENT_DEFINITION. @ 1:106
            """),
        ["combination three"] = new(
            "graphql-js 16's SingleFieldSubscriptionsRule throws (it collects fields without variable values, so @include(if: $a) with a non-null $a fails) instead of reporting errors; we report as graphql-js 17 does (the @skip/@include error alone for the root selection)",
            """
            Subscription "S" must not use `@skip` or `@include` directives in the top level selection. @ 2:14, 2:31
            The directive "@include" can only be used once at this location. @ 2:14, 2:31
            Field "sender" must not have a selection since type "String" has no subfields. @ 2:62
            Unknown argument "arg" on field "Subscription.disallowedSecondRootField". @ 3:29
            Variable "$b" is not defined by operation "S". @ 2:44, 1:1
            Cannot spread fragment "F" within itself via "G". @ 5:30, 6:30
            Fragment "F" is never used. @ 5:1
            Fragment "G" is never used. @ 6:1
            """),
    };

    private static readonly Dictionary<string, string> Sdls = new()
    {
        [Dogs] = ValidationSchema.Sdl,
        [Complex] = ComplexValidationSchema.Sdl,
    };

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Same_validation_errors_as_graphql_js(string name)
    {
        var (_, schemaName, source) = Cases.Single(c => c.Name == name);
        var expected = Differential.DescribeErrors(await reference.ForAsync(name));
        ISchema schema = schemaName == Dogs ? ValidationSchema.Schema : ComplexValidationSchema.Schema;

        string actual;
        try
        {
            actual = Differential.DescribeErrors(DocumentValidator.Default.Validate(schema, Parser.Parse(source)));
        }
        catch (GraphQLSyntaxException ex)
        {
            actual = Differential.DescribeErrors(ex.Errors);
        }

        Differential.AssertSame(expected, actual, Known.GetValueOrDefault(name));
    }

    public sealed class Reference() : ReferenceAnswers(
        "validate",
        Sdls,
        Cases.Select(c => (c.Name, (object)new { schema = c.Schema, source = c.Source })).ToList());
}
