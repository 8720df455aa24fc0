using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class InputObjectFieldUniquenessTests() : ValidationTestBase(InputObjectFieldUniqueness.Instance)
{
    [Fact]
    public void Distinct_fields_and_same_names_in_different_objects_are_valid() => ExpectValid("""
        {
          field(arg: { f1: "value", f2: { f1: "v" } })
          other(arg: [{ a: 1 }, { a: 2 }])
        }
        """);

    [Fact]
    public void Rejects_a_repeated_field() => ExpectErrors("""
        {
          field(arg: { field: true, field: false })
        }
        """,
        Error("There can be only one input field named \"field\".", (2, 16), (2, 29)));

    [Fact]
    public void Reports_each_repetition_against_the_first() => ExpectErrors(
        "{ field(arg: { f: true, f: false, f: true }) }",
        Error("There can be only one input field named \"f\".", (1, 16), (1, 25)),
        Error("There can be only one input field named \"f\".", (1, 16), (1, 35)));

    [Fact]
    public void Checks_nested_objects_separately() => ExpectErrors(
        "{ field(arg: { f1: { f2: \"a\", f2: \"b\" } }) }",
        Error("There can be only one input field named \"f2\".", (1, 22), (1, 31)));
}
