using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class RequiredArgumentsTests() : ValidationTestBase(RequiredArguments.Instance)
{
    [Fact]
    public void Given_and_optional_arguments_are_valid() => ExpectValid("""
        fragment goodBooleanArg on Arguments {
          booleanArgField(booleanArg: true)
        }

        fragment goodNonNullArg on Arguments {
          nonNullBooleanArgField(nonNullBooleanArg: true)
        }

        fragment goodBooleanArgDefault on Arguments {
          booleanArgField
        }

        fragment defaultedNonNull on Arguments {
          optionalNonNullBooleanArgField
        }
        """);

    [Fact]
    public void An_explicit_null_is_left_to_values_of_correct_type() => ExpectValid("""
        fragment missingRequiredArg on Arguments {
          nonNullBooleanArgField(nonNullBooleanArg: null)
        }
        """);

    [Fact]
    public void Rejects_a_missing_required_field_argument() => ExpectErrors("""
        fragment missingRequiredArg on Arguments {
          nonNullBooleanArgField
        }
        """,
        ("Field \"nonNullBooleanArgField\" argument \"nonNullBooleanArg\" of type \"Boolean!\" is required, but it was not provided.", 2, 3));

    [Fact]
    public void Reports_each_missing_argument_in_definition_order() => ExpectErrors(
        "{ arguments { multipleRequirements } }",
        ("Field \"multipleRequirements\" argument \"x\" of type \"Int!\" is required, but it was not provided.", 1, 15),
        ("Field \"multipleRequirements\" argument \"y\" of type \"Int!\" is required, but it was not provided.", 1, 15));

    [Fact]
    public void Rejects_directives_without_their_required_arguments() => ExpectErrors("""
        {
          dog @include {
            name @skip
          }
        }
        """,
        ("Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.", 2, 7),
        ("Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.", 3, 10));

    [Fact]
    public void Reports_a_field_after_the_errors_inside_it() => ExpectErrors("""
        {
          arguments {
            multipleRequirements(x: 1) @include
          }
        }
        """,
        ("Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.", 3, 32),
        ("Field \"multipleRequirements\" argument \"y\" of type \"Int!\" is required, but it was not provided.", 3, 5));

    [Fact]
    public void Ignores_unknown_fields_and_directives() => ExpectValid("{ dog @unknown { unknownField } }");
}
