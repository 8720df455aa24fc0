using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class LoneAnonymousOperationTests() : ValidationTestBase(LoneAnonymousOperation.Instance)
{
    [Fact]
    public void A_lone_anonymous_operation_is_valid() => ExpectValid("""
        {
          dog {
            name
          }
        }
        """);

    [Fact]
    public void Fragments_do_not_count_as_operations() => ExpectValid("""
        {
          dog { ...dogName }
        }

        fragment dogName on Dog { name }
        """);

    [Fact]
    public void Rejects_an_anonymous_operation_next_to_a_named_one() => ExpectErrors("""
        {
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
        ("This anonymous operation must be the only defined operation.", 1, 1));

    [Fact]
    public void Reports_each_anonymous_operation() => ExpectErrors("""
        { dog { name } }
        mutation { setName(name: "Rex") { name } }
        """,
        ("This anonymous operation must be the only defined operation.", 1, 1),
        ("This anonymous operation must be the only defined operation.", 2, 1));
}
