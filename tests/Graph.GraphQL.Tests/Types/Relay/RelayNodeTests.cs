using Graph.GraphQL.Tests.Execution;
using static Graph.GraphQL.Tests.Types.Relay.RelayTestServer;

namespace Graph.GraphQL.Tests.Types.Relay;

/// <summary><c>node(id:)</c> and <c>nodes(ids:)</c>: dispatch by type, nulls for missing objects, errors for bad IDs, batching.</summary>
public sealed class RelayNodeTests
{
    [Fact]
    public async Task Node_fetches_objects_of_each_node_type_with_typename_and_fragments()
    {
        var (executor, _) = await CreateAsync();
        var tag = Ids.Format("Tag", "sci-fi");

        var json = await executor.RunAsync($$"""
            {
              book: node(id: "{{DuneGid}}") { __typename id ... on Book { title } }
              author: node(id: "{{Author(2)}}") { __typename ... on Author { name } }
              tag: node(id: "{{tag}}") { id __typename }
            }
            """);

        JsonAssert.Equal($$$$"""
            {"data":{
              "book":{"__typename":"Book","id":"{{{{DuneGid}}}}","title":"Dune"},
              "author":{"__typename":"Author","name":"Mariama Bâ"},
              "tag":{"id":"{{{{tag}}}}","__typename":"Tag"}}}
            """, json);
    }

    [Fact]
    public async Task Ids_read_from_objects_fetch_the_same_objects_again()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync($$"""{ node(id: "{{SoGid}}") { ... on Book { authorId } } }""");

        JsonAssert.Equal($$$$"""{"data":{"node":{"authorId":"{{{{Author(2)}}}}"}}}""", json);
        JsonAssert.Equal(
            """{"data":{"node":{"name":"Mariama Bâ"}}}""",
            await executor.RunAsync($$"""{ node(id: "{{Author(2)}}") { ... on Author { name } } }"""));
    }

    [Fact]
    public async Task A_well_formed_id_of_a_missing_object_gives_null_without_error()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync($$"""
            { book: node(id: "{{Ids.Format("Book", Guid.Empty)}}") { id } author: node(id: "{{Author(99)}}") { id } }
            """);

        JsonAssert.Equal("""{"data":{"book":null,"author":null}}""", json);
    }

    [Fact]
    public async Task Nodes_keeps_the_order_of_the_ids_with_null_for_missing_objects()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync($$"""
            { nodes(ids: ["{{Author(1)}}", "{{SoGid}}", "{{Author(42)}}", "{{DuneGid}}"]) { __typename ... on Book { title } ... on Author { name } } }
            """);

        JsonAssert.Equal("""
            {"data":{"nodes":[
              {"__typename":"Author","name":"Frank Herbert"},
              {"__typename":"Book","title":"Une si longue lettre"},
              null,
              {"__typename":"Book","title":"Dune"}]}}
            """, json);
    }

    [Fact]
    public async Task Nodes_fetches_the_books_in_one_dataloader_batch()
    {
        var (executor, store) = await CreateAsync();

        var json = await executor.RunAsync($$"""
            { nodes(ids: ["{{DuneGid}}", "{{Author(1)}}", "{{SoGid}}", "{{Ids.Format("Book", Guid.Empty)}}"]) { id } }
            """);

        Assert.Contains("\"nodes\":[{", json, StringComparison.Ordinal);
        Assert.Equal(1, store.BookBatches);
        Assert.Equal([RelayLibrary.DuneId, RelayLibrary.SoId, Guid.Empty], store.BookBatchKeys.Single());
    }

    [Fact]
    public async Task A_malformed_id_is_a_field_error_with_code_location_and_path()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync("""
            {
              node(id: "xyz") { id }
            }
            """);

        JsonAssert.Equal("""
            {"errors":[{"message":"The ID \"xyz\" is not a valid node ID.","locations":[{"line":2,"column":3}],"path":["node"],"extensions":{"code":"INVALID_NODE_ID"}}],
             "data":{"node":null}}
            """, json);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("Qm9vazo")]
    [InlineData("Qm9vaw")]
    [InlineData("MUJvb2s6aTE")]
    public async Task Garbage_ids_are_invalid_node_ids(string id)
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync($$"""{ node(id: "{{id}}") { id } }""");

        Assert.Contains("\"code\":\"INVALID_NODE_ID\"", json, StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"node\":null}", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Shelf")]
    [InlineData("Query")]
    [InlineData("Nope")]
    public async Task An_id_of_a_type_that_is_no_node_type_is_an_error(string typeName)
    {
        var (executor, _) = await CreateAsync();
        var id = Ids.Format(typeName, 1);

        var json = await executor.RunAsync($$"""{ node(id: "{{id}}") { id } }""");

        JsonAssert.Equal($$$$"""
            {"errors":[{"message":"The ID \"{{{{id}}}}\" refers to the type \"{{{{typeName}}}}\", which is not a node type of this schema.","locations":[{"line":1,"column":3}],"path":["node"],"extensions":{"code":"INVALID_NODE_ID"}}],
             "data":{"node":null}}
            """, json);
    }

    [Fact]
    public async Task An_id_whose_key_does_not_fit_the_node_type_is_an_error()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync($$"""{ node(id: "{{Ids.Format("Book", 7)}}") { id } }""");

        Assert.Contains("\"code\":\"INVALID_NODE_ID\"", json, StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"node\":null}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_id_in_nodes_nulls_its_item_with_an_error_at_the_item_path()
    {
        var (executor, _) = await CreateAsync();

        var json = await executor.RunAsync($$"""
            { nodes(ids: ["{{Author(1)}}", "nope"]) { id } }
            """);

        JsonAssert.Equal($$$$"""
            {"errors":[{"message":"The ID \"nope\" is not a valid node ID.","locations":[{"line":1,"column":3}],"path":["nodes",1],"extensions":{"code":"INVALID_NODE_ID"}}],
             "data":{"nodes":[{"id":"{{{{Author(1)}}}}"},null]}}
            """, json);
    }

    [Fact]
    public async Task Nodes_accepts_fifty_ids_and_refuses_more()
    {
        var (executor, _) = await CreateAsync();
        var fifty = string.Join(", ", Enumerable.Range(1, 50).Select(i => $"\"{Author(i)}\""));
        var more = fifty + $", \"{Author(51)}\"";

        var ok = await executor.RunAsync($$"""{ nodes(ids: [{{fifty}}]) { id } }""");
        var refused = await executor.RunAsync($$"""{ nodes(ids: [{{more}}]) { id } }""");

        Assert.DoesNotContain("errors", ok, StringComparison.Ordinal);
        JsonAssert.Equal("""
            {"errors":[{"message":"The nodes field accepts at most 50 IDs at once, but 51 were given.","locations":[{"line":1,"column":3}],"path":["nodes"],"extensions":{"code":"NODE_LIMIT_EXCEEDED"}}],
             "data":null}
            """, refused);
    }

    [Fact]
    public async Task The_node_limit_is_configurable()
    {
        var (executor, _) = await CreateAsync(maxNodes: 2);

        var json = await executor.RunAsync($$"""{ nodes(ids: ["{{Author(1)}}", "{{Author(2)}}", "{{Author(1)}}"]) { id } }""");

        Assert.Contains("The nodes field accepts at most 2 IDs at once, but 3 were given.", json, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"NODE_LIMIT_EXCEEDED\"", json, StringComparison.Ordinal);
    }
}
