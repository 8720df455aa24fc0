using Graph.GraphQL.Execution;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Resolvers;

/// <summary>
/// What a resolver knows about the field it resolves: the schema, the field and its selection, the parent value, the
/// coerced arguments, services and request state. Implemented by the executor.
/// </summary>
public interface IResolverContext
{
    /// <summary>The schema being executed.</summary>
    ISchema Schema { get; }

    /// <summary>The object type whose field is resolved.</summary>
    ObjectType ObjectType { get; }

    /// <summary>The field being resolved.</summary>
    ObjectField Field { get; }

    /// <summary>The first field node of the selection (the one whose arguments apply).</summary>
    FieldNode Selection { get; }

    /// <summary>The field as the operation selects it, with its sub-selections (fragments and directives applied).</summary>
    ISelection FieldSelection { get; }

    /// <summary>All field nodes merged into this response key.</summary>
    IReadOnlyList<FieldNode> FieldNodes { get; }

    /// <summary>The response key: the alias or the field name.</summary>
    string ResponseName { get; }

    /// <summary>The response path of the field.</summary>
    Path Path { get; }

    /// <summary>The services of the request.</summary>
    IServiceProvider Services { get; }

    /// <summary>Signalled when the request is aborted (client gone, timeout).</summary>
    CancellationToken RequestAborted { get; }

    /// <summary>State shared by all resolvers of one request.</summary>
    IDictionary<string, object?> ContextData { get; }

    /// <summary>The coerced variable values of the operation.</summary>
    IReadOnlyDictionary<string, object?> Variables { get; }

    /// <summary>
    /// The field's resolved value once its resolver has run, else null: what an authorization handler checking an
    /// <c>@authorize(apply: AFTER_RESOLVER)</c> directive looks at (the row itself, say).
    /// </summary>
    object? Result { get; }

    /// <summary>The parent value (the result of the parent field, or the root value).</summary>
    object? Parent();

    /// <summary>The parent value as <typeparamref name="T"/>; throws when it is of another type.</summary>
    T Parent<T>();

    /// <summary>
    /// The coerced value of argument <paramref name="name"/> converted to <typeparamref name="T"/>: input objects become
    /// their CLR type, enums the CLR enum, lists <c>List&lt;T&gt;</c> or arrays (see <see cref="ValueConverter"/>).
    /// </summary>
    T ArgumentValue<T>(string name);

    /// <summary>The coerced runtime value of argument <paramref name="name"/> (input objects as dictionaries).</summary>
    object? ArgumentValue(string name);

    /// <summary>Whether argument <paramref name="name"/> was given (as a literal or a provided variable) rather than defaulted or omitted.</summary>
    bool HasArgument(string name);

    /// <summary>A required service; throws when it is not registered.</summary>
    T Service<T>() where T : notnull;

    /// <summary>Adds an error to the response without failing the field.</summary>
    void ReportError(GraphQLError error);

    /// <summary>
    /// Runs <paramref name="cleanup"/> once the field's value is completed (lists enumerated, objects handed to their
    /// sub-fields): how a resource a resolver opened (a DbContext behind an <c>IQueryable</c>) outlives the resolver
    /// exactly as long as the value needs it.
    /// </summary>
    void RegisterForCleanup(Action cleanup);
}
