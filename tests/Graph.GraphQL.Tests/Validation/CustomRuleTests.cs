using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Validation;
using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class CustomRuleTests
{
    /// <summary>A custom rule: no field may be aliased "forbidden"; counts fields per run to show per-run state.</summary>
    private sealed class NoForbiddenAlias : IValidationRule
    {
        public string SpecifiedBy => "https://example.com/rules#no-forbidden-alias";

        public ValidationVisitor CreateVisitor(ValidationContext context) => new Visitor(this);

        private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
        {
            private int _fields;

            public override bool EnterField(ValidationContext context, FieldNode node)
            {
                _fields++;
                if (node.Alias?.Value == "forbidden")
                {
                    ReportError(context, $"Alias \"forbidden\" used on field {_fields}.", node.Alias);
                }
                return true;
            }
        }
    }

    [Fact]
    public void Custom_rules_run_beside_the_spec_rules_with_their_own_state()
    {
        var validator = new DocumentValidator([.. DocumentValidator.SpecifiedRules, new NoForbiddenAlias()]);
        var document = Parser.Parse("{ dog { name forbidden: nickname } }");

        var first = validator.Validate(ValidationSchema.Schema, document);
        var second = validator.Validate(ValidationSchema.Schema, document);

        var error = Assert.Single(first);
        Assert.Equal("Alias \"forbidden\" used on field 3.", error.Message);
        Assert.Equal(new ErrorLocation(1, 14), Assert.Single(error.Locations!));
        Assert.Equal("https://example.com/rules#no-forbidden-alias", error.Extensions![ValidationErrors.SpecifiedByKey]);
        Assert.Equal(error.Message, Assert.Single(second).Message);
    }

    [Fact]
    public void A_validation_allocates_little()
    {
        var document = Parser.Parse("""
            query Q($id: ID, $cmd: DogCommand!) {
              human(id: $id) { name pets { name ... on Dog { doesKnowCommand(dogCommand: $cmd) } } }
              dog { ...D owner { name } }
              catOrDog { ... on Cat { meowVolume } ... on Dog { barkVolume } }
            }
            fragment D on Dog { name nickname barkVolume isHouseTrained(atOtherHomes: true) }
            """);
        var validator = new DocumentValidator([FieldSelections.Instance, LeafFieldSelections.Instance, ArgumentNames.Instance]);
        validator.Validate(ValidationSchema.Schema, document);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var errors = validator.Validate(ValidationSchema.Schema, document);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(errors);
        // Stateless rules share their visitor; the walk itself allocates nothing per node.
        Assert.True(allocated < 4_000, $"allocated {allocated} bytes");
    }
}
