using Graph.GraphQL.Data;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Data.Querying.Filtering;

/// <summary><c>.UseFiltering()</c> on code-first field descriptors, here on a nested list filtered in memory.</summary>
public sealed class FilteringCodeFirstTests(QueryingDatabase database) : IClassFixture<QueryingDatabase>
{
    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class SeedQueries
    {
        public IReadOnlyList<Writer> GetSeedWriters() => FilteringSeed.Writers;
    }

    public sealed class WriterType : ObjectType<Writer>
    {
        protected override void Configure(IObjectTypeDescriptor<Writer> descriptor) =>
            descriptor.Field(w => w.Titles).UseFiltering<TitlePagesFilterInputType>();
    }

    public sealed class TitlePagesFilterInputType : FilterInputType<Title>
    {
        protected override void Configure(IFilterInputTypeDescriptor<Title> descriptor) =>
            descriptor.Name("TitlePagesFilterInput").BindFieldsExplicitly().Field(t => t.Pages);
    }

    [Fact]
    public async Task A_code_first_field_filters_with_UseFiltering()
    {
        var executor = await database.CreateExecutorAsync(b => b.AddFiltering().AddTypeExtension<SeedQueries>().AddType<WriterType>());
        var json = await executor.RunAsync("{ seedWriters { id titles(where: { pages: { gt: 370 } }) { id } } }");
        var expected = string.Join(",", FilteringSeed.Writers.Select(w =>
            $"{{\"id\":{w.Id},\"titles\":[{string.Join(",", w.Titles.Where(t => t.Pages > 370).Select(t => $"{{\"id\":{t.Id}}}"))}]}}"));
        Assert.Equal($"{{\"data\":{{\"seedWriters\":[{expected}]}}}}", json);
        Assert.Equal("and or pages", string.Join(" ", executor.Schema.GetType<InputObjectType>("TitlePagesFilterInput").Fields.Select(f => f.Name)));
    }
}
