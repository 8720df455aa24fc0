using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class LeafFieldSelectionsTests() : ValidationTestBase(LeafFieldSelections.Instance)
{
    [Fact]
    public void A_scalar_without_selection_is_valid() => ExpectValid("""
        fragment scalarSelection on Dog {
          barkVolume
        }
        """);

    [Fact]
    public void Objects_with_selections_are_valid() => ExpectValid("{ human { pets { name } } catOrDog { __typename } }");

    [Fact]
    public void Rejects_a_selection_on_a_scalar() => ExpectErrors("""
        fragment scalarSelectionsNotAllowedOnInt on Dog {
          barkVolume {
            sinceWhen
          }
        }
        """,
        ("Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields.", 2, 14));

    [Fact]
    public void Names_the_full_type_of_a_leaf_with_a_selection() => ExpectErrors(
        "{ dog { doesKnowCommand(dogCommand: SIT) { x } } }",
        ("Field \"doesKnowCommand\" must not have a selection since type \"Boolean!\" has no subfields.", 1, 42));

    [Fact]
    public void Rejects_objects_interfaces_and_unions_without_selection() => ExpectErrors("""
        query directQueryOnObjectWithoutSubFields {
          human
        }

        query directQueryOnInterfaceWithoutSubFields {
          pet
        }

        query directQueryOnUnionWithoutSubFields {
          catOrDog
        }
        """,
        ("Field \"human\" of type \"Human\" must have a selection of subfields. Did you mean \"human { ... }\"?", 2, 3),
        ("Field \"pet\" of type \"Pet\" must have a selection of subfields. Did you mean \"pet { ... }\"?", 6, 3),
        ("Field \"catOrDog\" of type \"CatOrDog\" must have a selection of subfields. Did you mean \"catOrDog { ... }\"?", 10, 3));

    [Fact]
    public void Names_the_full_list_type_of_a_missing_selection() => ExpectErrors(
        "{ human { pets } }",
        ("Field \"pets\" of type \"[Pet!]\" must have a selection of subfields. Did you mean \"pets { ... }\"?", 1, 11));

    [Fact]
    public void Ignores_unknown_fields() => ExpectValid("{ dog { unknown { x } } unknownToo }");
}
