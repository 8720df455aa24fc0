using System.Diagnostics.CodeAnalysis;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types;

/// <summary>A built, immutable schema: root types, named types, directive definitions and the lookups execution and validation need.</summary>
public interface ISchema
{
    /// <summary>The schema description, or null.</summary>
    string? Description { get; }

    /// <summary>The query root type.</summary>
    ObjectType QueryType { get; }

    /// <summary>The mutation root type, or null.</summary>
    ObjectType? MutationType { get; }

    /// <summary>The subscription root type, or null.</summary>
    ObjectType? SubscriptionType { get; }

    /// <summary>
    /// All named types in a stable order: the order types were defined (SDL order), each followed by the types it first
    /// references that were not defined (built-in scalars), then the types only directive arguments use, then the
    /// introspection types; the order of the reference implementation's type map.
    /// </summary>
    IReadOnlyList<INamedType> Types { get; }

    /// <summary>The directive definitions: the custom ones in definition order, then the built-in ones not redefined.</summary>
    IReadOnlyList<DirectiveType> Directives { get; }

    /// <summary>The directives applied to the schema itself (<c>schema @dir { ... }</c>).</summary>
    IReadOnlyList<AppliedDirective> AppliedDirectives { get; }

    /// <summary>Extra data for middleware and tooling.</summary>
    IReadOnlyDictionary<string, object?> ContextData { get; }

    /// <summary>The meta field <c>__typename</c>, available on every composite type.</summary>
    ObjectField TypeNameField { get; }

    /// <summary>The meta field <c>__schema</c>, available on the query root type.</summary>
    ObjectField SchemaField { get; }

    /// <summary>The meta field <c>__type(name:)</c>, available on the query root type.</summary>
    ObjectField TypeField { get; }

    /// <summary>The root type for an operation, or null when the schema has none.</summary>
    ObjectType? GetOperationType(OperationType operation);

    /// <summary>The type named <paramref name="name"/> as <typeparamref name="T"/>; throws when absent or of another kind.</summary>
    T GetType<T>(string name) where T : INamedType;

    /// <summary>Looks a named type up.</summary>
    bool TryGetType(string name, [NotNullWhen(true)] out INamedType? type);

    /// <summary>Looks a named type of kind <typeparamref name="T"/> up.</summary>
    bool TryGetType<T>(string name, [NotNullWhen(true)] out T? type) where T : INamedType;

    /// <summary>Looks a directive definition up.</summary>
    bool TryGetDirective(string name, [NotNullWhen(true)] out DirectiveType? directive);

    /// <summary>
    /// The object types that may be the run-time type of <paramref name="abstractType"/>: the members of a union, the
    /// object types implementing an interface (in type order), or the object type itself; empty for other kinds.
    /// </summary>
    IReadOnlyList<ObjectType> GetPossibleTypes(INamedType abstractType);

    /// <summary>The object and interface types that implement <paramref name="interfaceType"/>, in type order.</summary>
    IReadOnlyList<IComplexOutputType> GetImplementations(InterfaceType interfaceType);

    /// <summary>Whether <paramref name="possibleType"/> is among <see cref="GetPossibleTypes"/> of <paramref name="abstractType"/>.</summary>
    bool IsPossibleType(INamedType abstractType, ObjectType possibleType);

    /// <summary>
    /// Whether <paramref name="maybeSubType"/> is a member of the union, or an object or interface type implementing the
    /// interface <paramref name="abstractType"/>.
    /// </summary>
    bool IsSubType(INamedType abstractType, INamedType maybeSubType);

    /// <summary>
    /// The field <paramref name="fieldName"/> of <paramref name="parentType"/> including the meta fields (<c>__typename</c> on
    /// every composite type, <c>__schema</c> and <c>__type</c> on the query type), or null; the reference implementation's <c>getFieldDef</c>.
    /// </summary>
    IOutputField? GetFieldDefinition(INamedType parentType, string fieldName);

    /// <summary>
    /// The object type of a value resolved for <paramref name="abstractType"/>: the type's <c>ResolveType</c>; else a
    /// dictionary's <c>__typename</c>; else the first possible type whose <see cref="ObjectType.IsOfType"/> accepts it; else null.
    /// </summary>
    ObjectType? ResolveConcreteType(IAbstractType abstractType, IResolverContext context, object resolverResult);
}
