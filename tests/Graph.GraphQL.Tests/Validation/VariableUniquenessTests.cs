using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class VariableUniquenessTests() : ValidationTestBase(VariableUniqueness.Instance)
{
    [Fact]
    public void Operations_may_define_the_same_names() => ExpectValid("""
        query A($atOtherHomes: Boolean) {
          ...HouseTrainedFragment
        }

        query B($atOtherHomes: Boolean) {
          ...HouseTrainedFragment
        }

        fragment HouseTrainedFragment on Query {
          dog {
            isHouseTrained(atOtherHomes: $atOtherHomes)
          }
        }
        """);

    [Fact]
    public void Rejects_a_variable_defined_twice() => ExpectErrors("""
        query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) {
          dog {
            isHouseTrained(atOtherHomes: $atOtherHomes)
          }
        }
        """,
        Error("There can be only one variable named \"$atOtherHomes\".", (1, 26), (1, 50)));

    [Fact]
    public void Reports_each_name_once_with_all_its_definitions() => ExpectErrors(
        "query A($x: Int, $x: Int, $x: String, $y: Int, $y: Int) { __typename }",
        Error("There can be only one variable named \"$x\".", (1, 10), (1, 19), (1, 28)),
        Error("There can be only one variable named \"$y\".", (1, 40), (1, 49)));
}
