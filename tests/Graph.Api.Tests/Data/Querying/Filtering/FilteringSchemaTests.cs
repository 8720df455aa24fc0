using Microsoft.Extensions.DependencyInjection;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;

namespace Graph.Api.Tests.Data.Querying.Filtering;

/// <summary>The generated filter input types as clients see them, and FilterInputType&lt;T&gt; choosing the fields.</summary>
public sealed class FilteringSchemaTests(QueryingDatabase database) : IClassFixture<QueryingDatabase>
{
    private static string Print(ISchema schema, string type) => SchemaPrinter.PrintType(schema.GetType<INamedType>(type)).ReplaceLineEndings("\n");

    [Fact]
    public async Task The_entity_filter_input_has_and_or_and_one_field_per_property()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        Assert.Equal(""""
            """
            Filters Title values: every condition given must hold; and / or combine whole filters.
            """
            input TitleFilterInput {
              """Every one of these filters matches."""
              and: [TitleFilterInput!]

              """At least one of these filters matches."""
              or: [TitleFilterInput!]
              id: IntOperationFilterInput
              name: StringOperationFilterInput
              pages: IntOperationFilterInput
              price: DecimalOperationFilterInput
              format: TitleFormatOperationFilterInput
              inPrint: BooleanOperationFilterInput
              publishedAt: DateTimeOperationFilterInput
              rating: IntOperationFilterInput
              tags: ListStringOperationFilterInput
              writerId: IntOperationFilterInput
              writer: WriterFilterInput
            }
            """", Print(executor.Schema, "TitleFilterInput"));
    }

    [Fact]
    public async Task Operation_filter_inputs_document_their_case_rules()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        Assert.Equal(""""
            """
            Conditions on a String value; all the operations given must hold. eq, neq, in and nin compare exactly (case-sensitive); contains, startsWith, endsWith and their negations ignore case.
            """
            input StringOperationFilterInput {
              """Every one of these conditions holds."""
              and: [StringOperationFilterInput!]

              """At least one of these conditions holds."""
              or: [StringOperationFilterInput!]

              """Equal to the value; null matches a missing value."""
              eq: String

              """Not equal to the value; null matches a present value."""
              neq: String

              """Equal to one of the values."""
              in: [String!]

              """Equal to none of the values."""
              nin: [String!]

              """Contains the value."""
              contains: String

              """Does not contain the value."""
              ncontains: String

              """Starts with the value."""
              startsWith: String

              """Does not start with the value."""
              nstartsWith: String

              """Ends with the value."""
              endsWith: String

              """Does not end with the value."""
              nendsWith: String
            }
            """", Print(executor.Schema, "StringOperationFilterInput"));
        Assert.Equal(""""
            """Conditions on a list of Title values."""
            input ListFilterInputTypeOfTitleFilterInput {
              """Every item matches (true for an empty list)."""
              all: TitleFilterInput

              """No item matches."""
              none: TitleFilterInput

              """At least one item matches."""
              some: TitleFilterInput

              """true: the list has items; false: the list is empty."""
              any: Boolean
            }
            """", Print(executor.Schema, "ListFilterInputTypeOfTitleFilterInput"));
    }

    [Fact]
    public async Task Operation_inputs_exist_per_scalar_with_the_operations_that_fit()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        string Fields(string type) => string.Join(" ", executor.Schema.GetType<InputObjectType>(type).Fields.Select(f => $"{f.Name}:{f.Type.Print()}"));
        Assert.Equal("and:[IntOperationFilterInput!] or:[IntOperationFilterInput!] eq:Int neq:Int in:[Int!] nin:[Int!] gt:Int gte:Int lt:Int lte:Int", Fields("IntOperationFilterInput"));
        Assert.Equal("and:[DecimalOperationFilterInput!] or:[DecimalOperationFilterInput!] eq:Decimal neq:Decimal in:[Decimal!] nin:[Decimal!] gt:Decimal gte:Decimal lt:Decimal lte:Decimal", Fields("DecimalOperationFilterInput"));
        Assert.Equal("and:[BooleanOperationFilterInput!] or:[BooleanOperationFilterInput!] eq:Boolean neq:Boolean", Fields("BooleanOperationFilterInput"));
        Assert.Equal("and:[TitleFormatOperationFilterInput!] or:[TitleFormatOperationFilterInput!] eq:TitleFormat neq:TitleFormat in:[TitleFormat!] nin:[TitleFormat!]", Fields("TitleFormatOperationFilterInput"));
        Assert.Equal("and:[DateOperationFilterInput!] or:[DateOperationFilterInput!] eq:Date neq:Date in:[Date!] nin:[Date!] gt:Date gte:Date lt:Date lte:Date", Fields("DateOperationFilterInput"));
        Assert.Equal("all:StringOperationFilterInput none:StringOperationFilterInput some:StringOperationFilterInput any:Boolean", Fields("ListStringOperationFilterInput"));
        Assert.Equal("where:TitleFilterInput", string.Join(" ", executor.Schema.QueryType!.Fields["titles"].Arguments.Select(a => $"{a.Name}:{a.Type.Print()}")));
    }

