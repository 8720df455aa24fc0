using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class FragmentSpreadTypeExistenceTests() : ValidationTestBase(FragmentSpreadTypeExistence.Instance)
{
    [Fact]
    public void Known_type_conditions_are_valid() => ExpectValid("""
        fragment correctType on Dog {
          name
        }

        fragment inlineFragment on Dog {
          ... on Dog {
            name
          }
        }

        fragment inlineFragment2 on Dog {
          ... @include(if: true) {
            name
          }
        }
        """);

    [Fact]
    public void Rejects_unknown_type_conditions_of_fragments_and_inline_fragments() => ExpectErrors("""
        fragment notOnExistingType on NotInSchema {
          name
        }

        fragment inlineNotExistingType on Dog {
          ... on Unicorn {
            name
          }
        }
        """,
        ("Unknown type \"NotInSchema\". Did you mean \"__Schema\"?", 1, 31),
        ("Unknown type \"Unicorn\".", 6, 10));

    [Fact]
    public void Suggests_close_type_names() => ExpectErrors(
        "fragment f on Doge { name }",
        ("Unknown type \"Doge\". Did you mean \"Dog\"?", 1, 15));

    [Fact]
    public void Leaves_variable_types_to_another_rule() => ExpectValid("query ($x: Unknown) { dog { name } }");
}
