using Graph.GraphQL.Execution;
using Graph.GraphQL.Execution.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Tests.Execution;

/// <summary>Resolver exceptions: GraphQL errors kept, other exceptions masked unless details are on, error filters.</summary>
public class ErrorHandlingTests
{
    private const string Sdl = "type Query { fails: String graphQLError: String reported: String returnsError: String many: [String] }";

    private sealed class DomainException(string message) : Exception(message);

    private sealed class DomainErrorFilter : IErrorFilter
    {
        public GraphQLError OnError(GraphQLError error) => error.Exception is DomainException domain
            ? new GraphQLError("Domain: " + domain.Message, error.Locations, error.Path).WithCode("DOMAIN")
            : error;
    }

    private static void Resolvers(IRequestExecutorBuilder builder) => builder
        .AddResolver("Query", "fails", _ => throw new DomainException("secret detail"))
        .AddResolver("Query", "graphQLError", _ => throw new GraphQLException(
            new GraphQLError("Not allowed.", extensions: new Dictionary<string, object?> { ["code"] = "FORBIDDEN", ["reason"] = 42 })))
        .AddResolver("Query", "reported", ctx =>
        {
            ctx.ReportError(new GraphQLError("Partial data."));
            return "still here";
        })
        .AddResolver("Query", "returnsError", _ => new GraphQLError("Returned, not thrown."))
        .AddResolver("Query", "many", _ => new object?[] { "ok", new InvalidOperationException("item") });

    [Fact]
    public async Task Masks_unexpected_exceptions()
    {
        var json = await TestServer.Create(Sdl, Resolvers).RunAsync("{ fails }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Unexpected Execution Error","locations":[{"line":1,"column":3}],"path":["fails"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],
             "data":{"fails":null}}
            """, json);
        Assert.DoesNotContain("secret", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Includes_exception_details_when_asked()
    {
        var executor = TestServer.Create(Sdl, b => Resolvers(b.ModifyRequestOptions(o => o.IncludeExceptionDetails = true)));

        var result = (await executor.ExecuteAsync("{ fails }")).ExpectOperationResult();

        var error = Assert.Single(result.Errors!);
        Assert.Equal("Unexpected Execution Error", error.Message);
        Assert.Equal("secret detail", error.Extensions!["message"]);
        Assert.Equal(typeof(DomainException).FullName, error.Extensions["exceptionType"]);
        Assert.Contains(nameof(ErrorHandlingTests), (string)error.Extensions["stackTrace"]!, StringComparison.Ordinal);
        Assert.IsType<DomainException>(error.Exception);
    }

    [Fact]
    public async Task Keeps_graphql_errors_reported_errors_and_returned_errors()
    {
        var json = await TestServer.Create(Sdl, Resolvers).RunAsync("{ graphQLError reported returnsError many }");

        JsonAssert.Equal("""
            {"errors":[
              {"message":"Not allowed.","locations":[{"line":1,"column":3}],"path":["graphQLError"],"extensions":{"code":"FORBIDDEN","reason":42}},
              {"message":"Partial data.","locations":[{"line":1,"column":16}],"path":["reported"]},
              {"message":"Returned, not thrown.","locations":[{"line":1,"column":25}],"path":["returnsError"]},
              {"message":"Unexpected Execution Error","locations":[{"line":1,"column":38}],"path":["many",1],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],
             "data":{"graphQLError":null,"reported":"still here","returnsError":null,"many":["ok",null]}}
            """, json);
    }

    [Fact]
    public async Task Error_filters_rewrite_errors_in_order()
    {
        var executor = TestServer.Create(Sdl, b => Resolvers(b
            .AddErrorFilter<DomainErrorFilter>()
            .AddErrorFilter(error => error.WithExtension("filtered", true))));

        var json = await executor.RunAsync("{ fails }");

        JsonAssert.Equal("""
            {"errors":[{"message":"Domain: secret detail","locations":[{"line":1,"column":3}],"path":["fails"],"extensions":{"code":"DOMAIN","filtered":true}}],
             "data":{"fails":null}}
            """, json);
    }

    [Fact]
    public async Task Error_filters_also_see_request_errors()
    {
        var executor = TestServer.Create(Sdl, b => Resolvers(b.AddErrorFilter(error => error.WithMessage("Filtered: " + error.Message))));

        var json = await executor.RunAsync("{ fails");

        Assert.StartsWith("{\"errors\":[{\"message\":\"Filtered: Syntax Error:", json, StringComparison.Ordinal);
    }
}
