using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class AllVariableUsagesAreAllowedTests() : ValidationTestBase(AllVariableUsagesAreAllowed.Instance)
{
    [Fact]
    public void Matching_and_stricter_types_are_valid() => ExpectValid("""
        query nonNullListToList($nonNullBooleanList: [Boolean]!, $b: Boolean!, $l: [Boolean!]!) {
          arguments {
            booleanListArgField(booleanListArg: $nonNullBooleanList)
            booleanArgField(booleanArg: $b)
            other: booleanListArgField(booleanListArg: $l)
          }
          booleanList(booleanListArg: [$b])
        }
        """);

    [Fact]
    public void Default_values_of_the_variable_or_the_location_allow_nullable_variables() => ExpectValid("""
        query booleanArgQueryWithDefault($booleanArg: Boolean) {
          arguments {
            optionalNonNullBooleanArgField(optionalBooleanArg: $booleanArg)
          }
        }

        query booleanArgQueryWithDefault2($booleanArg: Boolean = true) {
          arguments {
            nonNullBooleanArgField(nonNullBooleanArg: $booleanArg)
          }
        }
        """);

    [Fact]
    public void Rejects_a_different_type() => ExpectErrors("""
        query intCannotGoIntoBoolean($intArg: Int) {
          arguments {
            booleanArgField(booleanArg: $intArg)
          }
        }
        """,
        Error("Variable \"$intArg\" of type \"Int\" used in position expecting type \"Boolean\".", (1, 30), (3, 33)));

    [Fact]
    public void Rejects_a_list_where_a_single_value_is_expected() => ExpectErrors("""
        query booleanListCannotGoIntoBoolean($booleanListArg: [Boolean]) {
          arguments {
            booleanArgField(booleanArg: $booleanListArg)
          }
        }
        """,
        Error("Variable \"$booleanListArg\" of type \"[Boolean]\" used in position expecting type \"Boolean\".", (1, 38), (3, 33)));

    [Fact]
    public void Rejects_a_nullable_variable_in_a_non_null_position() => ExpectErrors("""
        query booleanArgQuery($booleanArg: Boolean) {
          arguments {
            nonNullBooleanArgField(nonNullBooleanArg: $booleanArg)
          }
        }
        """,
        Error("Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type \"Boolean!\".", (1, 23), (3, 47)));

    [Fact]
    public void Rejects_a_nullable_list_in_a_non_null_list_position() => ExpectErrors("""
        query listToNonNullList($booleanList: [Boolean]) {
          arguments {
            booleanListArgField(booleanListArg: $booleanList)
          }
        }
        """,
        Error("Variable \"$booleanList\" of type \"[Boolean]\" used in position expecting type \"[Boolean]!\".", (1, 25), (3, 41)));

    [Fact]
    public void Rejects_nullable_items_for_non_null_items_and_in_list_positions() => ExpectErrors("""
        query q($l: [Boolean]) { booleanList(booleanListArg: $l) }
        query r($b: Boolean) { booleanList(booleanListArg: [$b]) }
        """,
        Error("Variable \"$l\" of type \"[Boolean]\" used in position expecting type \"[Boolean!]\".", (1, 9), (1, 54)),
        Error("Variable \"$b\" of type \"Boolean\" used in position expecting type \"Boolean!\".", (2, 9), (2, 53)));

    [Fact]
    public void A_null_default_value_does_not_allow_a_nullable_variable() => ExpectErrors(
        "query q($b: Boolean = null) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $b) } }",
        Error("Variable \"$b\" of type \"Boolean\" used in position expecting type \"Boolean!\".", (1, 9), (1, 85)));

    [Fact]
    public void Checks_directive_arguments_and_fragments_of_each_operation() => ExpectErrors("""
        query q1($b: Boolean) {
          arguments @include(if: $b) {
            ...f
          }
        }

        fragment f on Arguments {
          nonNullBooleanArgField(nonNullBooleanArg: $b)
        }
        """,
        Error("Variable \"$b\" of type \"Boolean\" used in position expecting type \"Boolean!\".", (1, 10), (2, 26)),
        Error("Variable \"$b\" of type \"Boolean\" used in position expecting type \"Boolean!\".", (1, 10), (8, 45)));

    [Fact]
    public void Input_field_defaults_allow_nullable_variables() => ExpectErrorsIn(ComplexValidationSchema.Schema, """
        query q($b: Boolean) {
          complicatedArgs {
            complexArgField(complexArg: { requiredField: $b, nonNullField: $b })
          }
        }
        """,
        Error("Variable \"$b\" of type \"Boolean\" used in position expecting type \"Boolean!\".", (1, 9), (3, 50)));

    [Fact]
    public void Ignores_undefined_variables() => ExpectValid("query q { arguments { booleanArgField(booleanArg: $x) } }");

    [Fact]
    public void Requires_non_null_variables_for_oneOf_fields_even_with_a_default() => ExpectErrorsIn(ComplexValidationSchema.Schema, """
        query q($s: String) { complicatedArgs { oneOfArgField(oneOfArg: { stringField: $s }) } }
        query r(
          $i: Int = 3
        ) {
          complicatedArgs { oneOfArgField(oneOfArg: { intField: $i }) }
        }
        """,
        Error("Variable \"$s\" is of type \"String\" but must be non-nullable to be used for OneOf Input Object \"OneOfInput\".", (1, 9), (1, 80)),
        Error("Variable \"$i\" is of type \"Int\" but must be non-nullable to be used for OneOf Input Object \"OneOfInput\".", (3, 3), (5, 57)));

    [Fact]
    public void Accepts_non_null_variables_for_oneOf_fields() => ExpectValid(
        "query q($s: String!) { complicatedArgs { oneOfArgField(oneOfArg: { stringField: $s }) } }", ComplexValidationSchema.Schema);

    [Fact]
    public void Applies_the_oneOf_rule_of_the_spec_schema() => ExpectErrors(
        "query q($name: String) { findDog(searchBy: { name: $name }) { name } }",
        Error("Variable \"$name\" is of type \"String\" but must be non-nullable to be used for OneOf Input Object \"FindDogInput\".", (1, 9), (1, 52)));
}
