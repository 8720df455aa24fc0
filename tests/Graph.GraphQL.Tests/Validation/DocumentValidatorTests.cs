using System.Text;
using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.Snapshots;
using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Validation;
using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class DocumentValidatorTests
{
    private const string KitchenSink = """
        query Kitchen(
          $id: ID
          $atOtherHomes: Boolean = true
          $command: DogCommand!
          $skip: Boolean!
          $search: FindDogInput
          $complex: ComplexInput = { name: "Rex", childrenNames: ["a", "b"] }
        ) @onQuery {
          human(id: $id) {
            name
            pets {
              ...petFields
              ... on Dog @onInlineFragment {
                doesKnowCommand(dogCommand: $command)
              }
            }
          }
          dog @skip(if: $skip) {
            ...dogFields @onFragmentSpread
            owner { name }
          }
          findDog(complex: $complex) { name }
          byName: findDog(searchBy: { name: "Rex" }) { nickname }
          bySearch: findDog(searchBy: $search) { barkVolume }
          catOrDog {
            __typename
            ... on Cat { meowVolume nickname }
            ... on Dog { barkVolume nickname }
          }
          arguments {
            multipleRequirements(y: 2, x: 1)
            booleanListArgField(booleanListArg: [true, false, null])
            optionalNonNullBooleanArgField(optionalBooleanArg: $atOtherHomes)
            floatArgField(floatArg: 1)
          }
          booleanList(booleanListArg: [true])
          __typename
          __type(name: "Dog") { name }
        }

        fragment petFields on Pet @onFragmentDefinition {
          name
        }

        fragment dogFields on Dog {
          name @onField
          nickname @repeatable @repeatable
          isHouseTrained(atOtherHomes: $atOtherHomes)
        }

        mutation Rename($newName: String! @onVariableDefinition) @onMutation {
          setName(name: $newName) { name }
        }

        subscription OnMessage @onSubscription {
          newMessage { body sender }
        }
        """;

    /// <summary>Breaks many rules at once; the full error list is snapshotted.</summary>
    private const string Broken = """
        query Broken($unused: Int, $dup: Boolean, $dup: Boolean, $cat: Cat, $missing: Unknwn) @skip(if: true) {
          dog {
            name: nickname
            name
            meowVolume
            doesKnowCommand(dogCommand: "SIT", dogCommand: SIT)
            isHouseTrained(atOtherHomes: $undefined) @include(if: $dup) @include(if: true)
            ...unknownFragment
            ... on Cat { meowVolume }
          }
          human
          findDog(complex: { name: 1, name: "x", nope: true }, searchBy: { name: "a", owner: "b" }) { name }
          arguments { nonNullBooleanArgField }
        }

        query Broken { __typename }

        {
          cat { ...cycleA }
        }

        fragment cycleA on Cat { ...cycleB }
        fragment cycleB on Cat { ...cycleA }
        fragment unused on Dog { name }
        fragment onScalar on Int { x }

        type NotExecutable { field: String }
        """;

    [Fact]
    public void The_kitchen_sink_passes_every_rule() =>
        Assert.Empty(DocumentValidator.Default.Validate(ValidationSchema.Schema, Parser.Parse(KitchenSink)));

    [Fact]
    public void Runs_every_rule_of_the_spec_in_the_reference_order()
    {
        var names = DocumentValidator.SpecifiedRules.Select(r => r.GetType().Name).ToArray();
        Assert.Equal(30, names.Length);
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Equal("ExecutableDefinitions", names[0]);
        Assert.Equal("FieldSelectionMerging", names[^2]);
        Assert.Equal("InputObjectFieldUniqueness", names[^1]);
        Assert.Equal(DocumentValidator.SpecifiedRules, DocumentValidator.Default.Rules);
        Assert.All(DocumentValidator.SpecifiedRules, r => Assert.StartsWith("https://spec.graphql.org/draft/#sec-", r.SpecifiedBy));
    }

    [Fact]
    public void Every_error_carries_the_code_and_the_spec_link_of_its_rule()
    {
        var errors = DocumentValidator.Default.Validate(ValidationSchema.Schema, Parser.Parse("{ dog { meowVolume } unknown }"));
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal(ErrorCodes.ValidationFailed, e.Code);
            Assert.Equal(FieldSelections.Instance.SpecifiedBy, e.Extensions![ValidationErrors.SpecifiedByKey]);
        });
    }

    [Fact]
    public void Reports_errors_in_document_order_then_rule_order()
    {
        var errors = DocumentValidator.Default.Validate(ValidationSchema.Schema, Parser.Parse(Broken));
        Snapshot.Match(errors.Select(e => new
        {
            e.Message,
            Locations = e.Locations?.Select(l => new { l.Line, l.Column }),
            Code = e.Code,
            SpecifiedBy = e.Extensions?[ValidationErrors.SpecifiedByKey],
        }).ToList());
        Assert.Equal("The \"NotExecutable\" definition is not executable.", errors[0].Message);
        // The second operation's name is checked when the walk reaches it, after every error inside the first operation.
        Assert.Equal("There can be only one variable named \"$dup\".", errors[1].Message);
        Assert.Equal(23, errors.ToList().FindIndex(e => e.Message == "There can be only one operation named \"Broken\"."));
        Assert.Equal("Fragment \"onScalar\" is never used.", errors[^1].Message);
    }

    [Fact]
    public void Stops_at_the_error_limit_with_the_reference_message()
    {
        var document = new StringBuilder("{");
        for (var i = 0; i < 150; i++)
        {
            document.Append(" unknown").Append(i);
        }
        document.Append(" }");
        var parsed = Parser.Parse(document.ToString());

        var errors = DocumentValidator.Default.Validate(ValidationSchema.Schema, parsed);
        Assert.Equal(101, errors.Count);
        Assert.Equal("Cannot query field \"unknown99\" on type \"Query\".", errors[99].Message);
        Assert.Equal("Too many validation errors, error limit reached. Validation aborted.", errors[100].Message);
        Assert.Null(errors[100].Locations);
        Assert.Equal(ErrorCodes.ValidationFailed, errors[100].Code);

        var small = new DocumentValidator(DocumentValidator.SpecifiedRules, new ValidationOptions { MaxErrors = 3 }).Validate(ValidationSchema.Schema, parsed);
        Assert.Equal(4, small.Count);
        Assert.Equal(ValidationErrors.TooManyErrorsMessage, small[3].Message);

        var exactly = new DocumentValidator(DocumentValidator.SpecifiedRules, new ValidationOptions { MaxErrors = 150 }).Validate(ValidationSchema.Schema, parsed);
        Assert.Equal(150, exactly.Count);
        Assert.DoesNotContain(exactly, e => e.Message == ValidationErrors.TooManyErrorsMessage);
    }

    [Fact]
    public void Rejects_invalid_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentValidator(DocumentValidator.SpecifiedRules, new ValidationOptions { MaxErrors = 0 }));
        Assert.Throws<ArgumentException>(() => new DocumentValidator([FieldSelections.Instance, null!]));
    }

    [Fact]
    public void Runs_only_the_given_rules()
    {
        var validator = new DocumentValidator([LoneAnonymousOperation.Instance]);
        var errors = validator.Validate(ValidationSchema.Schema, Parser.Parse("{ unknown } query A { unknown }"));
        var error = Assert.Single(errors);
        Assert.Equal("This anonymous operation must be the only defined operation.", error.Message);
        Assert.Equal(LoneAnonymousOperation.Instance.SpecifiedBy, error.Extensions![ValidationErrors.SpecifiedByKey]);
    }

    [Fact]
    public void The_default_validator_is_safe_for_concurrent_use()
    {
        var documents = new List<DocumentNode> { Parser.Parse(KitchenSink), Parser.Parse(Broken) };
        for (var i = 0; i < 30; i++)
        {
            documents.Add(Parser.Parse($$"""
                query Q{{i}}($v: Int, $w: Boolean) {
                  dog { name: nickname name x{{i}}: barkVolume ...F{{i % 3}} }
                  arguments { intArgField(intArg: $v) nonNullBooleanArgField(nonNullBooleanArg: $w) }
                }
                fragment F0 on Dog { barkVolume: name }
                fragment F1 on Dog { ...F2 }
                fragment F2 on Dog { ...F1 }
                """));
        }
        var expected = documents.Select(d => Describe(DocumentValidator.Default.Validate(ValidationSchema.Schema, d))).ToArray();
        Assert.Contains(expected, e => e.Length > 0);

        var actual = new string[documents.Count * 20];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            actual[i] = Describe(DocumentValidator.Default.Validate(ValidationSchema.Schema, documents[i % documents.Count])));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % documents.Count], actual[i]);
        }
    }

    private static string Describe(IReadOnlyList<GraphQLError> errors) => string.Join("\n", errors.Select(e => e.ToString()));
}
