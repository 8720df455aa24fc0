using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class OperationNameUniquenessTests() : ValidationTestBase(OperationNameUniqueness.Instance)
{
    [Fact]
    public void Distinct_names_are_valid() => ExpectValid("""
        query getDogName {
          dog {
            name
          }
        }

        query getOwnerName {
          dog {
            owner {
              name
            }
          }
        }
        """);

    [Fact]
    public void A_fragment_may_share_the_name_of_an_operation() => ExpectValid("""
        query Foo { dog { ...Foo } }
        fragment Foo on Dog { name }
        """);

    [Fact]
    public void Anonymous_operations_are_not_named() => ExpectValid("""
        { dog { name } }
        { cat { name } }
        """);

    [Fact]
    public void Rejects_two_operations_of_the_same_name() => ExpectErrors("""
        query getName {
          dog {
            name
          }
        }

        query getName {
          dog {
            owner {
              name
            }
          }
        }
        """,
        Error("There can be only one operation named \"getName\".", (1, 7), (7, 7)));

    [Fact]
    public void Rejects_the_same_name_even_for_different_operation_types() => ExpectErrors("""
        query dogOperation {
          dog {
            name
          }
        }

        mutation dogOperation {
          mutateDog {
            id
          }
        }
        """,
        Error("There can be only one operation named \"dogOperation\".", (1, 7), (7, 10)));

    [Fact]
    public void Reports_every_repetition_against_the_first() => ExpectErrors("""
        query A { dog { name } }
        query A { cat { name } }
        subscription A { newMessage { body } }
        """,
        Error("There can be only one operation named \"A\".", (1, 7), (2, 7)),
        Error("There can be only one operation named \"A\".", (1, 7), (3, 14)));
}
