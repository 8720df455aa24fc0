using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class DirectivesAreDefinedTests() : ValidationTestBase(DirectivesAreDefined.Instance)
{
    [Fact]
    public void Built_in_and_schema_directives_are_valid() => ExpectValid("""
        query q($v: Int @onVariableDefinition) @onQuery {
          dog @include(if: true) @onField {
            name @skip(if: false)
          }
        }
        """);

    [Fact]
    public void Rejects_unknown_directives_everywhere_in_document_order() => ExpectErrors("""
        query q($v: Int @unknownVar) @unknownOp { ...f @unknownSpread }
        fragment f on Query @unknownFrag { dog @unknown(directive: "value") { name ... @unknownInline { nickname } } }
        """,
        ("Unknown directive \"@unknownVar\".", 1, 17),
        ("Unknown directive \"@unknownOp\".", 1, 30),
        ("Unknown directive \"@unknownSpread\".", 1, 48),
        ("Unknown directive \"@unknownFrag\".", 2, 21),
        ("Unknown directive \"@unknown\".", 2, 40),
        ("Unknown directive \"@unknownInline\".", 2, 80));
}
