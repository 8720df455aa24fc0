namespace Graph.GraphQL.Tests.Language;

/// <summary>Documents that use every production of the grammar.</summary>
internal static class KitchenSink
{
    /// <summary>An executable document: every kind of operation, selection, value and variable feature.</summary>
    public const string Executable = """"
        # Comments, commas and a BOM-free header are ignored.
        """
        Loads a member with the things they own.
          Indented second line.
        """
        query MemberWithThings(
          "Which member."
          $memberId: ID! = "m-1" @track(label: "id")
          $count: Int = 10,
          $filter: ThingFilter = {kinds: [BOOK, FILM], since: 1.5e3, title: null, exact: true, nested: {deep: [[1], []]}}
          $labels: [[String!]!]
          """
          Block-described.
          """
          $flag: Boolean
        ) @cached(ttl: 60) @tagged {
          member(id: $memberId) {
            id
            handle: login
            ...MemberBits @include(if: $flag)
            ... on Admin @skip(if: false) {
              permissions(scope: ALL, first: $count)
            }
            ... @defer(label: "later") {
              things(filter: $filter, labels: $labels, search: """
                Several lines
                  of "search" text
              """, note: "escaped \"quote\" \\ \u00e9 \u{1F600} \uD83D\uDE00 \n and tab\t") {
                edges { cursor node { id, name } }
              }
            }
            ... {
              empty: list(of: [])
              emptyObject: object(of: {})
            }
          }
        }

        mutation {
          like(input: {storyId: 123, reaction: LOVE, meta: {source: "web", weights: [-1, 0, 0.25, -2E-3]}}) {
            story { likeCount }
          }
        }

        subscription OnEvent($room: String!) @live {
          event(room: $room) { id kind }
        }

        "Bits of a member."
        fragment MemberBits on Member @fragmentTag(x: 1) {
          name
          avatar(size: 64)
          friends(first: 2) @connection(key: "friends") { totalCount }
        }

        {
          shorthand
          __typename
          query: mutation
          fragment(on: on, true: false, null: null, subscription: $subscription)
        }

        query ($unnamed: Boolean = true) {
          anonymous
        }

        query @directiveOnly {
          anonymous
        }

        """Anonymous but described."""
        query {
          described
        }
        """";

    /// <summary>A type-system document: every definition and extension, descriptions everywhere.</summary>
    public const string TypeSystem = """"
        """
        The schema of the test world.
        """
        schema @schemaTag(name: "main") {
          query: Query
          mutation: Mutation
          subscription: Subscription
        }

        extend schema @extraSchemaTag

        extend schema {
          subscription: Subscription
        }

        extend schema @both {
          mutation: Mutation
        }

        "A point in time, as ISO 8601."
        scalar DateTime @specifiedBy(url: "https://example.com/iso8601")

        scalar Plain

        """
        Anything with an id.
        """
        interface Node {
          id: ID!
        }

        interface Resource implements Node & Timestamped @domain(area: "core") {
          id: ID!
          "When it was created."
          createdAt(
            "Time zone to render in."
            zone: String = "UTC"
            format: DateFormat = ISO
          ): DateTime!
        }

        type Query implements & Node & Resource {
          id: ID!
          node(id: ID!): Node
          search(text: String!, first: Int = 20, after: String, filter: SearchFilter = {kinds: [USER], limit: 5}): [SearchResult!]! @cost(weight: 2.5)
          legacy: String @deprecated(reason: """
            Use `search`.
          """)
          matrix(rows: [[Int!]!]! = [[1, 2], [3]]): [[Float]]
        }

        type Mutation

        type Empty @marker

        union SearchResult @unionTag = | User | Resource

        union Single = User

        union Undecided

        enum DateFormat @enumTag {
          "International"
          ISO
          UNIX @deprecated
          """
          Block-described value.
          """
          RFC_2822
        }

        input SearchFilter @oneOf {
          kinds: [Kind!] = [USER, RESOURCE]
          "How many."
          limit: Int! = 10 @constraint(min: 1, max: 100)
          nested: SearchFilter
        }

        directive @cost(weight: Float!) on FIELD_DEFINITION | OBJECT

        "Tags anything."
        directive @tag(
          "The tag name."
          name: String!
        ) repeatable on | QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION

        directive @marker on OBJECT

        extend scalar DateTime @scalarTag

        extend type Query @queryTag

        extend type Query implements Versioned

        extend type Query {
          version: Int
        }

        extend interface Node @nodeTag

        extend interface Node implements Versioned {
          version: Int
        }

        extend union SearchResult = Article

        extend union SearchResult @unionTag2

        extend enum DateFormat {
          RFC_3339
        }

        extend enum DateFormat @enumTag2

        extend input SearchFilter {
          text: String
        }

        extend input SearchFilter @inputTag
        """";
}
