using System.Text.Json;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.Snapshots;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Configuration;

public class TypeInferenceTests
{
    public sealed class Item
    {
        public string Name { get; init; } = "item";
    }

    public sealed class Shapes
    {
        public string Text => "";

        public string? MaybeText => null;

        public int Count => 0;

        public int? MaybeCount => null;

        public List<string?> Names => [];

        public IReadOnlyList<string>? Tags => null;

        public string[] Letters => [];

        public int[][] Matrix => [];

        public Task<Item?> ItemAsync() => Task.FromResult<Item?>(null);

        public ValueTask<List<Item>> GetItemsAsync() => ValueTask.FromResult(new List<Item> { new() });

        public IQueryable<Item> Queryable => new[] { new Item() }.AsQueryable();

        public async IAsyncEnumerable<int> Numbers()
        {
            for (var i = 1; i <= 3; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }

        public Task<IEnumerable<Item?>?> MaybeItems() => Task.FromResult<IEnumerable<Item?>?>(null);
    }

    [Fact]
    public void Nullability_lists_and_tasks_follow_the_clr_signature()
    {
        var schema = SchemaBuilder.New().AddQueryType<Shapes>().Create();

        Assert.Equal("""
            type Query {
              text: String!
              maybeText: String
              count: Int!
              maybeCount: Int
              names: [String]!
              tags: [String!]
              letters: [String!]!
              matrix: [[Int!]!]!
              item: Item
              items: [Item!]!
              queryable: [Item!]!
              numbers: [Int!]!
              maybeItems: [Item]
            }
            """, SchemaPrinter.PrintType(schema.QueryType));
    }

    [Fact]
    public async Task Async_streams_outside_subscriptions_are_read_into_lists()
    {
        var schema = SchemaBuilder.New().AddQueryType<Shapes>().Create();

        var numbers = await TestResolverContext.For(schema, "Query", "numbers", null).Resolve();
        var items = await TestResolverContext.For(schema, "Query", "items", null).Resolve();

        Assert.Equal([1, 2, 3], Assert.IsType<List<int>>(numbers));
        Assert.Single(Assert.IsType<List<Item>>(items));
    }

    public readonly record struct Money(decimal Amount);

    public sealed class MoneyType() : ScalarType("Money", "An amount of money.")
    {
        public override Type RuntimeType => typeof(Money);

        public override object? ParseLiteral(IValueNode literal) => literal is FloatValueNode or IntValueNode ? new Money(decimal.Parse(((IValueNode<string>)literal).Value, System.Globalization.CultureInfo.InvariantCulture)) : null;

        public override object? ParseValue(object? externalValue) => externalValue is decimal d ? new Money(d) : null;

        public override IValueNode ValueToLiteral(object? runtimeValue) => runtimeValue is Money m ? new FloatValueNode(m.Amount) : NullValueNode.Default;

        public override object? Serialize(object? runtimeValue) => runtimeValue is Money m ? m.Amount : null;
    }

    public sealed class Scalars
    {
        public long Big => 0;

        public uint Unsigned => 0;

        public short Short => 0;

        public byte Byte => 0;

        public bool Flag => false;

        public double Ratio => 0;

        public float Small => 0;

        public decimal Price => 0;

        public Guid Key => Guid.Empty;

        public DateTime When => DateTime.UnixEpoch;

        public DateTimeOffset WhenExactly => DateTimeOffset.UnixEpoch;

        public DateOnly Day => DateOnly.MinValue;

        public Uri? Link => null;

        public JsonElement Data => JsonDocument.Parse("""{"a":1}""").RootElement;

        public JsonDocument Document => JsonDocument.Parse("[1,2]");

        public Money Total => new(12.5m);

        public string Echo(Guid id, DateTime at, JsonElement payload, Money amount) => $"{id}|{at:O}|{payload.GetRawText()}|{amount.Amount}";
    }

    [Fact]
    public void Clr_types_map_to_the_engine_scalars_and_registered_scalars()
    {
        var schema = SchemaBuilder.New().AddType(new MoneyType()).AddQueryType<Scalars>().Create();

        Snapshot.Match(SchemaPrinter.Print(schema));
    }

    [Fact]
    public async Task Scalar_arguments_and_json_documents_convert()
    {
        var schema = SchemaBuilder.New().AddType(new MoneyType()).AddQueryType<Scalars>().Create();
        var arguments = new Dictionary<string, object?>
        {
            ["id"] = Guid.Parse("7f1d6a52-5b4e-4d1a-9b8e-6f1c2d3e4f50"),
            ["at"] = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)),
            ["payload"] = new Dictionary<string, object?> { ["x"] = 1 },
            ["amount"] = new Money(3m),
        };

        var echo = await TestResolverContext.For(schema, "Query", "echo", null, arguments).Resolve();
        var document = await TestResolverContext.For(schema, "Query", "document", null).Resolve();

        Assert.Equal("7f1d6a52-5b4e-4d1a-9b8e-6f1c2d3e4f50|2024-05-01T10:00:00.0000000Z|{\"x\":1}|3", echo);
        Assert.Equal(JsonValueKind.Array, Assert.IsType<JsonElement>(document).ValueKind);
    }

    public sealed class NullJson
    {
        // What System.Text.Json gives back for a JsonDocument property that was null when serialized.
        public JsonDocument? Document => JsonDocument.Parse("null");
    }

    [Fact]
    public async Task A_json_document_holding_null_resolves_to_null()
    {
        var schema = SchemaBuilder.New().AddQueryType<NullJson>().Create();

        Assert.Null(await TestResolverContext.For(schema, "Query", "document", null).Resolve());
    }
}
