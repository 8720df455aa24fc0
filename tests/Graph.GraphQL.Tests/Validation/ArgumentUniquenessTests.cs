using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class ArgumentUniquenessTests() : ValidationTestBase(ArgumentUniqueness.Instance)
{
    [Fact]
    public void Distinct_arguments_are_valid() => ExpectValid("""
        {
          arguments {
            multipleRequirements(x: 1, y: 2)
            intArgField(intArg: 1) @include(if: true) @skip(if: false)
          }
          dog {
            doesKnowCommand(dogCommand: SIT)
            other: doesKnowCommand(dogCommand: HEEL)
          }
        }
        """);

    [Fact]
    public void Rejects_a_repeated_field_argument() => ExpectErrors(
        "{ dog { doesKnowCommand(dogCommand: SIT, dogCommand: HEEL) } }",
        Error("There can be only one argument named \"dogCommand\".", (1, 25), (1, 42)));

    [Fact]
    public void Reports_all_repetitions_of_a_directive_argument_in_one_error() => ExpectErrors(
        "{ dog @include(if: true, if: false, if: true) { name } }",
        Error("There can be only one argument named \"if\".", (1, 16), (1, 26), (1, 37)));

    [Fact]
    public void Reports_each_repeated_name_in_order_of_first_use() => ExpectErrors(
        "{ arguments { multipleRequirements(x: 1, y: 2, x: 3, y: 4) } }",
        Error("There can be only one argument named \"x\".", (1, 36), (1, 48)),
        Error("There can be only one argument named \"y\".", (1, 42), (1, 54)));
}
