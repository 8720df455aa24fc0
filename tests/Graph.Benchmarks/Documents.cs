using Graph.GraphQL.Introspection;

namespace Graph.Benchmarks;

/// <summary>The documents every engine benchmark measures, and the schema they run against.</summary>
public static class Documents
{
    /// <summary>A three-field query.</summary>
    public const string ThreeFields = "{ libraryName book { title } }";

    /// <summary>A small query with fragments, an inline fragment on an interface, an alias and a variable.</summary>
    public const string SmallWithFragments = """
        query BookPage($id: ID!) {
          book(id: $id) {
            ...BookSummary
            author { ...AuthorCard }
            related: similar(first: 3) {
              ... on Book { id title }
            }
          }
        }

        fragment BookSummary on Book {
          id
          title
          price { amount currency }
        }

        fragment AuthorCard on Author {
          id
          name
          country
        }
        """;

    public const string Introspection = IntrospectionQuery.Text;

    public const string Schema = """
        "An object with an ID."
        interface Node { id: ID! }

        type Query {
          libraryName: String!
          book(id: ID): Book
          books(first: Int = 10): [Book!]!
        }

        type Book implements Node {
          id: ID!
          title: String!
          price: Money!
          author: Author!
          similar(first: Int = 5): [Node!]!
        }

        type Author implements Node {
          id: ID!
          name: String!
          country: String!
        }

        type Money {
          amount: Decimal!
          currency: Currency!
        }

        enum Currency { XOF EUR USD }

        scalar Decimal
        """;
}
