using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Tests.Configuration;

/// <summary>The seam for middleware attributes (paging, filtering, ...): descriptor attributes configure inferred elements.</summary>
public class DescriptorAttributeTests
{
    /// <summary>
    /// A paging-like attribute: adds a <c>take</c> argument and, once the field type is final, wraps the list in a new
    /// <c>{Item}List</c> object type whose resolver slices the original result.
    /// </summary>
    public sealed class UseListWrapperAttribute : ObjectFieldDescriptorAttribute
    {
        protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member)
        {
            descriptor.Argument("take", a => a.Type<IntType>().Description("How many items."));
            descriptor.ContextData("wrapped", member.Name);
            descriptor.Extend().OnBeforeCompletion((ctx, field) =>
            {
                var wrapperName = field.Type.NamedType().Name.Value + "List";
                if (ctx.Definitions.FindType(wrapperName) is null)
                {
                    var wrapper = new ObjectTypeDefinition(wrapperName);
                    wrapper.Fields.Add(new OutputFieldDefinition("items", field.Type) { PureResolver = c => c.Parent<List<object?>>() });
                    wrapper.Fields.Add(new OutputFieldDefinition("count", ctx.GetTypeReference(typeof(int), TypeContext.Output)) { PureResolver = c => c.Parent<List<object?>>().Count });
                    ctx.Definitions.AddType(wrapper);
                }
                var inner = field.Resolver!;
                field.Type = new NonNullTypeNode(new NamedTypeNode(wrapperName));
                field.Resolver = async c =>
                {
                    var items = (System.Collections.IEnumerable)(await inner(c))!;
                    return items.Cast<object?>().Take(c.ArgumentValue<int?>("take") ?? int.MaxValue).ToList();
                };
            });
        }
    }

    /// <summary>Sets a description; runs before code-first configuration, after lower <see cref="DescriptorAttribute.Order"/>s.</summary>
    public sealed class NoteAttribute(string note) : ObjectFieldDescriptorAttribute
    {
        protected override void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member) =>
            descriptor.Description(note);
    }

    public sealed class PrefixedAttribute(string prefix) : ObjectTypeDescriptorAttribute
    {
        protected override void OnConfigure(IDescriptorContext context, IObjectTypeDescriptor descriptor, Type type) =>
            descriptor.Name(prefix + type.Name);
    }

    public sealed class ArgumentNoteAttribute : ArgumentDescriptorAttribute
    {
        protected override void OnConfigure(IDescriptorContext context, IArgumentDescriptor descriptor, ParameterInfo parameter) =>
            descriptor.Description($"The {parameter.Name}.").DefaultValue("x");
    }

    public sealed class TrimmedAttribute : InputFieldDescriptorAttribute
    {
        protected override void OnConfigure(IDescriptorContext context, IInputFieldDescriptor descriptor, PropertyInfo property) =>
            descriptor.Description("Trimmed.").Type<NonNullType<StringType>>();
    }

    [Prefixed("My")]
    public sealed class Book
    {
        public string Title { get; init; } = "";
    }

    public sealed class Criteria
    {
        [Trimmed]
        public string? Term { get; set; }
    }

    public sealed class Query
    {
        [UseListWrapper]
        public IEnumerable<Book> GetBooks() => [new() { Title = "A" }, new() { Title = "B" }, new() { Title = "C" }];

        [Note("second", Order = 2)]
        [Note("first", Order = 1)]
        public string Ordered => "";

        [Note("from the attribute")]
        public string Overridden => "";

        public string Search([ArgumentNote] string term, Criteria? criteria = null) => term + criteria?.Term;
    }

    private sealed class QueryType : ObjectType<Query>
    {
        protected override void Configure(IObjectTypeDescriptor<Query> descriptor) =>
            descriptor.Field(q => q.Overridden).Description("from the descriptor");
    }

    [Fact]
    public void Descriptor_attributes_shape_inferred_types_fields_arguments_and_input_fields()
    {
        var schema = SchemaBuilder.New().AddQueryType<QueryType>().Create();

        Assert.Equal(""""
            type Query {
              books(
                """How many items."""
                take: Int
              ): MyBookList!

              """second"""
              ordered: String!

              """from the descriptor"""
              overridden: String!
              search(
                """The term."""
                term: String! = "x"
                criteria: CriteriaInput
              ): String!
            }

            type MyBook {
              title: String!
            }

            input CriteriaInput {
              """Trimmed."""
              term: String!
            }

            type MyBookList {
              items: [MyBook!]!
              count: Int!
            }
            """", SchemaPrinter.Print(schema));
        Assert.Equal(nameof(Query.GetBooks), schema.QueryType.Fields["books"].ContextData["wrapped"]);
    }

    [Fact]
    public async Task Completion_callbacks_can_wrap_the_compiled_resolver()
    {
        var schema = SchemaBuilder.New().AddQueryType<QueryType>().Create();

        var page = await TestResolverContext.For(schema, "Query", "books", null, new Dictionary<string, object?> { ["take"] = 2 }).Resolve();

        var items = Assert.IsType<List<object?>>(page);
        Assert.Equal(["A", "B"], items.Cast<Book>().Select(b => b.Title));
        Assert.Equal(2, await TestResolverContext.For(schema, "MyBookList", "count", items).Resolve());
    }
}
