using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class VariableTypeExistenceTests() : ValidationTestBase(VariableTypeExistence.Instance)
{
    [Fact]
    public void Known_types_are_valid() => ExpectValid("query q($a: Int, $b: [DogCommand!]!, $c: ComplexInput) { dog { name } }");

    [Fact]
    public void Rejects_unknown_types_with_suggestions() => ExpectErrors(
        "query q($a: Unknown, $b: [Doge!]) { dog { name } }",
        ("Unknown type \"Unknown\".", 1, 13),
        ("Unknown type \"Doge\". Did you mean \"Dog\"?", 1, 27));

    [Fact]
    public void Leaves_type_conditions_to_another_rule() => ExpectValid("fragment f on Unknown { x }");
}
