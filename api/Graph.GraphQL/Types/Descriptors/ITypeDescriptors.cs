using System.Linq.Expressions;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>Configures an object type.</summary>
public interface IObjectTypeDescriptor : IDescriptor<ObjectTypeDefinition>
{
    /// <summary>Sets the type name.</summary>
    IObjectTypeDescriptor Name(string name);

    /// <summary>Sets the description.</summary>
    IObjectTypeDescriptor Description(string? description);

    /// <summary>Adds (or configures the inferred) field <paramref name="name"/>.</summary>
    IObjectFieldDescriptor Field(string name);

    /// <summary>Implements the interface given by a schema type class (<c>NodeType</c>) or a CLR interface type.</summary>
    IObjectTypeDescriptor Implements<TInterface>() where TInterface : class;

    /// <summary>Implements the interface named <paramref name="interfaceName"/>.</summary>
    IObjectTypeDescriptor Implements(string interfaceName);

    /// <summary>Sets the check that tells whether a resolved value belongs to this type.</summary>
    IObjectTypeDescriptor IsOfType(IsOfTypeDelegate isOfType);

    /// <summary>Applies a directive.</summary>
    IObjectTypeDescriptor Directive(string name, params ArgumentNode[] arguments);
}

/// <summary>Configures an object type inferred from the CLR type <typeparamref name="T"/>.</summary>
public interface IObjectTypeDescriptor<T> : IObjectTypeDescriptor
{
    /// <inheritdoc cref="IObjectTypeDescriptor.Name"/>
    new IObjectTypeDescriptor<T> Name(string name);

    /// <inheritdoc cref="IObjectTypeDescriptor.Description"/>
    new IObjectTypeDescriptor<T> Description(string? description);

    /// <inheritdoc cref="IObjectTypeDescriptor.Implements{TInterface}"/>
    new IObjectTypeDescriptor<T> Implements<TInterface>() where TInterface : class;

    /// <inheritdoc cref="IObjectTypeDescriptor.Implements(string)"/>
    new IObjectTypeDescriptor<T> Implements(string interfaceName);

    /// <summary>Configures the field inferred from a property or method of <typeparamref name="T"/> (<c>x =&gt; x.Title</c>).</summary>
    IObjectFieldDescriptor Field(Expression<Func<T, object?>> member);

    /// <summary>Adds a field resolved by a member of the resolver class <typeparamref name="TResolver"/>.</summary>
    IObjectFieldDescriptor Field<TResolver>(Expression<Func<TResolver, object?>> member);

    /// <summary>Keeps the property or method out of the type.</summary>
    IObjectTypeDescriptor<T> Ignore(Expression<Func<T, object?>> member);

    /// <summary>Sets whether members become fields implicitly.</summary>
    IObjectTypeDescriptor<T> BindFields(BindingBehavior behavior);

    /// <summary>Only fields declared with <see cref="Field(Expression{Func{T, object}})"/> become fields.</summary>
    IObjectTypeDescriptor<T> BindFieldsExplicitly();

    /// <summary>Public properties and methods become fields unless ignored.</summary>
    IObjectTypeDescriptor<T> BindFieldsImplicitly();
}

/// <summary>Configures an interface type.</summary>
public interface IInterfaceTypeDescriptor : IDescriptor<InterfaceTypeDefinition>
{
    /// <summary>Sets the type name.</summary>
    IInterfaceTypeDescriptor Name(string name);

    /// <summary>Sets the description.</summary>
    IInterfaceTypeDescriptor Description(string? description);

    /// <summary>Adds (or configures the inferred) field <paramref name="name"/>.</summary>
    IInterfaceFieldDescriptor Field(string name);

    /// <summary>Implements the interface given by a schema type class or a CLR interface type.</summary>
    IInterfaceTypeDescriptor Implements<TInterface>() where TInterface : class;

    /// <summary>Implements the interface named <paramref name="interfaceName"/>.</summary>
    IInterfaceTypeDescriptor Implements(string interfaceName);

    /// <summary>Sets how a resolved value's object type is picked.</summary>
    IInterfaceTypeDescriptor ResolveAbstractType(ResolveAbstractTypeDelegate resolveType);

    /// <summary>Applies a directive.</summary>
    IInterfaceTypeDescriptor Directive(string name, params ArgumentNode[] arguments);
}

