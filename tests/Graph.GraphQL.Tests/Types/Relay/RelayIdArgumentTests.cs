using Graph.GraphQL.Tests.Execution;
using static Graph.GraphQL.Tests.Types.Relay.RelayTestServer;

namespace Graph.GraphQL.Tests.Types.Relay;

/// <summary>Arguments and input fields marked [ID] take global IDs and hand resolvers the keys.</summary>
public sealed class RelayIdArgumentTests
{
    [Fact]
    public async Task A_typed_id_argument_receives_the_key()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync($$"""{ authorName(authorId: "{{Author(1)}}") }""");

        JsonAssert.Equal("""{"data":{"authorName":"Frank Herbert"}}""", json);
    }

    [Fact]
    public async Task A_typed_id_argument_given_as_a_variable_receives_the_key()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync(
            "query($id: ID!) { authorName(authorId: $id) }",
            TestServer.Vars(("id", Author(2))));

        JsonAssert.Equal("""{"data":{"authorName":"Mariama Bâ"}}""", json);
    }

    [Fact]
    public async Task An_id_of_another_type_is_refused_with_code_location_and_path()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync($$"""
            query {
              authorName(authorId: "{{DuneGid}}")
            }
            """);

        JsonAssert.Equal($$$$"""
            {"errors":[{"message":"The ID \"{{{{DuneGid}}}}\" is not a valid ID of type \"Author\": it is an ID of \"Book\".","locations":[{"line":2,"column":3}],"path":["authorName"],"extensions":{"code":"INVALID_NODE_ID"}}],
             "data":{"authorName":null}}
            """, json);
    }

    [Fact]
    public async Task A_malformed_id_argument_is_refused()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync("""{ authorName(authorId: "1") }""");

        JsonAssert.Equal("""
            {"errors":[{"message":"The ID \"1\" is not a valid node ID.","locations":[{"line":1,"column":3}],"path":["authorName"],"extensions":{"code":"INVALID_NODE_ID"}}],
             "data":{"authorName":null}}
            """, json);
    }

    [Fact]
    public async Task An_untyped_id_argument_accepts_an_id_of_any_type()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync($$"""{ a: anything(id: "{{Ids.Format("Tag", "classic")}}") b: anything(id: "{{Ids.Format("Shelf", "front")}}") }""");

        JsonAssert.Equal("""{"data":{"a":"classic","b":"front"}}""", json);
    }

    [Fact]
    public async Task Id_input_fields_receive_keys_and_are_type_checked()
    {
        var (executor, _) = await CreateAsync();

        var byAuthor = await executor.RunAsync($$"""{ findBooks(input: { authorId: "{{Author(2)}}" }) }""");
        var byBooks = await executor.RunAsync(
            "query($input: BooksByInput!) { findBooks(input: $input) }",
            TestServer.Vars(("input", new Dictionary<string, object?> { ["bookIds"] = new List<object?> { DuneGid, SoGid } })));
        var wrongType = await executor.RunAsync($$"""{ findBooks(input: { bookIds: ["{{Author(2)}}"] }) }""");

        JsonAssert.Equal("""{"data":{"findBooks":["Une si longue lettre"]}}""", byAuthor);
        JsonAssert.Equal("""{"data":{"findBooks":["Dune","Une si longue lettre"]}}""", byBooks);
        JsonAssert.Equal($$$$"""
            {"errors":[{"message":"The ID \"{{{{Author(2)}}}}\" is not a valid ID of type \"Book\": it is an ID of \"Author\".","locations":[{"line":1,"column":3}],"path":["findBooks"],"extensions":{"code":"INVALID_NODE_ID"}}],
             "data":null}
            """, wrongType);
    }
}
