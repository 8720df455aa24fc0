using System.Linq.Expressions;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types;

/// <summary>Configures a field of an object type.</summary>
public interface IObjectFieldDescriptor : IDescriptor<OutputFieldDefinition>
{
    /// <summary>Sets the field name.</summary>
    IObjectFieldDescriptor Name(string name);

    /// <summary>Sets the description (null removes an inferred one).</summary>
    IObjectFieldDescriptor Description(string? description);

    /// <summary>Deprecates the field; a null reason gives the spec's default reason.</summary>
    IObjectFieldDescriptor Deprecated(string? reason = null);

    /// <summary>Sets the type from a schema type class (<c>NonNullType&lt;StringType&gt;</c>, <c>BookType</c>) or a CLR type.</summary>
    IObjectFieldDescriptor Type<TType>() where TType : class;

    /// <summary>Sets the type from a schema type class or a CLR type.</summary>
    IObjectFieldDescriptor Type(Type type);

    /// <summary>Sets the type from a type reference node.</summary>
    IObjectFieldDescriptor Type(ITypeNode type);

    /// <summary>Sets the type from SDL, e.g. <c>"[Book!]!"</c>.</summary>
    IObjectFieldDescriptor Type(string typeSyntax);

    /// <summary>Adds (or configures the inferred) argument <paramref name="name"/>.</summary>
    IObjectFieldDescriptor Argument(string name, Action<IArgumentDescriptor> configure);

    /// <summary>Removes the field (or keeps it, with false).</summary>
    IObjectFieldDescriptor Ignore(bool ignore = true);

    /// <summary>
    /// Sets the resolver; <paramref name="resultType"/> (the CLR type it produces, or null) lets the field type be inferred.
    /// The one-argument form is the extension <see cref="ObjectFieldDescriptorExtensions.Resolve(IObjectFieldDescriptor, FieldResolverDelegate)"/>.
    /// </summary>
    IObjectFieldDescriptor Resolve(FieldResolverDelegate resolver, Type? resultType);

    /// <summary>Sets a resolver returning <typeparamref name="TResult"/> (tasks are awaited); the type is inferred from it unless set.</summary>
    IObjectFieldDescriptor Resolve<TResult>(Func<IResolverContext, TResult> resolver);

    /// <summary>Sets a synchronous resolver without side effects; <paramref name="resultType"/> lets the field type be inferred.</summary>
    IObjectFieldDescriptor ResolvePure(PureFieldResolverDelegate resolver, Type? resultType = null);

    /// <summary>
    /// Resolves the field with a member of <typeparamref name="TResolver"/> (<c>r =&gt; r.GetBooks(default)</c>): its parameters
    /// become arguments as for annotated classes, and the type is inferred from it unless set.
    /// </summary>
    IObjectFieldDescriptor ResolveWith<TResolver>(Expression<Func<TResolver, object?>> member);

    /// <summary>Sets the source stream of a subscription field.</summary>
    IObjectFieldDescriptor Subscribe(SubscribeResolverDelegate subscribe);

    /// <summary>Applies a directive.</summary>
    IObjectFieldDescriptor Directive(string name, params ArgumentNode[] arguments);

    /// <summary>Sets an entry of the field's <c>ContextData</c>.</summary>
    IObjectFieldDescriptor ContextData(string key, object? value);
}

/// <summary>
/// The resolver shortcuts of <see cref="IObjectFieldDescriptor"/>, as extensions so that lambdas prefer the typed
/// <see cref="IObjectFieldDescriptor.Resolve{TResult}(Func{IResolverContext, TResult})"/>.
/// </summary>
public static class ObjectFieldDescriptorExtensions
{
    /// <summary>Sets the resolver (set the type with <c>Type&lt;T&gt;()</c>: a delegate tells nothing about its result).</summary>
    public static IObjectFieldDescriptor Resolve(this IObjectFieldDescriptor descriptor, FieldResolverDelegate resolver)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return descriptor.Resolve(resolver, null);
    }

    /// <summary>Resolves the field to <paramref name="constantResult"/>; the type is inferred from <typeparamref name="TResult"/> unless set.</summary>
    public static IObjectFieldDescriptor Resolve<TResult>(this IObjectFieldDescriptor descriptor, TResult constantResult)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        object? value = constantResult;
        return descriptor.ResolvePure(_ => value, typeof(TResult));
    }
}

/// <summary>Configures a field of an interface type.</summary>
public interface IInterfaceFieldDescriptor : IDescriptor<OutputFieldDefinition>
{
    /// <summary>Sets the field name.</summary>
    IInterfaceFieldDescriptor Name(string name);

    /// <summary>Sets the description.</summary>
    IInterfaceFieldDescriptor Description(string? description);

