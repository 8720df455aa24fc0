using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class FragmentsMustBeUsedTests() : ValidationTestBase(FragmentsMustBeUsed.Instance)
{
    [Fact]
    public void Fragments_used_directly_or_transitively_are_valid() => ExpectValid("""
        { human(id: 4) { ...HumanFields1 } }
        query Other { human { ...HumanFields2 } }
        fragment HumanFields1 on Human { name ...HumanFields3 }
        fragment HumanFields2 on Human { name }
        fragment HumanFields3 on Human { pets { ...PetFields } }
        fragment PetFields on Pet { name }
        """);

    [Fact]
    public void Rejects_an_unused_fragment() => ExpectErrors("""
        fragment nameFragment on Dog {
          name
        }

        {
          dog {
            name
          }
        }
        """,
        ("Fragment \"nameFragment\" is never used.", 1, 1));

    [Fact]
    public void Fragments_used_only_by_unused_fragments_are_unused() => ExpectErrors("""
        query Foo {
          human(id: 4) {
            ...HumanFields1
          }
        }

        fragment HumanFields1 on Human {
          name
          ...HumanFields3
        }

        fragment HumanFields2 on Human {
          name
        }

        fragment HumanFields3 on Human {
          name
        }

        fragment Unused1 on Human {
          name
          ...Unused2
        }

        fragment Unused2 on Human {
          name
          ...Unused1
        }
        """,
        ("Fragment \"HumanFields2\" is never used.", 12, 1),
        ("Fragment \"Unused1\" is never used.", 20, 1),
        ("Fragment \"Unused2\" is never used.", 25, 1));
}