    [Fact]
    public async Task A_FilterInputType_limits_the_fields_and_ignored_fields_are_not_in_the_schema()
    {
        var executor = await database.CreateFilteringExecutorAsync();
        Assert.Equal("and or name pages", string.Join(" ", executor.Schema.GetType<InputObjectType>("LimitedTitleFilterInput").Fields.Select(f => f.Name)));
        Assert.Equal(FilteringSeed.TitleIds(t => t.Pages > 300 && t.Name.Contains("soleil", StringComparison.OrdinalIgnoreCase)),
            await executor.IdsAsync("limitedTitles", "{ pages: { gt: 300 }, name: { contains: \"soleil\" }, or: [{ pages: { gt: 0 } }] }"));
        var (message, code, _) = await executor.ErrorAsync("{ limitedTitles(where: { price: { gt: 1 } }) { id } }");
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", code);
        Assert.Contains("price", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_filter_types_cannot_share_a_name()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.CreateExecutorAsync(b => b.AddFiltering().AddTypeExtension<FilteringQueries>().AddTypeExtension<ClashingQueries>()));
        Assert.Contains("\"LimitedTitleFilterInput\" is already used", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_FilterInputType_can_only_filter_exposed_fields()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.CreateExecutorAsync(b => b.AddFiltering().AddTypeExtension<HiddenFieldQueries>().AddTypeExtension<TitleWithoutPrice>()));
        Assert.Contains("HiddenFieldFilterInputType filters Title.Price, which Title does not expose as a field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseFiltering_needs_a_list_of_objects()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.CreateExecutorAsync(b => b.AddFiltering().AddTypeExtension<NotAListQueries>()));
        Assert.Contains("[UseFiltering] on count (NotAListQueries.GetCount)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseFiltering_needs_AddFiltering()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.CreateExecutorAsync(b => b.AddTypeExtension<FilteringQueries>()));
        Assert.Contains("needs AddFiltering() on the GraphQL server builder.", error.Message, StringComparison.Ordinal);
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class ClashingQueries
    {
        [UseFiltering(typeof(ClashingFilterInputType))]
        public IQueryable<Title> GetOtherTitles(QueryingDbContext db) => db.Titles;
    }

    public sealed class ClashingFilterInputType : FilterInputType<Title>
    {
        protected override void Configure(IFilterInputTypeDescriptor<Title> descriptor) => descriptor.Name("LimitedTitleFilterInput");
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class HiddenFieldQueries
    {
        [UseFiltering(typeof(HiddenFieldFilterInputType))]
        public IQueryable<Title> GetTitles(QueryingDbContext db) => db.Titles;
    }

    [ExtendObjectType(typeof(Title), IgnoreProperties = [nameof(Title.Price)])]
    public sealed class TitleWithoutPrice;

    public sealed class HiddenFieldFilterInputType : FilterInputType<Title>
    {
        protected override void Configure(IFilterInputTypeDescriptor<Title> descriptor) => descriptor.Name("HiddenFieldFilterInput").Field(t => t.Price);
    }

    [ExtendObjectType(OperationTypeNames.Query)]
    public sealed class NotAListQueries
    {
        [UseFiltering]
        public int GetCount() => 1;
    }
}
