using Graph.GraphQL.Configuration;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.TestSchemas;

/// <summary>
/// The schema the spec's Validation section (§ 5) uses in its examples (Dog, Cat, Pet, Sentient, Alien, Human, the unions,
/// DogCommand / CatCommand, the Arguments type, a <c>@oneOf</c> input), with Mutation and Subscription roots and executable
/// directives for every location, for validation-rule tests.
/// </summary>
public static class ValidationSchema
{
    /// <summary>The SDL.</summary>
    public const string Sdl = """
        directive @onQuery on QUERY

        directive @onMutation on MUTATION

        directive @onSubscription on SUBSCRIPTION

        directive @onField on FIELD

        directive @onFragmentDefinition on FRAGMENT_DEFINITION

        directive @onFragmentSpread on FRAGMENT_SPREAD

        directive @onInlineFragment on INLINE_FRAGMENT

        directive @onVariableDefinition on VARIABLE_DEFINITION

        directive @repeatable repeatable on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

        type Query {
          dog: Dog
          cat: Cat
          pet: Pet
          human(id: ID): Human
          alien: Alien
          catOrDog: CatOrDog
          dogOrHuman: DogOrHuman
          humanOrAlien: HumanOrAlien
          findDog(complex: ComplexInput, searchBy: FindDogInput): Dog
          booleanList(booleanListArg: [Boolean!]): Boolean
          arguments: Arguments
        }

        enum DogCommand {
          SIT
          DOWN
          HEEL
        }

        type Dog implements Pet {
          name: String!
          nickname: String
          barkVolume: Int
          doesKnowCommand(dogCommand: DogCommand!): Boolean!
          isHouseTrained(atOtherHomes: Boolean): Boolean!
          owner: Human
        }

        interface Sentient {
          name: String!
        }

        interface Pet {
          name: String!
        }

        type Alien implements Sentient {
          name: String!
          homePlanet: String
        }

        type Human implements Sentient {
          name: String!
          pets: [Pet!]
        }

        enum CatCommand {
          JUMP
        }

        type Cat implements Pet {
          name: String!
          nickname: String
          doesKnowCommand(catCommand: CatCommand!): Boolean!
          meowVolume: Int
        }

        union CatOrDog = Cat | Dog

        union DogOrHuman = Dog | Human

        union HumanOrAlien = Human | Alien

        input ComplexInput {
          name: String
          owner: String
          childrenNames: [String]
        }

        input FindDogInput @oneOf {
          name: String
          owner: String
        }

        type Arguments {
          multipleRequirements(x: Int!, y: Int!): Int!
          booleanArgField(booleanArg: Boolean): Boolean
          floatArgField(floatArg: Float): Float
          intArgField(intArg: Int): Int
          nonNullBooleanArgField(nonNullBooleanArg: Boolean!): Boolean!
          booleanListArgField(booleanListArg: [Boolean]!): [Boolean]
          optionalNonNullBooleanArgField(optionalBooleanArg: Boolean! = false): Boolean!
        }

        type Message {
          body: String
          sender: String
        }

        type Mutation {
          setName(name: String!): Dog
        }

        type Subscription {
          newMessage: Message
          disallowedSecondRootField: Boolean
        }
        """;

    private static readonly Lazy<ISchema> LazySchema = new(() => SchemaBuilder.New().AddDocumentFromString(Sdl).Create());

    /// <summary>The built schema (shared; schemas are immutable).</summary>
    public static ISchema Schema => LazySchema.Value;
}
