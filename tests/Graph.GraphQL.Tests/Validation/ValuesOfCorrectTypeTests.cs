using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class ValuesOfCorrectTypeTests() : ValidationTestBase(ValuesOfCorrectType.Instance)
{
    private static ISchema Complex => ComplexValidationSchema.Schema;

    [Fact]
    public void Coercible_literals_are_valid() => ExpectValid("""
        fragment goodBooleanArg on Arguments {
          booleanArgField(booleanArg: true)
        }

        fragment coercedIntIntoFloatArg on Arguments {
          # Note: The input coercion rules for Float allow Int literals.
          floatArgField(floatArg: 123)
        }

        query goodComplexDefaultValue($search: ComplexInput = { name: "Fido" }) {
          findDog(complex: $search)
        }
        """);

    [Fact]
    public void Lists_single_values_ids_and_enums_are_valid() => ExpectValid("""
        {
          complicatedArgs {
            a: stringListArgField(stringListArg: ["one", null, "two"])
            b: stringListArgField(stringListArg: "one")
            idArgField(idArg: 1)
            c: idArgField(idArg: "someId")
            enumArgField(enumArg: NO_FUR)
            intArgField(intArg: null)
            intArgField(unknownArg: "not checked")
          }
        }
        """, Complex);

    [Fact]
    public void Rejects_a_string_into_an_int_and_an_int_into_a_string() => ExpectErrors("""
        fragment stringIntoInt on Arguments {
          intArgField(intArg: "123")
        }

        query badComplexValue {
          findDog(complex: { name: 123 })
        }
        """,
        ("Int cannot represent non-integer value: \"123\"", 2, 23),
        ("String cannot represent a non string value: 123", 6, 28));

    [Fact]
    public void Rejects_null_for_a_non_null_argument() => ExpectErrors(
        "{ arguments { nonNullBooleanArgField(nonNullBooleanArg: null) } }",
        ("Expected value of type \"Boolean!\", found null.", 1, 57));

    [Fact]
    public void Reports_enum_errors_with_suggestions() => ExpectErrors("""
        {
          dog {
            a: doesKnowCommand(dogCommand: "SIT")
            b: doesKnowCommand(dogCommand: sit)
            c: doesKnowCommand(dogCommand: JUGGLE)
          }
        }
        """,
        ("Enum \"DogCommand\" cannot represent non-enum value: \"SIT\". Did you mean the enum value \"SIT\"?", 3, 36),
        ("Value \"sit\" does not exist in \"DogCommand\" enum. Did you mean the enum value \"SIT\"?", 4, 36),
        ("Value \"JUGGLE\" does not exist in \"DogCommand\" enum.", 5, 36));

    [Fact]
    public void Checks_list_items_and_rejects_lists_where_none_is_expected() => ExpectErrorsIn(Complex, """
        {
          complicatedArgs {
            stringListArgField(stringListArg: ["one", 2])
            stringArgField(stringArg: ["one"])
            stringListNonNullArgField(stringListNonNullArg: ["a", null])
          }
        }
        """,
        Error("String cannot represent a non string value: 2", (3, 47)),
        Error("String cannot represent a non string value: [\"one\"]", (4, 31)),
        Error("Expected value of type \"String!\", found null.", (5, 59)));

    [Fact]
    public void Rejects_numbers_out_of_range_or_of_the_wrong_kind() => ExpectErrorsIn(Complex, """
        {
          complicatedArgs {
            a: intArgField(intArg: 2147483648)
            b: intArgField(intArg: 1.5)
            floatArgField(floatArg: "1.5")
            booleanArgField(booleanArg: 1)
          }
        }
        """,
        Error("Int cannot represent non 32-bit signed integer value: 2147483648", (3, 28)),
        Error("Int cannot represent non-integer value: 1.5", (4, 28)),
        Error("Float cannot represent non numeric value: \"1.5\"", (5, 29)),
        Error("Boolean cannot represent a non boolean value: 1", (6, 33)));

    [Fact]
    public void Wraps_a_plain_exception_of_a_custom_scalar() => ExpectErrorsIn(Complex,
        "{ invalidArg(arg: 123) }",
        Error("Expected value of type \"Invalid\", found 123; Invalid scalar is always invalid: 123", (1, 19)));

    [Fact]
    public void Rejects_a_scalar_where_an_input_object_is_expected() => ExpectErrorsIn(Complex,
        "{ complicatedArgs { complexArgField(complexArg: \"x\") } }",
        Error("Expected value of type \"ComplexInput\", found \"x\".", (1, 49)));

    [Fact]
    public void Checks_variable_default_values() => ExpectErrors("""
        query q($a: Int = "one", $b: String = 4, $c: ComplexInput = "NotVeryComplex") { dog { name } }
        query r($a: Int! = null) { dog { name } }
        """,
        ("Int cannot represent non-integer value: \"one\"", 1, 19),
        ("String cannot represent a non string value: 4", 1, 39),
        ("Expected value of type \"ComplexInput\", found \"NotVeryComplex\".", 1, 61),
        ("Expected value of type \"Int!\", found null.", 2, 20));

    [Fact]
    public void Accepts_a_oneOf_input_with_exactly_one_non_null_field() => ExpectValid("""
        query q($s: String!) {
          complicatedArgs {
            a: oneOfArgField(oneOfArg: { stringField: "abc" })
            b: oneOfArgField(oneOfArg: { intField: 1 })
            c: oneOfArgField(oneOfArg: { stringField: $s })
          }
        }
        """, Complex);

    [Fact]
    public void Rejects_oneOf_inputs_without_exactly_one_non_null_field() => ExpectErrorsIn(Complex, """
        {
          complicatedArgs {
            a: oneOfArgField(oneOfArg: { stringField: "abc", intField: 123 })
            b: oneOfArgField(oneOfArg: { stringField: null })
            c: oneOfArgField(oneOfArg: {})
          }
        }
        """,
        Error("OneOf Input Object \"OneOfInput\" must specify exactly one key.", (3, 32)),
        Error("Field \"OneOfInput.stringField\" must be non-null.", (4, 32)),
        Error("OneOf Input Object \"OneOfInput\" must specify exactly one key.", (5, 32)));

    [Fact]
    public void Applies_the_oneOf_rule_of_the_spec_schema() => ExpectErrors(
        "{ findDog(searchBy: { name: \"Fido\", owner: \"Jane\" }) { name } }",
        ("OneOf Input Object \"FindDogInput\" must specify exactly one key.", 1, 21));
}
