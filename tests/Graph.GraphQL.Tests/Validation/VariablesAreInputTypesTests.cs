using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class VariablesAreInputTypesTests() : ValidationTestBase(VariablesAreInputTypes.Instance)
{
    [Fact]
    public void Scalars_enums_and_input_objects_are_valid() => ExpectValid("""
        query takesBoolean($atOtherHomes: Boolean) {
          dog {
            isHouseTrained(atOtherHomes: $atOtherHomes)
          }
        }

        query takesComplexInput($complexInput: ComplexInput) {
          findDog(complex: $complexInput) {
            name
          }
        }

        query TakesListOfBooleanBang($booleans: [Boolean!], $command: DogCommand!) {
          booleanList(booleanListArg: $booleans)
        }
        """);

    [Fact]
    public void Rejects_output_types() => ExpectErrors("""
        query takesCat($cat: Cat) {
          dog { name }
        }

        query takesDogBang($dog: Dog!) {
          dog { name }
        }

        query takesListOfPet($pets: [Pet]) {
          dog { name }
        }

        query takesCatOrDog($catOrDog: CatOrDog) {
          dog { name }
        }
        """,
        ("Variable \"$cat\" cannot be non-input type \"Cat\".", 1, 22),
        ("Variable \"$dog\" cannot be non-input type \"Dog!\".", 5, 26),
        ("Variable \"$pets\" cannot be non-input type \"[Pet]\".", 9, 29),
        ("Variable \"$catOrDog\" cannot be non-input type \"CatOrDog\".", 13, 32));

    [Fact]
    public void Leaves_unknown_types_to_another_rule() => ExpectValid("query q($x: [Unknown!]) { dog { name } }");
}
