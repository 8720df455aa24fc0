using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class FragmentsOnCompositeTypesTests() : ValidationTestBase(FragmentsOnCompositeTypes.Instance)
{
    [Fact]
    public void Objects_interfaces_and_unions_are_valid() => ExpectValid("""
        fragment fragOnObject on Dog {
          name
        }

        fragment fragOnInterface on Pet {
          name
        }

        fragment fragOnUnion on CatOrDog {
          ... on Dog {
            name
          }
          ... {
            __typename
          }
        }
        """);

    [Fact]
    public void Rejects_scalars() => ExpectErrors("""
        fragment fragOnScalar on Int {
          something
        }

        fragment inlineFragOnScalar on Dog {
          ... on Boolean {
            somethingElse
          }
        }
        """,
        ("Fragment \"fragOnScalar\" cannot condition on non composite type \"Int\".", 1, 26),
        ("Fragment cannot condition on non composite type \"Boolean\".", 6, 10));

    [Fact]
    public void Rejects_input_objects_and_enums() => ExpectErrors("""
        fragment f on ComplexInput { name }
        { dog { ... on DogCommand { x } } }
        """,
        ("Fragment \"f\" cannot condition on non composite type \"ComplexInput\".", 1, 15),
        ("Fragment cannot condition on non composite type \"DogCommand\".", 2, 16));

    [Fact]
    public void Leaves_unknown_types_to_another_rule() => ExpectValid("fragment f on Unknown { x }");
}
