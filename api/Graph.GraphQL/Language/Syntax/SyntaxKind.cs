namespace Graph.GraphQL.Language;

/// <summary>The kind of a syntax node; one member per node class.</summary>
public enum SyntaxKind
{
    Name,
    Document,

    // executable definitions
    OperationDefinition,
    VariableDefinition,
    Variable,
    SelectionSet,
    Field,
    Argument,
    FragmentSpread,
    InlineFragment,
    FragmentDefinition,

    // values
    IntValue,
    FloatValue,
    StringValue,
    BooleanValue,
    NullValue,
    EnumValue,
    ListValue,
    ObjectValue,
    ObjectField,

    // directives
    Directive,

    // type references
    NamedType,
    ListType,
    NonNullType,

    // type system definitions
    SchemaDefinition,
    OperationTypeDefinition,
    ScalarTypeDefinition,
    ObjectTypeDefinition,
    FieldDefinition,
    InputValueDefinition,
    InterfaceTypeDefinition,
    UnionTypeDefinition,
    EnumTypeDefinition,
    EnumValueDefinition,
    InputObjectTypeDefinition,
    DirectiveDefinition,

    // type system extensions
    SchemaExtension,
    ScalarTypeExtension,
    ObjectTypeExtension,
    InterfaceTypeExtension,
    UnionTypeExtension,
    EnumTypeExtension,
    InputObjectTypeExtension,

    // schema coordinates
    TypeCoordinate,
    MemberCoordinate,
    ArgumentCoordinate,
    DirectiveCoordinate,
    DirectiveArgumentCoordinate,
}

/// <summary>The three kinds of operation (and the root operation types of a schema).</summary>
public enum OperationType
{
    Query,
    Mutation,
    Subscription,
}

/// <summary>Helpers for <see cref="OperationType"/>.</summary>
public static class OperationTypeExtensions
{
    /// <summary>The keyword of the operation type as written in a document: <c>query</c>, <c>mutation</c> or <c>subscription</c>.</summary>
    public static string ToKeyword(this OperationType operation) => operation switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
