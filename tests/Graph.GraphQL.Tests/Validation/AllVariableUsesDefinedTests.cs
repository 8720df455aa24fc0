using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class AllVariableUsesDefinedTests() : ValidationTestBase(AllVariableUsesDefined.Instance)
{
    [Fact]
    public void Variables_defined_by_every_operation_using_them_are_valid() => ExpectValid("""
        query variableIsDefined($atOtherHomes: Boolean) {
          dog {
            isHouseTrained(atOtherHomes: $atOtherHomes)
          }
        }

        query houseTrainedQueryOne($atOtherHomes: Boolean) {
          dog {
            ...isHouseTrainedFragment
          }
        }

        query houseTrainedQueryTwo($atOtherHomes: Boolean, $name: String, $cond: Boolean!) {
          dog @include(if: $cond) {
            ...isHouseTrainedFragment
          }
          findDog(complex: { name: $name, childrenNames: [$name] }) { name }
        }

        fragment isHouseTrainedFragment on Dog {
          isHouseTrained(atOtherHomes: $atOtherHomes)
        }
        """);

    [Fact]
    public void Rejects_an_undefined_variable() => ExpectErrors("""
        query variableIsNotDefined {
          dog {
            isHouseTrained(atOtherHomes: $atOtherHomes)
          }
        }
        """,
        Error("Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefined\".", (3, 34), (1, 1)));

    [Fact]
    public void Rejects_an_undefined_variable_used_in_a_fragment() => ExpectErrors("""
        query variableIsNotDefinedUsedInSingleFragment {
          dog {
            ...isHouseTrainedFragment
          }
        }

        fragment isHouseTrainedFragment on Dog {
          isHouseTrained(atOtherHomes: $atOtherHomes)
        }
        """,
        Error("Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefinedUsedInSingleFragment\".", (8, 32), (1, 1)));

    [Fact]
    public void Follows_fragments_transitively() => ExpectErrors("""
        query variableIsNotDefinedUsedInNestedFragment {
          dog {
            ...outerHouseTrainedFragment
          }
        }

        fragment outerHouseTrainedFragment on Dog {
          ...isHouseTrainedFragment
        }

        fragment isHouseTrainedFragment on Dog {
          isHouseTrained(atOtherHomes: $atOtherHomes)
        }
        """,
        Error("Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefinedUsedInNestedFragment\".", (12, 32), (1, 1)));

    [Fact]
    public void Checks_each_operation_using_a_fragment() => ExpectErrors("""
        query houseTrainedQueryOne($atOtherHomes: Boolean) {
          dog {
            ...isHouseTrainedFragment
          }
        }

        query houseTrainedQueryTwoNotDefined {
          dog {
            ...isHouseTrainedFragment
          }
        }

        fragment isHouseTrainedFragment on Dog {
          isHouseTrained(atOtherHomes: $atOtherHomes)
        }
        """,
        Error("Variable \"$atOtherHomes\" is not defined by operation \"houseTrainedQueryTwoNotDefined\".", (14, 32), (7, 1)));

    [Fact]
    public void Words_errors_of_anonymous_operations_and_reports_every_use() => ExpectErrors("""
        {
          dog {
            isHouseTrained(atOtherHomes: $x)
          }
        }
        query q { dog @include(if: $cond) { isHouseTrained(atOtherHomes: $x) doesKnowCommand(dogCommand: $x) } }
        """,
        Error("Variable \"$x\" is not defined.", (3, 34), (1, 1)),
        Error("Variable \"$cond\" is not defined by operation \"q\".", (6, 28), (6, 1)),
        Error("Variable \"$x\" is not defined by operation \"q\".", (6, 66), (6, 1)),
        Error("Variable \"$x\" is not defined by operation \"q\".", (6, 98), (6, 1)));
}
