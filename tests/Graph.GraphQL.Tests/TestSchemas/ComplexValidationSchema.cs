using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.TestSchemas;

/// <summary>
/// A second validation test schema for what the spec's Dog/Cat schema lacks: arguments of every scalar, list and input
/// kind (<c>ComplicatedArgs</c>), input objects with required and defaulted fields, a <c>@oneOf</c> input, a scalar whose
/// literal parsing throws a plain exception, a directive with a required argument, and the "box" types that exercise
/// field merging across interfaces and object types.
/// </summary>
public static class ComplexValidationSchema
{
    /// <summary>The SDL.</summary>
    public const string Sdl = """
        directive @onQuery on QUERY
        directive @onField on FIELD
        directive @withRequiredArg(arg: Boolean!, optional: Int = 1) on FIELD

        type Query {
          complicatedArgs: ComplicatedArgs
          invalidArg(arg: Invalid): String
          someBox: SomeBox
          connection: Connection
          nonNullList: [String!]!
        }

        enum FurColor {
          BROWN
          BLACK
          TAN
          SPOTTED
          NO_FUR
          UNKNOWN
        }

        input ComplexInput {
          requiredField: Boolean!
          nonNullField: Boolean! = false
          intField: Int
          stringField: String
          booleanField: Boolean
          stringListField: [String]
          nested: ComplexInput
        }

        input OneOfInput @oneOf {
          stringField: String
          intField: Int
        }

        scalar Invalid

        type ComplicatedArgs {
          intArgField(intArg: Int): String
          nonNullIntArgField(nonNullIntArg: Int!): String
          stringArgField(stringArg: String): String
          booleanArgField(booleanArg: Boolean): String
          enumArgField(enumArg: FurColor): String
          floatArgField(floatArg: Float): String
          idArgField(idArg: ID): String
          stringListArgField(stringListArg: [String]): String
          stringListNonNullArgField(stringListNonNullArg: [String!]): String
          complexArgField(complexArg: ComplexInput): String
          oneOfArgField(oneOfArg: OneOfInput): String
          multipleReqs(req1: Int!, req2: Int!): String
          nonNullFieldWithDefault(arg: Int! = 0): String
          multipleOpts(opt1: Int = 0, opt2: Int = 0): String
          multipleOptAndReq(req1: Int!, req2: Int!, opt1: Int = 0, opt2: Int = 0): String
        }

        interface SomeBox {
          deepBox: SomeBox
          unrelatedField: String
        }

        type StringBox implements SomeBox {
          scalar: String
          deepBox: StringBox
          unrelatedField: String
          listStringBox: [StringBox]
          stringBox: StringBox
          intBox: IntBox
        }

        type IntBox implements SomeBox {
          scalar: Int
          deepBox: IntBox
          unrelatedField: String
          listStringBox: [StringBox]
          stringBox: StringBox
          intBox: IntBox
        }

        interface NonNullStringBox1 {
          scalar: String!
        }

        type NonNullStringBox1Impl implements SomeBox & NonNullStringBox1 {
          scalar: String!
          unrelatedField: String
          deepBox: SomeBox
        }

        interface NonNullStringBox2 {
          scalar: String!
        }

        type NonNullStringBox2Impl implements SomeBox & NonNullStringBox2 {
          scalar: String!
          unrelatedField: String
          deepBox: SomeBox
        }

        type Connection {
          edges: [Edge]
        }

        type Edge {
          node: Node
        }

        type Node {
          id: ID
          name: String
        }
        """;

    private static readonly Lazy<ISchema> LazySchema = new(() => SchemaBuilder.New()
        .AddType(new InvalidScalar())
        .AddDocumentFromString(Sdl)
        .Create());

    /// <summary>The built schema (shared; schemas are immutable).</summary>
    public static ISchema Schema => LazySchema.Value;

    /// <summary>A scalar whose literal parsing always fails with a plain exception (not an input coercion error).</summary>
    private sealed class InvalidScalar() : ScalarType("Invalid")
    {
        public override Type RuntimeType => typeof(string);

        public override object? ParseLiteral(IValueNode literal) =>
            throw new InvalidOperationException("Invalid scalar is always invalid: " + literal.Print());

        public override object? ParseValue(object? externalValue) =>
            throw new InvalidOperationException("Invalid scalar is always invalid.");

        public override IValueNode ValueToLiteral(object? runtimeValue) =>
            throw new InvalidOperationException("Invalid scalar is always invalid.");

        public override object? Serialize(object? runtimeValue) =>
            throw new InvalidOperationException("Invalid scalar is always invalid.");
    }
}
