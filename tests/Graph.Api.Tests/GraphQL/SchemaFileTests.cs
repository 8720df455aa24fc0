using Graph.Api.Hosting;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.GraphQL;

/// <summary>schema/schema.graphql is what clients and the SPA's typed operations are generated from: it must be what the server prints.</summary>
public sealed class SchemaFileTests
{
    [Fact]
    public async Task The_checked_in_schema_is_what_the_server_prints()
    {
        await using var factory = new GraphApiFactory(TestPostgres.ConnectionStringFor("graph"));
        var printed = await GraphSchema.PrintAsync(factory.Services);
        var path = SchemaFile.DefaultPath(AppContext.BaseDirectory);

        Assert.True(File.Exists(path), $"{path} is missing: run `npm run schema`.");
        var checkedIn = await File.ReadAllTextAsync(path);
        Assert.True(checkedIn == printed, $"{path} differs from the server's schema: run `npm run schema` and commit the file.");
    }
}
