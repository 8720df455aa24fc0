namespace Graph.GraphQL.Types;

/// <summary>The kind of a type, as <c>__TypeKind</c> reports it.</summary>
public enum TypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
    List,
    NonNull,
}
