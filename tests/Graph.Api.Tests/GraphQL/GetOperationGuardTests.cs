using Graph.GraphQL.AspNetCore.Http;
using Graph.GraphQL.Language;

namespace Graph.Api.Tests.GraphQL;

/// <summary>What a GET selects is decided on the parser's syntax tree, as the executor's GetOperation decides it.</summary>
public sealed class GetOperationGuardTests
{
    [Theory]
    [InlineData("{ a }", null, OperationType.Query)]
    [InlineData("query { a }", null, OperationType.Query)]
    [InlineData("mutation { a }", null, OperationType.Mutation)]
    [InlineData("subscription { a }", null, OperationType.Subscription)]
    [InlineData("query Q { a } mutation M { b }", "M", OperationType.Mutation)]
    [InlineData("query Q { a } mutation M { b }", "Q", OperationType.Query)]
    [InlineData("fragment mutation on mutation { a } query { ...mutation }", null, OperationType.Query)]
    [InlineData("fragment F on Mutation { a } mutation { ...F }", null, OperationType.Mutation)]
    [InlineData("query Q($v: In = {a: \"}\"}) @mutation { a } ", null, OperationType.Query)]
    [InlineData("\"\"\" { \"\"\" mutation { a }", null, OperationType.Mutation)]
    [InlineData("# mutation\nquery { mutation }", null, OperationType.Query)]
    public void The_selected_operation_type(string document, string? operationName, OperationType expected) =>
        Assert.Equal(expected, GetOperationGuard.SelectedOperationType(document, operationName));

    [Theory]
    [InlineData("query A { a } mutation B { b }", null)]
    [InlineData("query A { a }", "B")]
    [InlineData("fragment F on Query { a }", null)]
    [InlineData("type Query { a: Int }", null)]
    public void No_operation_is_selected_when_the_executor_would_refuse(string document, string? operationName) =>
        Assert.Null(GetOperationGuard.SelectedOperationType(document, operationName));

    [Theory]
    [InlineData("")]
    [InlineData("mutation {")]
    [InlineData("mutation { a } }")]
    public void A_document_that_does_not_parse_is_a_syntax_error(string document) =>
        Assert.Throws<GraphQLSyntaxException>(() => GetOperationGuard.SelectedOperationType(document, null));
}
