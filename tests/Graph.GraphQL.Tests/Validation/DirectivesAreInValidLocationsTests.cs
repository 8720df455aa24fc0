using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class DirectivesAreInValidLocationsTests() : ValidationTestBase(DirectivesAreInValidLocations.Instance)
{
    [Fact]
    public void Directives_at_their_locations_are_valid() => ExpectValid("""
        query q($v: Int @onVariableDefinition) @onQuery {
          dog @onField @include(if: true) {
            ...f @onFragmentSpread @skip(if: false)
            ... @onInlineFragment @include(if: true) {
              name
            }
          }
        }

        fragment f on Dog @onFragmentDefinition {
          name
        }

        mutation @onMutation {
          setName(name: "x") { name }
        }

        subscription @onSubscription {
          newMessage { body }
        }
        """);

    [Fact]
    public void Rejects_skip_on_a_query() => ExpectErrors("""
        query @skip(if: $foo) {
          field
        }
        """,
        ("Directive \"@skip\" may not be used on QUERY.", 1, 7));

    [Fact]
    public void Names_each_misplaced_location() => ExpectErrors("""
        query q($v: Int @onQuery) @onField {
          dog @onQuery {
            ...f @onInlineFragment
            ... @onFragmentSpread {
              name
            }
          }
        }

        fragment f on Dog @onField {
          name
        }

        mutation @onQuery {
          setName(name: "x") { name }
        }

        subscription @onMutation {
          newMessage { body }
        }
        """,
        ("Directive \"@onQuery\" may not be used on VARIABLE_DEFINITION.", 1, 17),
        ("Directive \"@onField\" may not be used on QUERY.", 1, 27),
        ("Directive \"@onQuery\" may not be used on FIELD.", 2, 7),
        ("Directive \"@onInlineFragment\" may not be used on FRAGMENT_SPREAD.", 3, 10),
        ("Directive \"@onFragmentSpread\" may not be used on INLINE_FRAGMENT.", 4, 9),
        ("Directive \"@onField\" may not be used on FRAGMENT_DEFINITION.", 10, 19),
        ("Directive \"@onQuery\" may not be used on MUTATION.", 14, 10),
        ("Directive \"@onMutation\" may not be used on SUBSCRIPTION.", 18, 14));

    [Fact]
    public void Leaves_unknown_directives_to_another_rule() => ExpectValid("{ dog @unknown { name } }");
}
