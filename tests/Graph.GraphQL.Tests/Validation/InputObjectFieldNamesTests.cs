using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class InputObjectFieldNamesTests() : ValidationTestBase(InputObjectFieldNames.Instance)
{
    [Fact]
    public void Defined_fields_are_valid() => ExpectValid("""
        {
          findDog(complex: { name: "Fido" })
        }
        """);

    [Fact]
    public void Rejects_an_undefined_field() => ExpectErrors("""
        {
          findDog(complex: { favoriteCookieFlavor: "Bacon" })
        }
        """,
        ("Field \"favoriteCookieFlavor\" is not defined by type \"ComplexInput\".", 2, 22));

    [Fact]
    public void Suggests_close_field_names() => ExpectErrorsIn(ComplexValidationSchema.Schema,
        "{ complicatedArgs { complexArgField(complexArg: { requiredField: true, invalidField: \"value\" }) } }",
        Error("Field \"invalidField\" is not defined by type \"ComplexInput\". Did you mean \"intField\"?", (1, 72)));

    [Fact]
    public void Checks_nested_input_objects() => ExpectErrorsIn(ComplexValidationSchema.Schema,
        "{ complicatedArgs { complexArgField(complexArg: { requiredField: true, nested: { requiredField: false, bad: 1 } }) } }",
        Error("Field \"bad\" is not defined by type \"ComplexInput\".", (1, 104)));

    [Fact]
    public void Ignores_objects_of_unknown_arguments() => ExpectValid("{ findDog(unknown: { anything: 1 }) }");
}
