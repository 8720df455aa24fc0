using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class AllVariablesUsedTests() : ValidationTestBase(AllVariablesUsed.Instance)
{
    [Fact]
    public void Variables_used_directly_in_directives_or_in_fragments_are_valid() => ExpectValid("""
        query variableUsedInFragment($atOtherHomes: Boolean, $c: Boolean!, $n: String) {
          dog @include(if: $c) {
            ...isHouseTrainedFragment
          }
          findDog(complex: { childrenNames: [$n] }) { name }
        }

        fragment isHouseTrainedFragment on Dog {
          isHouseTrained(atOtherHomes: $atOtherHomes)
        }
        """);

    [Fact]
    public void Rejects_an_unused_variable() => ExpectErrors("""
        query variableUnused($atOtherHomes: Boolean) {
          dog {
            isHouseTrained
          }
        }
        """,
        ("Variable \"$atOtherHomes\" is never used in operation \"variableUnused\".", 1, 22));

    [Fact]
    public void Rejects_a_variable_unused_by_the_spread_fragments() => ExpectErrors("""
        query variableNotUsedWithinFragment($atOtherHomes: Boolean) {
          dog {
            ...isHouseTrainedWithoutVariableFragment
          }
        }

        fragment isHouseTrainedWithoutVariableFragment on Dog {
          isHouseTrained
        }
        """,
        ("Variable \"$atOtherHomes\" is never used in operation \"variableNotUsedWithinFragment\".", 1, 37));

    [Fact]
    public void Checks_every_operation() => ExpectErrors("""
        query queryWithUsedVar($atOtherHomes: Boolean) {
          dog {
            ...isHouseTrainedFragment
          }
        }

        query queryWithExtraVar($atOtherHomes: Boolean, $extra: Int) {
          dog {
            ...isHouseTrainedFragment
          }
        }

        fragment isHouseTrainedFragment on Dog {
          isHouseTrained(atOtherHomes: $atOtherHomes)
        }
        """,
        ("Variable \"$extra\" is never used in operation \"queryWithExtraVar\".", 7, 49));

    [Fact]
    public void Uses_in_unspread_fragments_do_not_count_and_anonymous_operations_are_worded_apart() => ExpectErrors("""
        query q($a: Boolean) {
          dog { name }
        }

        fragment f on Dog {
          isHouseTrained(atOtherHomes: $a)
        }
        """,
        ("Variable \"$a\" is never used in operation \"q\".", 1, 9));

    [Fact]
    public void Words_errors_of_anonymous_operations() => ExpectErrors(
        "query ($a: Int) { dog { name } }",
        ("Variable \"$a\" is never used.", 1, 8));
}
