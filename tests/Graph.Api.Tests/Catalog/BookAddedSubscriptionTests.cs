using Graph.Api.Data.Seed;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Catalog;

/// <summary>bookAdded across two API instances (two hosts) on one database: the event travels through PostgreSQL.</summary>
public sealed class BookAddedSubscriptionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private GraphApiFactory _instanceA = null!;
    private GraphApiFactory _instanceB = null!;

    public async Task InitializeAsync()
    {
        await using (var db = database.CreateContext())
        {
            await DemoSeeder.SeedAsync(db, TimeProvider.System);
        }
        _instanceA = new GraphApiFactory(database.ConnectionString);
        _instanceB = new GraphApiFactory(database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _instanceA.DisposeAsync();
        await _instanceB.DisposeAsync();
    }

    [Fact]
    public async Task A_book_added_on_one_instance_reaches_a_subscriber_of_the_other()
    {
        var executorB = await _instanceB.Services.GetRequestExecutorAsync();
        var result = await executorB.ExecuteAsync("subscription { bookAdded { title language price { amount currency } author { name } } }");
        var stream = result.ExpectResponseStream();
        var events = stream.GetAsyncEnumerator();
        using var client = _instanceA.CreateClient().AsAdmin(_instanceA.Services);
        Guid authorId;
        await using (var db = database.CreateContext())
        {
            authorId = db.Authors.Single(a => a.Name == "Fatoumata Keïta").Id;
        }

        var response = await client.SendGraphQLAsync(GraphQLHttp.PostQuery(
            "mutation($input: AddBookInput!) { addBook(input: $input) { book { id } errors { __typename } } }",
            new Dictionary<string, object?>
            {
                ["input"] = new Dictionary<string, object?>
                {
                    ["title"] = "Les Greniers de Ségou",
                    ["authorId"] = GlobalIds.Author(authorId),
                    ["language"] = "fr",
                    ["price"] = new Dictionary<string, object?> { ["amount"] = 3500, ["currency"] = "XOF" },
                },
            }));
        Assert.False(response.HasErrors, response.Text);

        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(HangGuard), "The subscription ended without an event.");
        Assert.Equal(
            """{"data":{"bookAdded":{"title":"Les Greniers de Ségou","language":"fr","price":{"amount":3500,"currency":"XOF"},"author":{"name":"Fatoumata Keïta"}}}}""",
            events.Current.ToJson());

        await events.DisposeAsync();
        await stream.DisposeAsync();
    }
}
