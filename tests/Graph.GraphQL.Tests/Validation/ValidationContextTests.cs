using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation;

namespace Graph.GraphQL.Tests.Validation;

public class ValidationContextTests
{
    private const string Document = """
        query Q($atOtherHomes: Boolean, $cmd: DogCommand!) {
          dog {
            ...A
            doesKnowCommand(dogCommand: $cmd)
          }
        }

        fragment A on Dog {
          ...B
          owner { ...C }
        }

        fragment B on Dog {
          isHouseTrained(atOtherHomes: $atOtherHomes)
          ...A
        }

        fragment C on Human { name }
        fragment Unused on Dog { name }
        """;

    [Fact]
    public void Collects_recursively_referenced_fragments_once_each()
    {
        var document = Parser.Parse(Document);
        var context = new ValidationContext(ValidationSchema.Schema, document);
        var operation = (OperationDefinitionNode)document.Definitions[0];

        var fragments = context.GetRecursivelyReferencedFragments(operation);

        Assert.Equal(["A", "B", "C"], fragments.Select(f => f.Name.Value));
        Assert.Same(fragments, context.GetRecursivelyReferencedFragments(operation));
        Assert.Null(context.GetFragment("Missing"));
    }

    [Fact]
    public void Lists_direct_spreads_depth_first_with_nested_selection_sets_last_first()
    {
        var document = Parser.Parse("{ dog { ...X } cat { ...Y } ...Z }");
        var context = new ValidationContext(ValidationSchema.Schema, document);
        var selectionSet = ((OperationDefinitionNode)document.Definitions[0]).SelectionSet;

        Assert.Equal(["Z", "Y", "X"], context.GetFragmentSpreads(selectionSet).Select(s => s.Name.Value));
    }

    [Fact]
    public void Collects_variable_usages_with_their_expected_types_and_locations()
    {
        var document = Parser.Parse(Document);
        var context = new ValidationContext(ValidationSchema.Schema, document);
        var operation = (OperationDefinitionNode)document.Definitions[0];

        var usages = context.GetRecursiveVariableUsages(operation);

        Assert.Equal(["cmd", "atOtherHomes"], usages.Select(u => u.Node.Name.Value));
        Assert.Equal("DogCommand!", usages[0].Type!.Print());
        Assert.Equal("Dog.doesKnowCommand(dogCommand:)", usages[0].Location!.Coordinate);
        Assert.Equal("Boolean", usages[1].Type!.Print());
        Assert.False(usages[1].HasLocationDefaultValue);
        Assert.Null(usages[1].ParentType);
    }

    [Fact]
    public void Reports_errors_up_to_the_limit_then_aborts()
    {
        var context = new ValidationContext(ValidationSchema.Schema, Parser.Parse("{ dog { name } }"), maxErrors: 1);
        context.ReportError(new GraphQLError("first"));

        Assert.ThrowsAny<Exception>(() => context.ReportError(new GraphQLError("second")));
        Assert.Equal(["first", ValidationErrors.TooManyErrorsMessage], context.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Builds_schema_types_from_type_references()
    {
        var schema = ValidationSchema.Schema;
        Assert.Equal("[DogCommand!]!", TypeInfo.TypeFromSyntax(schema, Parser.ParseType("[DogCommand!]!"))!.Print());
        Assert.Null(TypeInfo.TypeFromSyntax(schema, Parser.ParseType("[Unknown]")));
    }
}
