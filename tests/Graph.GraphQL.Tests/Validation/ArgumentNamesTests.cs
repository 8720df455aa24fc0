using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class ArgumentNamesTests() : ValidationTestBase(ArgumentNames.Instance)
{
    [Fact]
    public void Defined_arguments_are_valid() => ExpectValid("""
        fragment argOnRequiredArg on Dog {
          doesKnowCommand(dogCommand: SIT)
        }

        fragment argOnOptional on Dog {
          isHouseTrained(atOtherHomes: true) @include(if: true)
        }

        fragment multipleArgsReverseOrder on Arguments {
          multipleRequirements(y: 2, x: 1)
        }
        """);

    [Fact]
    public void Rejects_an_undefined_field_argument_with_a_suggestion() => ExpectErrors("""
        fragment invalidArgName on Dog {
          doesKnowCommand(command: CLEAN_UP_HOUSE)
        }
        """,
        ("Unknown argument \"command\" on field \"Dog.doesKnowCommand\". Did you mean \"dogCommand\"?", 2, 19));

    [Fact]
    public void Rejects_an_undefined_directive_argument() => ExpectErrors("""
        fragment invalidArgName on Dog {
          isHouseTrained(atOtherHomes: true) @include(unless: false)
        }
        """,
        ("Unknown argument \"unless\" on directive \"@include\".", 2, 47));

    [Fact]
    public void Suggests_directive_arguments() => ExpectErrors(
        "{ dog @skip(iff: true) { name } }",
        ("Unknown argument \"iff\" on directive \"@skip\". Did you mean \"if\"?", 1, 13));

    [Fact]
    public void Reports_each_unknown_argument() => ExpectErrors(
        "fragment f on Dog { doesKnowCommand(whoKnows: 1, dogCommand: SIT, unknown: true) }",
        ("Unknown argument \"whoKnows\" on field \"Dog.doesKnowCommand\".", 1, 37),
        ("Unknown argument \"unknown\" on field \"Dog.doesKnowCommand\".", 1, 67));

    [Fact]
    public void Names_the_parent_type_of_the_selection() => ExpectErrors(
        "fragment f on Pet { name(x: 1) }",
        ("Unknown argument \"x\" on field \"Pet.name\".", 1, 26));

    [Fact]
    public void Ignores_unknown_fields_and_unknown_directives() => ExpectValid("""
        {
          dog @unknown(x: 1) {
            unknownField(y: 2)
          }
        }
        """);
}
