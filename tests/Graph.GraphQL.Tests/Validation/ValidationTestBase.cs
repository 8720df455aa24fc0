using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation;

namespace Graph.GraphQL.Tests.Validation;

/// <summary>An expected validation error: its message and every location, in order.</summary>
public sealed record ExpectedError(string Message, params (int Line, int Column)[] Locations);

/// <summary>
/// Runs one rule (alone, as the reference implementation's rule tests do) over a document and compares the errors, their
/// order, messages and locations, with the expected ones.
/// </summary>
public abstract class ValidationTestBase
{
    private readonly IValidationRule _rule;

    protected ValidationTestBase(IValidationRule rule)
    {
        _rule = rule;
    }

    /// <summary>The schema documents are validated against; the spec's Dog/Cat schema unless a test class overrides it.</summary>
    protected virtual ISchema Schema => ValidationSchema.Schema;

    /// <summary>The errors of <paramref name="document"/> under the rule of the test class.</summary>
    protected IReadOnlyList<GraphQLError> Validate(string document, ISchema? schema = null) =>
        new DocumentValidator([_rule]).Validate(schema ?? Schema, Parser.Parse(document));

    protected void ExpectValid(string document, ISchema? schema = null) => Assert.Empty(Describe(Validate(document, schema)));

    /// <summary>Expects errors that each have one location.</summary>
    protected void ExpectErrors(string document, params (string Message, int Line, int Column)[] expected) =>
        ExpectErrors(document, expected.Select(e => new ExpectedError(e.Message, (e.Line, e.Column))).ToArray());

    /// <summary>Expects errors with any number of locations.</summary>
    protected void ExpectErrors(string document, params ExpectedError[] expected) => ExpectErrorsIn(Schema, document, expected);

    protected void ExpectErrorsIn(ISchema schema, string document, params ExpectedError[] expected)
    {
        var errors = Validate(document, schema);
        Assert.Equal(Describe(expected), Describe(errors));
        foreach (var error in errors)
        {
            Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
            Assert.Equal(_rule.SpecifiedBy, error.Extensions![ValidationErrors.SpecifiedByKey]);
        }
    }

    protected static ExpectedError Error(string message, params (int Line, int Column)[] locations) => new(message, locations);

    private static List<string> Describe(IEnumerable<ExpectedError> errors) =>
        errors.Select(e => e.Message + " @ " + string.Join(", ", e.Locations.Select(l => $"{l.Line}:{l.Column}"))).ToList();

    private static List<string> Describe(IEnumerable<GraphQLError> errors) =>
        errors.Select(e => e.Message + " @ " + string.Join(", ", (e.Locations ?? []).Select(l => $"{l.Line}:{l.Column}"))).ToList();
}
