using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class SingleRootFieldTests() : ValidationTestBase(SingleRootField.Instance)
{
    [Fact]
    public void One_root_field_is_valid() => ExpectValid("""
        subscription sub {
          newMessage {
            body
            sender
          }
        }
        """);

    [Fact]
    public void One_root_field_through_a_fragment_is_valid() => ExpectValid("""
        subscription sub {
          ...newMessageFields
        }

        fragment newMessageFields on Subscription {
          newMessage {
            body
            sender
          }
        }
        """);

    [Fact]
    public void The_same_field_twice_is_one_field() => ExpectValid("""
        subscription {
          newMessage { body }
          newMessage { sender }
        }
        """);

    [Fact]
    public void Skip_and_include_below_the_root_are_allowed() => ExpectValid("""
        subscription {
          newMessage {
            body @skip(if: true)
          }
        }
        """);

    [Fact]
    public void Fragments_that_cannot_apply_to_the_root_type_add_no_fields() => ExpectValid("""
        subscription {
          newMessage { body }
          ... on Query { dog { name } }
        }
        """);

    [Fact]
    public void Queries_and_mutations_are_not_concerned() => ExpectValid("""
        query { dog { name } cat { name } }
        mutation { setName(name: "a") { name } __typename }
        """);

    [Fact]
    public void A_schema_without_subscriptions_is_not_concerned() => ExpectValid(
        "subscription { someBox { unrelatedField } connection { edges { node { id } } } }", ComplexValidationSchema.Schema);

    [Fact]
    public void Rejects_a_second_root_field() => ExpectErrors("""
        subscription sub {
          newMessage {
            body
            sender
          }
          disallowedSecondRootField
        }
        """,
        ("Subscription \"sub\" must select only one top level field.", 6, 3));

    [Fact]
    public void Rejects_a_second_root_field_from_a_fragment() => ExpectErrors("""
        subscription sub {
          ...multipleSubscriptions
        }

        fragment multipleSubscriptions on Subscription {
          newMessage {
            body
            sender
          }
          disallowedSecondRootField
        }
        """,
        ("Subscription \"sub\" must select only one top level field.", 10, 3));

    [Fact]
    public void Reports_all_extra_fields_grouped_by_response_name() => ExpectErrors("""
        subscription sub {
          newMessage { body }
          a: disallowedSecondRootField
          b: newMessage { sender }
          a: disallowedSecondRootField
        }
        """,
        Error("Subscription \"sub\" must select only one top level field.", (3, 3), (5, 3), (4, 3)));

    [Fact]
    public void Words_errors_of_anonymous_subscriptions() => ExpectErrors("""
        subscription {
          newMessage { body }
          disallowedSecondRootField
        }
        """,
        ("Anonymous Subscription must select only one top level field.", 3, 3));

    [Fact]
    public void Rejects_an_introspection_root_field() => ExpectErrors("""
        subscription sub {
          __typename
        }
        """,
        ("Subscription \"sub\" must not select an introspection top level field.", 2, 3));

    [Fact]
    public void Reports_extra_fields_before_introspection_fields() => ExpectErrors("""
        subscription {
          __typename
          newMessage { body }
        }
        """,
        ("Anonymous Subscription must select only one top level field.", 3, 3),
        ("Anonymous Subscription must not select an introspection top level field.", 2, 3));

    [Fact]
    public void Rejects_skip_and_include_on_root_selections_and_reports_nothing_else() => ExpectErrors("""
        subscription requiredRuntime($bool: Boolean!) {
          newMessage @include(if: $bool) {
            body
          }
          disallowedSecondRootField @skip(if: $bool)
        }
        """,
        Error("Subscription \"requiredRuntime\" must not use `@skip` or `@include` directives in the top level selection.", (2, 14), (5, 29)));

    [Fact]
    public void Rejects_skip_on_a_root_selection_inside_a_fragment() => ExpectErrors("""
        subscription {
          ...frag
        }

        fragment frag on Subscription {
          newMessage @skip(if: false) {
            body
          }
        }
        """,
        ("Anonymous Subscription must not use `@skip` or `@include` directives in the top level selection.", 6, 14));
}
