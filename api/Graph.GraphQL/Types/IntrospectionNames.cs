namespace Graph.GraphQL.Types;

/// <summary>The names reserved by introspection.</summary>
public static class IntrospectionNames
{
    public const string TypeName = "__typename";
    public const string Schema = "__schema";
    public const string Type = "__type";

    public const string SchemaType = "__Schema";
    public const string TypeType = "__Type";
    public const string FieldType = "__Field";
    public const string InputValueType = "__InputValue";
    public const string EnumValueType = "__EnumValue";
    public const string DirectiveType = "__Directive";
    public const string TypeKindType = "__TypeKind";
    public const string DirectiveLocationType = "__DirectiveLocation";

    /// <summary>Whether <paramref name="typeName"/> is one of the introspection types (<c>__Schema</c>, <c>__Type</c>, ...).</summary>
    public static bool IsIntrospectionType(string typeName) => typeName switch
    {
        SchemaType or TypeType or FieldType or InputValueType or EnumValueType or DirectiveType or TypeKindType or DirectiveLocationType => true,
        _ => false,
    };
}
