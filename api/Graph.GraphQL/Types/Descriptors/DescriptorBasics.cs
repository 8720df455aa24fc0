using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>Something that configures a type system element in code (a type, field, argument, input field or enum value).</summary>
public interface IDescriptor;

/// <summary>A descriptor whose element becomes a <typeparamref name="TDefinition"/> record.</summary>
public interface IDescriptor<TDefinition> : IDescriptor
    where TDefinition : class
{
    /// <summary>Low-level access to the definition record the descriptor produces (for libraries such as paging or filtering).</summary>
    IDescriptorExtension<TDefinition> Extend();
}

/// <summary>Hooks into the definition record a descriptor produces.</summary>
public interface IDescriptorExtension<TDefinition>
    where TDefinition : class
{
    /// <summary>
    /// Runs <paramref name="configure"/> on the finished definition: every type of the schema has been inferred and all
    /// descriptor configuration applied, type references are final, and the resolver is set. The callback may change the
    /// type, arguments, resolver or context data, and may add types through <see cref="IDescriptorContext"/>.
    /// </summary>
    void OnBeforeCompletion(Action<IDescriptorContext, TDefinition> configure);
}

/// <summary>Whether the members of a CLR type become fields unless ignored (implicit) or only when declared (explicit).</summary>
public enum BindingBehavior
{
    /// <summary>Public properties and methods become fields unless ignored.</summary>
    Implicit,

    /// <summary>Only fields declared with the descriptor become fields.</summary>
    Explicit,
}

/// <summary>Where a type reference is used: output (fields) or input (arguments, input fields).</summary>
public enum TypeContext
{
    /// <summary>The type of an output field.</summary>
    Output,

    /// <summary>The type of an argument or input field.</summary>
    Input,
}

/// <summary>The names of the root operation types.</summary>
public static class OperationTypeNames
{
    /// <summary><c>Query</c>.</summary>
    public const string Query = "Query";

    /// <summary><c>Mutation</c>.</summary>
    public const string Mutation = "Mutation";

    /// <summary><c>Subscription</c>.</summary>
    public const string Subscription = "Subscription";
}

/// <summary>
/// The schema being built from annotated classes and descriptors, as descriptor attributes and
/// <see cref="IDescriptorExtension{TDefinition}.OnBeforeCompletion"/> callbacks see it.
/// </summary>
public interface IDescriptorContext
{
    /// <summary>All definitions collected so far (SDL, annotated classes, descriptors).</summary>
    SchemaDefinitionContext Definitions { get; }

    /// <summary>The options of the schema builder.</summary>
    SchemaOptions Options { get; }

    /// <summary>
    /// The type reference for <paramref name="type"/>: a schema type class (a scalar such as <c>StringType</c>, a code-first
    /// type such as <c>BookType</c>, <c>NonNullType&lt;T&gt;</c>, <c>ListType&lt;T&gt;</c>) or a CLR type, whose GraphQL type is
    /// inferred and added to the schema when needed. CLR reference types give nullable references, value types non-null ones.
    /// </summary>
    ITypeNode GetTypeReference(Type type, TypeContext context);

    /// <summary>Records a schema error; building fails with all recorded errors.</summary>
    void ReportError(string message);
}

/// <summary>
/// Marks a schema type class as non-null in type references: <c>Type&lt;NonNullType&lt;StringType&gt;&gt;()</c> is <c>String!</c>.
/// Used only as a type argument.
/// </summary>
/// <typeparam name="T">The wrapped schema type class (or CLR type).</typeparam>
public sealed class NonNullType<T>
    where T : class
{
    private NonNullType()
    {
    }
}

/// <summary>
/// Marks a list in type references: <c>Type&lt;ListType&lt;NonNullType&lt;StringType&gt;&gt;&gt;()</c> is <c>[String!]</c>.
/// Used only as a type argument.
/// </summary>
/// <typeparam name="T">The item schema type class (or CLR type).</typeparam>
public sealed class ListType<T>
    where T : class
{
    private ListType()
    {
    }
}