    /// <summary>Deprecates the field.</summary>
    IInterfaceFieldDescriptor Deprecated(string? reason = null);

    /// <summary>Sets the type from a schema type class or a CLR type.</summary>
    IInterfaceFieldDescriptor Type<TType>() where TType : class;

    /// <summary>Sets the type from a schema type class or a CLR type.</summary>
    IInterfaceFieldDescriptor Type(Type type);

    /// <summary>Sets the type from a type reference node.</summary>
    IInterfaceFieldDescriptor Type(ITypeNode type);

    /// <summary>Sets the type from SDL.</summary>
    IInterfaceFieldDescriptor Type(string typeSyntax);

    /// <summary>Adds (or configures the inferred) argument <paramref name="name"/>.</summary>
    IInterfaceFieldDescriptor Argument(string name, Action<IArgumentDescriptor> configure);

    /// <summary>Removes the field.</summary>
    IInterfaceFieldDescriptor Ignore(bool ignore = true);

    /// <summary>Applies a directive.</summary>
    IInterfaceFieldDescriptor Directive(string name, params ArgumentNode[] arguments);
}

/// <summary>Configures an argument.</summary>
public interface IArgumentDescriptor : IDescriptor<InputValueDefinition>
{
    /// <summary>Sets the description.</summary>
    IArgumentDescriptor Description(string? description);

    /// <summary>Deprecates the argument (only optional arguments may be deprecated).</summary>
    IArgumentDescriptor Deprecated(string? reason = null);

    /// <summary>Sets the type from a schema type class or a CLR type.</summary>
    IArgumentDescriptor Type<TType>() where TType : class;

    /// <summary>Sets the type from a schema type class or a CLR type.</summary>
    IArgumentDescriptor Type(Type type);

    /// <summary>Sets the type from a type reference node.</summary>
    IArgumentDescriptor Type(ITypeNode type);

    /// <summary>Sets the type from SDL.</summary>
    IArgumentDescriptor Type(string typeSyntax);

    /// <summary>Sets the default value from a CLR value (converted with the argument's type).</summary>
    IArgumentDescriptor DefaultValue(object? value);

    /// <summary>Sets the default value literal (null means the <c>null</c> literal).</summary>
    IArgumentDescriptor DefaultValue(IValueNode? literal);

    /// <summary>Applies a directive.</summary>
    IArgumentDescriptor Directive(string name, params ArgumentNode[] arguments);
}

/// <summary>Configures a field of an input object type.</summary>
public interface IInputFieldDescriptor : IDescriptor<InputValueDefinition>
{
    /// <summary>Sets the field name.</summary>
    IInputFieldDescriptor Name(string name);

    /// <summary>Sets the description.</summary>
    IInputFieldDescriptor Description(string? description);

    /// <summary>Deprecates the field (only optional fields may be deprecated).</summary>
    IInputFieldDescriptor Deprecated(string? reason = null);

    /// <summary>Sets the type from a schema type class or a CLR type.</summary>
    IInputFieldDescriptor Type<TType>() where TType : class;

    /// <summary>Sets the type from a schema type class or a CLR type.</summary>
    IInputFieldDescriptor Type(Type type);

    /// <summary>Sets the type from a type reference node.</summary>
    IInputFieldDescriptor Type(ITypeNode type);

    /// <summary>Sets the type from SDL.</summary>
    IInputFieldDescriptor Type(string typeSyntax);

    /// <summary>Sets the default value from a CLR value (converted with the field's type).</summary>
    IInputFieldDescriptor DefaultValue(object? value);

    /// <summary>Sets the default value literal (null means the <c>null</c> literal).</summary>
    IInputFieldDescriptor DefaultValue(IValueNode? literal);

    /// <summary>Removes the field.</summary>
    IInputFieldDescriptor Ignore(bool ignore = true);

    /// <summary>Applies a directive.</summary>
    IInputFieldDescriptor Directive(string name, params ArgumentNode[] arguments);
}

/// <summary>Configures a value of an enum type.</summary>
public interface IEnumValueDescriptor : IDescriptor<EnumValueDefinition>
{
    /// <summary>Sets the value name.</summary>
    IEnumValueDescriptor Name(string name);

    /// <summary>Sets the description.</summary>
    IEnumValueDescriptor Description(string? description);

    /// <summary>Deprecates the value.</summary>
    IEnumValueDescriptor Deprecated(string? reason = null);

    /// <summary>Removes the value.</summary>
    IEnumValueDescriptor Ignore(bool ignore = true);

    /// <summary>Applies a directive.</summary>
    IEnumValueDescriptor Directive(string name, params ArgumentNode[] arguments);
}