/// <summary>Configures an interface type inferred from the CLR interface or abstract class <typeparamref name="T"/>.</summary>
public interface IInterfaceTypeDescriptor<T> : IInterfaceTypeDescriptor
{
    /// <summary>Configures the field inferred from a property or method of <typeparamref name="T"/>.</summary>
    IInterfaceFieldDescriptor Field(Expression<Func<T, object?>> member);

    /// <summary>Keeps the property or method out of the type.</summary>
    IInterfaceTypeDescriptor<T> Ignore(Expression<Func<T, object?>> member);

    /// <summary>Sets whether members become fields implicitly.</summary>
    IInterfaceTypeDescriptor<T> BindFields(BindingBehavior behavior);
}

/// <summary>Configures a union type.</summary>
public interface IUnionTypeDescriptor : IDescriptor<UnionTypeDefinition>
{
    /// <summary>Sets the type name.</summary>
    IUnionTypeDescriptor Name(string name);

    /// <summary>Sets the description.</summary>
    IUnionTypeDescriptor Description(string? description);

    /// <summary>Adds a member type given by a schema type class (<c>BookType</c>) or a CLR type.</summary>
    IUnionTypeDescriptor Type<TObjectType>() where TObjectType : class;

    /// <summary>Adds the member type named <paramref name="objectTypeName"/>.</summary>
    IUnionTypeDescriptor Type(string objectTypeName);

    /// <summary>Sets how a resolved value's object type is picked.</summary>
    IUnionTypeDescriptor ResolveAbstractType(ResolveAbstractTypeDelegate resolveType);

    /// <summary>Applies a directive.</summary>
    IUnionTypeDescriptor Directive(string name, params ArgumentNode[] arguments);
}

/// <summary>Configures an input object type.</summary>
public interface IInputObjectTypeDescriptor : IDescriptor<InputObjectTypeDefinition>
{
    /// <summary>Sets the type name.</summary>
    IInputObjectTypeDescriptor Name(string name);

    /// <summary>Sets the description.</summary>
    IInputObjectTypeDescriptor Description(string? description);

    /// <summary>Adds (or configures the inferred) field <paramref name="name"/>.</summary>
    IInputFieldDescriptor Field(string name);

    /// <summary>Makes the type a OneOf input object (<c>@oneOf</c>).</summary>
    IInputObjectTypeDescriptor OneOf();

    /// <summary>Applies a directive.</summary>
    IInputObjectTypeDescriptor Directive(string name, params ArgumentNode[] arguments);
}

/// <summary>Configures an input object type built as the CLR type <typeparamref name="T"/>.</summary>
public interface IInputObjectTypeDescriptor<T> : IInputObjectTypeDescriptor
{
    /// <summary>Configures the field inferred from a property of <typeparamref name="T"/>.</summary>
    IInputFieldDescriptor Field(Expression<Func<T, object?>> property);

    /// <summary>Keeps the property out of the type.</summary>
    IInputObjectTypeDescriptor<T> Ignore(Expression<Func<T, object?>> property);

    /// <summary>Sets whether properties become fields implicitly.</summary>
    IInputObjectTypeDescriptor<T> BindFields(BindingBehavior behavior);
}

/// <summary>Configures an enum type.</summary>
public interface IEnumTypeDescriptor : IDescriptor<EnumTypeDefinition>
{
    /// <summary>Sets the type name.</summary>
    IEnumTypeDescriptor Name(string name);

    /// <summary>Sets the description.</summary>
    IEnumTypeDescriptor Description(string? description);

    /// <summary>Adds (or configures the inferred) value whose runtime value is <paramref name="value"/>.</summary>
    IEnumValueDescriptor Value(object value);

    /// <summary>Applies a directive.</summary>
    IEnumTypeDescriptor Directive(string name, params ArgumentNode[] arguments);
}

/// <summary>Configures an enum type inferred from the CLR enum <typeparamref name="T"/>.</summary>
public interface IEnumTypeDescriptor<T> : IEnumTypeDescriptor
    where T : struct, Enum
{
    /// <summary>Configures the value of <paramref name="value"/>.</summary>
    IEnumValueDescriptor Value(T value);

    /// <summary>Sets whether the CLR enum members become values implicitly.</summary>
    IEnumTypeDescriptor<T> BindValues(BindingBehavior behavior);
}
