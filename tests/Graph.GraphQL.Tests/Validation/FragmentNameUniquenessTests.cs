using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class FragmentNameUniquenessTests() : ValidationTestBase(FragmentNameUniqueness.Instance)
{
    [Fact]
    public void Distinct_fragment_names_are_valid() => ExpectValid("""
        {
          dog {
            ...fragmentOne
            ...fragmentTwo
          }
        }

        fragment fragmentOne on Dog {
          name
        }

        fragment fragmentTwo on Dog {
          owner {
            name
          }
        }
        """);

    [Fact]
    public void Inline_fragments_and_operations_do_not_count() => ExpectValid("""
        query Foo { dog { ...Foo ... on Dog { name } ... on Dog { nickname } } }
        fragment Foo on Dog { name }
        """);

    [Fact]
    public void Rejects_two_fragments_of_the_same_name() => ExpectErrors("""
        {
          dog {
            ...fragmentOne
          }
        }

        fragment fragmentOne on Dog {
          name
        }

        fragment fragmentOne on Dog {
          owner {
            name
          }
        }
        """,
        Error("There can be only one fragment named \"fragmentOne\".", (7, 10), (11, 10)));
}
