using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class InputObjectRequiredFieldsTests() : ValidationTestBase(InputObjectRequiredFields.Instance)
{
    protected override ISchema Schema => ComplexValidationSchema.Schema;

    [Fact]
    public void Given_required_fields_and_defaulted_fields_are_valid() => ExpectValid(
        "{ complicatedArgs { complexArgField(complexArg: { requiredField: true, nested: { requiredField: false, nonNullField: true } }) } }");

    [Fact]
    public void An_explicit_null_is_left_to_values_of_correct_type() => ExpectValid(
        "{ complicatedArgs { complexArgField(complexArg: { requiredField: null }) } }");

    [Fact]
    public void Rejects_a_missing_required_field() => ExpectErrors(
        "{ complicatedArgs { complexArgField(complexArg: { intField: 4 }) } }",
        ("Field \"ComplexInput.requiredField\" of required type \"Boolean!\" was not provided.", 1, 49));

    [Fact]
    public void Checks_nested_objects_and_variable_defaults() => ExpectErrors("""
        { complicatedArgs { complexArgField(complexArg: { requiredField: true, nested: {} }) } }
        query q($c: ComplexInput = { intField: 1 }) { complicatedArgs { complexArgField(complexArg: $c) } }
        """,
        ("Field \"ComplexInput.requiredField\" of required type \"Boolean!\" was not provided.", 1, 80),
        ("Field \"ComplexInput.requiredField\" of required type \"Boolean!\" was not provided.", 2, 28));
}
