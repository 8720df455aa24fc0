using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class DirectivesAreUniquePerLocationTests() : ValidationTestBase(DirectivesAreUniquePerLocation.Instance)
{
    [Fact]
    public void One_use_per_location_is_valid_even_on_fields_of_the_same_name() => ExpectValid("""
        query ($foo: Boolean = true, $bar: Boolean = false) {
          field @skip(if: $foo) {
            subfieldA
          }
          field @skip(if: $bar) {
            subfieldB
          }
        }
        """);

    [Fact]
    public void Repeatable_and_unknown_directives_may_repeat() => ExpectValid("{ dog @repeatable @repeatable @unknown @unknown { name } }");

    [Fact]
    public void Rejects_a_repeated_directive() => ExpectErrors("""
        query ($foo: Boolean = true, $bar: Boolean = false) {
          field @skip(if: $foo) @skip(if: $bar)
        }
        """,
        Error("The directive \"@skip\" can only be used once at this location.", (2, 9), (2, 25)));

    [Fact]
    public void Reports_each_repetition_against_the_first_use() => ExpectErrors(
        "{ dog @include(if: true) @include(if: true) @include(if: true) { name } }",
        Error("The directive \"@include\" can only be used once at this location.", (1, 7), (1, 26)),
        Error("The directive \"@include\" can only be used once at this location.", (1, 7), (1, 45)));

    [Fact]
    public void Checks_every_kind_of_location() => ExpectErrors("""
        query q($v: Int @onVariableDefinition @onVariableDefinition) @onQuery @onQuery {
          dog @onField @onField {
            ...f @onFragmentSpread @onFragmentSpread
            ... @onInlineFragment @onInlineFragment {
              name
            }
          }
        }

        fragment f on Dog @onFragmentDefinition @onFragmentDefinition {
          name
        }
        """,
        Error("The directive \"@onQuery\" can only be used once at this location.", (1, 62), (1, 71)),
        Error("The directive \"@onVariableDefinition\" can only be used once at this location.", (1, 17), (1, 39)),
        Error("The directive \"@onField\" can only be used once at this location.", (2, 7), (2, 16)),
        Error("The directive \"@onFragmentSpread\" can only be used once at this location.", (3, 10), (3, 28)),
        Error("The directive \"@onInlineFragment\" can only be used once at this location.", (4, 9), (4, 27)),
        Error("The directive \"@onFragmentDefinition\" can only be used once at this location.", (10, 19), (10, 41)));
}
