using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class FieldSelectionMergingTests() : ValidationTestBase(FieldSelectionMerging.Instance)
{
    private const string UseAliases = " Use different aliases on the fields to fetch both if this was intentional.";

    [Fact]
    public void Identical_fields_and_aliases_merge() => ExpectValid("""
        fragment mergeIdenticalFields on Dog {
          name
          name
        }

        fragment mergeIdenticalAliasesAndFields on Dog {
          otherName: name
          otherName: name
        }
        """);

    [Fact]
    public void Identical_arguments_and_variables_merge() => ExpectValid("""
        fragment mergeIdenticalFieldsWithIdenticalArgs on Dog {
          doesKnowCommand(dogCommand: SIT)
          doesKnowCommand(dogCommand: SIT)
        }

        fragment mergeIdenticalFieldsWithIdenticalValues on Dog {
          doesKnowCommand(dogCommand: $dogCommand)
          doesKnowCommand(dogCommand: $dogCommand)
        }
        """);

    [Fact]
    public void Fields_that_never_meet_on_one_object_may_differ() => ExpectValid("""
        fragment safeDifferingFields on Pet {
          ... on Dog {
            volume: barkVolume
          }
          ... on Cat {
            volume: meowVolume
          }
        }

        fragment safeDifferingArgs on Pet {
          ... on Dog {
            doesKnowCommand(dogCommand: SIT)
          }
          ... on Cat {
            doesKnowCommand(catCommand: JUMP)
          }
        }
        """);

    [Fact]
    public void Object_arguments_merge_whatever_the_order_of_their_fields() => ExpectValid("""
        {
          complicatedArgs {
            complexArgField(complexArg: { requiredField: true, intField: 1 })
            complexArgField(complexArg: { intField: 1, requiredField: true })
          }
        }
        """, ComplexValidationSchema.Schema);

    [Fact]
    public void Rejects_an_alias_hiding_another_field() => ExpectErrors("""
        fragment conflictingBecauseAlias on Dog {
          name: nickname
          name
        }
        """,
        Error("Fields \"name\" conflict because \"nickname\" and \"name\" are different fields." + UseAliases, (2, 3), (3, 3)));

    [Fact]
    public void Rejects_differing_arguments() => ExpectErrors("""
        fragment conflictingArgsOnValues on Dog {
          doesKnowCommand(dogCommand: SIT)
          doesKnowCommand(dogCommand: HEEL)
        }

        fragment conflictingArgsValueAndVar on Dog {
          doesKnowCommand(dogCommand: SIT)
          doesKnowCommand(dogCommand: $dogCommand)
        }

        fragment conflictingArgsWithVars on Dog {
          doesKnowCommand(dogCommand: $varOne)
          doesKnowCommand(dogCommand: $varTwo)
        }

        fragment differingArgs on Dog {
          doesKnowCommand(dogCommand: SIT)
          doesKnowCommand
        }
        """,
        Error("Fields \"doesKnowCommand\" conflict because they have differing arguments." + UseAliases, (2, 3), (3, 3)),
        Error("Fields \"doesKnowCommand\" conflict because they have differing arguments." + UseAliases, (7, 3), (8, 3)),
        Error("Fields \"doesKnowCommand\" conflict because they have differing arguments." + UseAliases, (12, 3), (13, 3)),
        Error("Fields \"doesKnowCommand\" conflict because they have differing arguments." + UseAliases, (17, 3), (18, 3)));

    [Fact]
    public void Rejects_differing_scalar_types_even_when_the_parents_never_meet() => ExpectErrors("""
        fragment conflictingDifferingResponses on Pet {
          ... on Dog {
            someValue: nickname
          }
          ... on Cat {
            someValue: meowVolume
          }
        }
        """,
        Error("Fields \"someValue\" conflict because they return conflicting types \"String\" and \"Int\"." + UseAliases, (3, 5), (6, 5)));

    [Fact]
    public void Reports_a_deep_conflict_at_the_outer_fields() => ExpectErrors("""
        {
          dog {
            x: name
          }
          dog {
            x: barkVolume
          }
        }
        """,
        Error("Fields \"dog\" conflict because subfields \"x\" conflict because \"name\" and \"barkVolume\" are different fields." + UseAliases,
            (2, 3), (3, 5), (5, 3), (6, 5)));

    [Fact]
    public void Reports_several_sub_conflicts_in_one_error() => ExpectErrors("""
        {
          dog {
            x: name
            y: barkVolume
          }
          dog {
            x: nickname
            y: name
          }
        }
        """,
        Error("Fields \"dog\" conflict because subfields \"x\" conflict because \"name\" and \"nickname\" are different fields and "
            + "subfields \"y\" conflict because \"barkVolume\" and \"name\" are different fields." + UseAliases,
            (2, 3), (3, 5), (4, 5), (6, 3), (7, 5), (8, 5)));

    [Fact]
    public void Finds_conflicts_between_fragments() => ExpectErrors("""
        {
          dog {
            ...A
            ...B
          }
        }

        fragment A on Dog {
          x: name
        }

        fragment B on Dog {
          x: barkVolume
        }
        """,
        Error("Fields \"x\" conflict because \"name\" and \"barkVolume\" are different fields." + UseAliases, (9, 3), (13, 3)));

    [Fact]
    public void Reports_each_fragment_pair_once_and_fields_against_each_fragment() => ExpectErrors("""
        {
          dog {
            ...A
            ...B
          }
          catOrDog {
            ...B
            ...A
          }
          pet {
            ...A
            ...B
            x: nickname
          }
        }

        fragment A on Dog {
          x: name
        }

        fragment B on Dog {
          x: barkVolume
        }
        """,
        Error("Fields \"x\" conflict because \"name\" and \"barkVolume\" are different fields." + UseAliases, (18, 3), (22, 3)),
        Error("Fields \"x\" conflict because \"nickname\" and \"name\" are different fields." + UseAliases, (13, 5), (18, 3)),
        Error("Fields \"x\" conflict because \"nickname\" and \"barkVolume\" are different fields." + UseAliases, (13, 5), (22, 3)));

    [Fact]
    public void Survives_fragment_cycles() => ExpectErrors("""
        {
          dog {
            ...dogFrag
          }
        }

        fragment dogFrag on Dog {
          x: name
          ...dogFrag2
        }

        fragment dogFrag2 on Dog {
          x: barkVolume
          ...dogFrag
        }
        """,
        Error("Fields \"x\" conflict because \"name\" and \"barkVolume\" are different fields." + UseAliases, (8, 3), (13, 3)),
        Error("Fields \"x\" conflict because \"barkVolume\" and \"name\" are different fields." + UseAliases, (13, 3), (8, 3)));

    [Fact]
    public void Finds_a_conflict_in_a_fragment_that_spreads_itself() => ExpectErrors("""
        fragment sameAliasesWithDifferentFieldTargets on Dog {
          ...sameAliasesWithDifferentFieldTargets
          fido: name
          fido: nickname
        }
        """,
        Error("Fields \"fido\" conflict because \"name\" and \"nickname\" are different fields." + UseAliases, (3, 3), (4, 3)));

    [Fact]
    public void Compares_a_field_with_a_fragment_of_the_same_name() => ExpectErrors("""
        {
          dog
          ...dog
        }

        fragment dog on Query {
          dog: cat
        }
        """,
        Error("Fields \"dog\" conflict because \"dog\" and \"cat\" are different fields." + UseAliases, (2, 3), (7, 3)));

    [Fact]
    public void Ignores_fields_under_unknown_types() => ExpectValid("""
        {
          someBox {
            ... on UnknownType {
              scalar
            }
            ... on NonNullStringBox2 {
              scalar
            }
          }
        }
        """, ComplexValidationSchema.Schema);

    [Fact]
    public void Ignores_unknown_fragments_and_self_spreads() => ExpectValid("""
        { dog { ...Unknown name } ...self }
        fragment self on Query { ...self }
        """);

    [Fact]
    public void Rejects_a_nullable_and_a_non_null_type_from_an_interface_and_an_object() => ExpectErrorsIn(ComplexValidationSchema.Schema, """
        {
          someBox {
            ... on IntBox {
              scalar
            }
            ... on NonNullStringBox1 {
              scalar
            }
          }
        }
        """,
        Error("Fields \"scalar\" conflict because they return conflicting types \"Int\" and \"String!\"." + UseAliases, (4, 7), (7, 7)));

    [Fact]
    public void Rejects_differing_nullability_between_exclusive_objects() => ExpectErrorsIn(ComplexValidationSchema.Schema, """
        {
          someBox {
            ... on NonNullStringBox1Impl {
              scalar
            }
            ... on StringBox {
              scalar
            }
          }
        }
        """,
        Error("Fields \"scalar\" conflict because they return conflicting types \"String!\" and \"String\"." + UseAliases, (4, 7), (7, 7)));

    [Fact]
    public void Rejects_a_list_and_a_non_list() => ExpectErrorsIn(ComplexValidationSchema.Schema, """
        {
          someBox {
            ... on IntBox {
              box: listStringBox {
                scalar
              }
            }
            ... on StringBox {
              box: stringBox {
                scalar
              }
            }
          }
        }
        """,
        Error("Fields \"box\" conflict because they return conflicting types \"[StringBox]\" and \"StringBox\"." + UseAliases, (4, 7), (9, 7)));

    [Fact]
    public void Compares_shapes_deep_inside_exclusive_parents() => ExpectErrorsIn(ComplexValidationSchema.Schema, """
        {
          someBox {
            ... on IntBox {
              deepBox {
                scalar
              }
            }
            ... on StringBox {
              deepBox {
                scalar
              }
            }
          }
        }
        """,
        Error("Fields \"deepBox\" conflict because subfields \"scalar\" conflict because they return conflicting types \"Int\" and \"String\"." + UseAliases,
            (4, 7), (5, 9), (9, 7), (10, 9)));

    [Fact]
    public void Allows_same_shaped_fields_of_exclusive_objects() => ExpectValid("""
        {
          someBox {
            ... on IntBox {
              scalar: unrelatedField
            }
            ... on StringBox {
              scalar
            }
          }
        }
        """, ComplexValidationSchema.Schema);

    [Fact]
    public void Keeps_a_large_fragment_graph_cheap()
    {
        // Every fragment spreads all later ones: without the pair caches the comparison is exponential.
        var builder = new System.Text.StringBuilder("{ dog { ...F0 } }\n");
        const int count = 40;
        for (var i = 0; i < count; i++)
        {
            builder.Append("fragment F").Append(i).Append(" on Dog { name x").Append(i).Append(": barkVolume");
            for (var j = i + 1; j < count; j++)
            {
                builder.Append(" ...F").Append(j);
            }
            builder.Append(" }\n");
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Empty(Validate(builder.ToString()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
