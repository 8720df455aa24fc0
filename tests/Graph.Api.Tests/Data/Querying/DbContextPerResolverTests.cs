using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data.Querying;

/// <summary>Resolvers taking the DbContext get one each (RegisterDbContextFactory), so parallel resolvers never share one.</summary>
public sealed class DbContextPerResolverTests(QueryingDatabase database) : IClassFixture<QueryingDatabase>
{
    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class Queries
    {
        public async Task<List<Title>> GetTitlesAsync(QueryingDbContext db, CancellationToken cancellationToken) =>
            await db.Titles.OrderBy(t => t.Id).Take(3).ToListAsync(cancellationToken);

        /// <summary>An IQueryable the executor enumerates after the resolver returned: the context must still be open then.</summary>
        public IQueryable<Writer> GetWriters(QueryingDbContext db) => db.Writers.OrderBy(w => w.Id).Take(2);
    }

    [Fact]
    public async Task Parallel_root_fields_each_get_a_context_of_their_own()
    {
        var executor = await database.CreateExecutorAsync(b => b.AddTypeExtension<Queries>());
        var json = await executor.RunAsync("{ a: titles { id } b: titles { id } c: titles { id } d: titles { id } w: writers { name } }");
        Assert.Equal(
            """{"data":{"a":[{"id":1},{"id":2},{"id":3}],"b":[{"id":1},{"id":2},{"id":3}],"c":[{"id":1},{"id":2},{"id":3}],"d":[{"id":1},{"id":2},{"id":3}],"w":[{"name":"Aminata Sow Fall"},{"name":"Cheikh Hamidou Kane"}]}}""",
            json);
    }

    [Fact]
    public async Task Many_requests_at_once_never_start_a_second_operation_on_a_context()
    {
        var executor = await database.CreateExecutorAsync(b => b.AddTypeExtension<Queries>());
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => executor.RunAsync("{ a: titles { id } b: writers { id } c: titles { name } }")));
        Assert.All(results, json => Assert.DoesNotContain("errors", json));
    }
}
