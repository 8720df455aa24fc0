using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class FieldSelectionsTests() : ValidationTestBase(FieldSelections.Instance)
{
    [Fact]
    public void Fields_of_interfaces_and_meta_fields_of_unions_are_valid() => ExpectValid("""
        fragment interfaceFieldSelection on Pet {
          name
        }

        fragment inDirectFieldSelectionOnUnion on CatOrDog {
          __typename
          ... on Pet {
            name
          }
          ... on Dog {
            barkVolume
          }
        }

        query { __typename __schema { queryType { name } } __type(name: "Dog") { name } dog { alias: name } }
        """);

    [Fact]
    public void Rejects_undefined_fields_and_aliased_lying_fields_with_suggestions() => ExpectErrors("""
        fragment fieldNotDefined on Dog {
          meowVolume
        }

        fragment aliasedLyingFieldTargetNotDefined on Dog {
          barkVolume: kawVolume
        }
        """,
        ("Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"?", 2, 3),
        ("Cannot query field \"kawVolume\" on type \"Dog\". Did you mean \"barkVolume\"?", 6, 3));

    [Fact]
    public void Suggests_inline_fragments_on_implementations_for_interface_fields() => ExpectErrors("""
        fragment definedOnImplementorsButNotInterface on Pet {
          nickname
        }
        """,
        ("Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline fragment on \"Cat\" or \"Dog\"?", 2, 3));

    [Fact]
    public void Suggests_the_most_used_interface_first_for_union_fields() => ExpectErrors("""
        fragment directFieldSelectionOnUnion on CatOrDog {
          name
          barkVolume
        }
        """,
        ("Cannot query field \"name\" on type \"CatOrDog\". Did you mean to use an inline fragment on \"Pet\", \"Cat\", or \"Dog\"?", 2, 3),
        ("Cannot query field \"barkVolume\" on type \"CatOrDog\". Did you mean to use an inline fragment on \"Dog\"?", 3, 3));

    [Fact]
    public void Gives_no_hint_when_nothing_is_close() => ExpectErrors("""
        {
          dog { xyzzy }
          human { owner { name } }
        }
        """,
        ("Cannot query field \"xyzzy\" on type \"Dog\".", 2, 9),
        ("Cannot query field \"owner\" on type \"Human\".", 3, 11));

    [Fact]
    public void Meta_fields_of_the_query_type_are_not_on_other_types() => ExpectErrors(
        "{ dog { __schema { queryType { name } } } }",
        ("Cannot query field \"__schema\" on type \"Dog\".", 1, 9));

    [Fact]
    public void Ignores_selections_on_unknown_types_and_below_unknown_fields() => ExpectErrors("""
        fragment unknownType on NotInSchema {
          anything
        }

        {
          unknownField {
            deeper
          }
        }
        """,
        ("Cannot query field \"unknownField\" on type \"Query\".", 6, 3));
}
