using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class ExecutableDefinitionsTests() : ValidationTestBase(ExecutableDefinitions.Instance)
{
    [Fact]
    public void Operations_and_fragments_are_executable() => ExpectValid("""
        query getDogName {
          dog {
            ...dogName
          }
        }

        fragment dogName on Dog {
          name
        }
        """);

    [Fact]
    public void Rejects_a_type_extension_next_to_an_operation() => ExpectErrors("""
        query getDogName {
          dog {
            name
            color
          }
        }

        extend type Dog {
          color: String
        }
        """,
        ("The \"Dog\" definition is not executable.", 8, 1));

    [Fact]
    public void Names_schema_definitions_and_extensions_without_quotes() => ExpectErrors("""
        {
          dog { name }
        }

        type Cow {
          name: String
        }

        schema {
          query: Query
        }

        directive @cowSays on FIELD

        extend schema @onQuery
        """,
        ("The \"Cow\" definition is not executable.", 5, 1),
        ("The schema definition is not executable.", 9, 1),
        ("The \"cowSays\" definition is not executable.", 13, 1),
        ("The schema definition is not executable.", 15, 1));
}
