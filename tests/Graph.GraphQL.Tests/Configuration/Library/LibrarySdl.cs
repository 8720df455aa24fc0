namespace Graph.GraphQL.Tests.Configuration.Library;

/// <summary>The library schema written as SDL, in the order the annotated classes produce their types.</summary>
internal static class LibrarySdl
{
    public const string Text = """"
        """The library's entry points."""
        type Query {
          """Lists books."""
          books(
            """How many books to return."""
            first: Int! = 10

            """Only books of this genre."""
            genre: Genre
          ): [Book!]!

          """Finds a book by its ID."""
          book(id: ID!): Book

          """Fetches any object by its global ID."""
          node(id: ID!): Node
          search(term: String!): [SearchResult!]!
        }

        """Changes to the library."""
        type Mutation {
          """Adds a book to the catalogue."""
          addBook(input: AddBookInput!): AddBookPayload!
        }

        """A book of the library."""
        type Book implements Node {
          """The global ID."""
          id: ID!

          """The title, as printed on the cover."""
          title: String!
          genre: Genre!

          """Number of pages, when known."""
          pages: Int
          name: String! @deprecated(reason: "Use title.")

          """Who wrote the book."""
          author: Author!
        }

        """Kinds of books."""
        enum Genre {
          """Made-up stories."""
          FICTION

          """Facts."""
          NON_FICTION
          POETRY @deprecated(reason: "Use FICTION.")
        }

        """An object with a globally unique ID."""
        interface Node {
          """The global ID."""
          id: ID!
        }

        """Something a search finds."""
        union SearchResult = Book | Author

        """The result of `addBook`."""
        type AddBookPayload {
          book: Book!
        }

        """Adds a book."""
        input AddBookInput {
          """The title of the new book."""
          title: String!
          genre: Genre!

          """Who wrote it."""
          authorId: ID!
          pages: Int
        }

        """Someone who writes books."""
        type Author implements Node {
          """The global ID."""
          id: ID!
          name: String!
        }
        """";
}
