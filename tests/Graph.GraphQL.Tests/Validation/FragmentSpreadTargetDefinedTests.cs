using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class FragmentSpreadTargetDefinedTests() : ValidationTestBase(FragmentSpreadTargetDefined.Instance)
{
    [Fact]
    public void Defined_fragments_are_valid() => ExpectValid("""
        { human(id: 4) { ...HumanFields1 ... on Human { ...HumanFields2 } } }
        fragment HumanFields1 on Human { name ...HumanFields3 }
        fragment HumanFields2 on Human { name }
        fragment HumanFields3 on Human { name }
        """);

    [Fact]
    public void Rejects_an_undefined_fragment() => ExpectErrors("""
        {
          dog {
            ...undefinedFragment
          }
        }
        """,
        ("Unknown fragment \"undefinedFragment\".", 3, 8));

    [Fact]
    public void Reports_undefined_fragments_in_fragments_and_inline_fragments() => ExpectErrors("""
        { dog { ...Known ... on Dog { ...Missing1 } } }
        fragment Known on Dog { ...Missing2 }
        """,
        ("Unknown fragment \"Missing1\".", 1, 34),
        ("Unknown fragment \"Missing2\".", 2, 28));
}
