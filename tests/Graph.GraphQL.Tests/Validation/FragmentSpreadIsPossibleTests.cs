using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class FragmentSpreadIsPossibleTests() : ValidationTestBase(FragmentSpreadIsPossible.Instance)
{
    [Fact]
    public void Overlapping_spreads_are_valid() => ExpectValid("""
        fragment dogFragment on Dog {
          ... on Dog {
            barkVolume
          }
        }

        fragment petNameFragment on Pet {
          name
        }

        fragment interfaceWithinObjectFragment on Dog {
          ...petNameFragment
        }

        fragment catOrDogNameFragment on CatOrDog {
          ... on Cat {
            meowVolume
          }
        }

        fragment unionWithObjectFragment on Dog {
          ...catOrDogNameFragment
        }

        fragment petFragment on Pet {
          name
          ... on Dog {
            barkVolume
          }
        }

        fragment unionWithInterface on Pet {
          ...dogOrHumanFragment
        }

        fragment dogOrHumanFragment on DogOrHuman {
          ... on Dog {
            barkVolume
          }
        }
        """);

    [Fact]
    public void Rejects_an_object_spread_in_another_object_scope() => ExpectErrors("""
        fragment catInDogFragmentInvalid on Dog {
          ... on Cat {
            meowVolume
          }
        }
        """,
        ("Fragment cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\".", 2, 3));

    [Fact]
    public void Rejects_object_spreads_in_abstract_scopes_they_are_not_part_of() => ExpectErrors("""
        fragment sentientFragment on Sentient {
          ... on Dog {
            barkVolume
          }
        }

        fragment humanOrAlienFragment on HumanOrAlien {
          ... on Cat {
            meowVolume
          }
        }
        """,
        ("Fragment cannot be spread here as objects of type \"Sentient\" can never be of type \"Dog\".", 2, 3),
        ("Fragment cannot be spread here as objects of type \"HumanOrAlien\" can never be of type \"Cat\".", 8, 3));

    [Fact]
    public void Rejects_named_spreads_of_non_intersecting_types() => ExpectErrors("""
        fragment nonIntersectingInterfaces on Pet {
          ...sentientFragment
        }

        fragment sentientFragment on Sentient {
          name
        }

        fragment f on HumanOrAlien { ...dogFrag }
        fragment dogFrag on Dog { name }
        """,
        ("Fragment \"sentientFragment\" cannot be spread here as objects of type \"Pet\" can never be of type \"Sentient\".", 2, 3),
        ("Fragment \"dogFrag\" cannot be spread here as objects of type \"HumanOrAlien\" can never be of type \"Dog\".", 9, 30));

    [Fact]
    public void Ignores_unknown_and_non_composite_types_and_unknown_fragments() => ExpectValid("""
        fragment f on Dog { ... on Unknown { name } ... on Int { x } ...Missing ...onScalar }
        fragment onScalar on Boolean { x }
        """);
}
