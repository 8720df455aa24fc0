using Graph.GraphQL.Configuration;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Tests.Configuration.Library;

/// <summary>The library schema described with code-first descriptors (XML documentation off: every description is explicit).</summary>
internal static class LibraryCodeFirst
{
    public static SchemaBuilder Create() => SchemaBuilder.New()
        .ModifyOptions(o => o.UseXmlDocumentation = false)
        .AddQueryType(d =>
        {
            d.Description("The library's entry points.");
            d.Field("books")
                .Description("Lists books.")
                .Type<NonNullType<ListType<NonNullType<BookType>>>>()
                .Argument("first", a => a.Description("How many books to return.").Type<NonNullType<IntType>>().DefaultValue(10))
                .Argument("genre", a => a.Description("Only books of this genre.").Type<GenreType>())
                .Resolve(context =>
                {
                    var genre = context.ArgumentValue<Genre?>("genre");
                    return context.Service<LibraryData>().Books.Where(b => genre is null || b.Genre == genre).Take(context.ArgumentValue<int>("first"));
                });
            d.Field("book")
                .Description("Finds a book by its ID.")
                .Argument("id", a => a.Type<NonNullType<IdType>>())
                .Type<BookType>()
                .Resolve(context => context.Service<LibraryData>().Books.Find(b => b.Id == context.ArgumentValue<string>("id")));
            d.Field("node")
                .Description("Fetches any object by its global ID.")
                .Argument("id", a => a.Type(typeof(NonNullType<IdType>)))
                .Type<NodeType>()
                .ResolveWith<Query>(q => q.Node(default!, default!));
            d.Field("search")
                .Argument("term", a => a.Type("String!"))
                .Type<NonNullType<ListType<NonNullType<SearchResultType>>>>()
                .ResolveWith<Query>(q => q.Search(default!, default!));
        })
        .AddMutationType<MutationType>()
        .RegisterService<LibraryData>();

    public sealed class MutationType : ObjectType<Mutation>
    {
        protected override void Configure(IObjectTypeDescriptor<Mutation> descriptor)
        {
            descriptor.Description("Changes to the library.");
            descriptor.Field(m => m.AddBook(default!, default!))
                .Type<NonNullType<AddBookPayloadType>>()
                .Argument("input", a => a.Type<NonNullType<AddBookInputType>>());
        }
    }

    public sealed class BookType : ObjectType<Book>
    {
        protected override void Configure(IObjectTypeDescriptor<Book> descriptor)
        {
            descriptor.Description("A book of the library.").Implements<NodeType>();
            descriptor.BindFieldsExplicitly();
            descriptor.Field(b => b.Id).Description("The global ID.").Type<NonNullType<IdType>>();
            descriptor.Field(b => b.Title).Description("The title, as printed on the cover.");
            descriptor.Field(b => b.Genre).Type<NonNullType<GenreType>>();
            descriptor.Field(b => b.Pages);
            descriptor.Field("name").Type<NonNullType<StringType>>().Deprecated("Use title.").Resolve(context => context.Parent<Book>().Title);
            descriptor.Field("author")
                .Description("Who wrote the book.")
                .Type<NonNullType<AuthorType>>()
                .ResolveWith<BookExtensions>(e => e.GetAuthor(default!, default!));
        }
    }

    public sealed class GenreType : EnumType<Genre>
    {
        protected override void Configure(IEnumTypeDescriptor<Genre> descriptor)
        {
            descriptor.Description("Kinds of books.");
            descriptor.Value(Genre.Fiction).Description("Made-up stories.");
            descriptor.Value(Genre.NonFiction).Description("Facts.");
            descriptor.Value(Genre.Poetry).Deprecated("Use FICTION.");
        }
    }

    public sealed class NodeType : InterfaceType<INode>
    {
        protected override void Configure(IInterfaceTypeDescriptor<INode> descriptor)
        {
            descriptor.Description("An object with a globally unique ID.");
            descriptor.Field(n => n.Id).Description("The global ID.");
        }
    }

    /// <summary>A union in the HotChocolate style: a subclass of the non-generic <see cref="UnionType"/>.</summary>
    public sealed class SearchResultType : UnionType
    {
        protected override void Configure(IUnionTypeDescriptor descriptor)
        {
            descriptor.Name("SearchResult").Description("Something a search finds.");
            descriptor.Type<BookType>().Type<AuthorType>();
        }
    }

    public sealed class AddBookPayloadType : ObjectType<AddBookPayload>
    {
        protected override void Configure(IObjectTypeDescriptor<AddBookPayload> descriptor) =>
            descriptor.Description("The result of `addBook`.");
    }

    public sealed class AddBookInputType : InputObjectType<AddBookInput>
    {
        protected override void Configure(IInputObjectTypeDescriptor<AddBookInput> descriptor)
        {
            descriptor.Description("Adds a book.");
            descriptor.Field(i => i.Title).Description("The title of the new book.");
            descriptor.Field(i => i.AuthorId).Description("Who wrote it.");
        }
    }

    public sealed class AuthorType : ObjectType<Author>
    {
        protected override void Configure(IObjectTypeDescriptor<Author> descriptor)
        {
            descriptor.Description("Someone who writes books.").Implements<NodeType>();
            descriptor.Field(a => a.Id).Description("The global ID.");
        }
    }
}
