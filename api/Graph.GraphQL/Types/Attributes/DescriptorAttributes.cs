using System.Reflection;

namespace Graph.GraphQL.Types;

/// <summary>
/// The base of attributes that configure a type system element through its descriptor, the seam for libraries such as
/// paging, filtering or authorization: the schema builder calls <see cref="TryConfigure"/> for each descriptor attribute
/// of an annotated class, member, parameter or property right after the element was inferred from the CLR member and
/// before code-first configuration (<c>ObjectType&lt;T&gt;.Configure</c>) is applied. Attributes of one element run by
/// ascending <see cref="Order"/>, then in declaration order. An attribute that needs the final definition (its resolved
/// type, the final resolver) registers a callback with <c>descriptor.Extend().OnBeforeCompletion(...)</c>.
/// </summary>
public abstract class DescriptorAttribute : Attribute
{
    /// <summary>Orders the descriptor attributes of one element (lower first); ties keep declaration order.</summary>
    public int Order { get; set; }

    /// <summary>Applies the attribute when <paramref name="descriptor"/> is of the kind the attribute configures.</summary>
    /// <param name="context">The schema being built.</param>
    /// <param name="descriptor">The descriptor of the annotated element.</param>
    /// <param name="element">The annotated type, member, parameter or property.</param>
    protected internal abstract void TryConfigure(IDescriptorContext context, IDescriptor descriptor, ICustomAttributeProvider element);
}

/// <summary>Configures the object type inferred from the annotated class.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true)]
public abstract class ObjectTypeDescriptorAttribute : DescriptorAttribute
{
    /// <summary>Configures <paramref name="descriptor"/>.</summary>
    protected abstract void OnConfigure(IDescriptorContext context, IObjectTypeDescriptor descriptor, Type type);

    protected internal sealed override void TryConfigure(IDescriptorContext context, IDescriptor descriptor, ICustomAttributeProvider element)
    {
        if (descriptor is IObjectTypeDescriptor objectType && element is Type type)
        {
            OnConfigure(context, objectType, type);
        }
    }
}

/// <summary>Configures the object field inferred from the annotated property or method (paging, filtering, ...).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = true)]
public abstract class ObjectFieldDescriptorAttribute : DescriptorAttribute
{
    /// <summary>Configures <paramref name="descriptor"/>.</summary>
    protected abstract void OnConfigure(IDescriptorContext context, IObjectFieldDescriptor descriptor, MemberInfo member);

    protected internal sealed override void TryConfigure(IDescriptorContext context, IDescriptor descriptor, ICustomAttributeProvider element)
    {
        if (descriptor is IObjectFieldDescriptor field && element is MemberInfo member)
        {
            OnConfigure(context, field, member);
        }
    }
}

/// <summary>Configures the argument inferred from the annotated resolver parameter.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = true)]
public abstract class ArgumentDescriptorAttribute : DescriptorAttribute
{
    /// <summary>Configures <paramref name="descriptor"/>.</summary>
    protected abstract void OnConfigure(IDescriptorContext context, IArgumentDescriptor descriptor, ParameterInfo parameter);

    protected internal sealed override void TryConfigure(IDescriptorContext context, IDescriptor descriptor, ICustomAttributeProvider element)
    {
        if (descriptor is IArgumentDescriptor argument && element is ParameterInfo parameter)
        {
            OnConfigure(context, argument, parameter);
        }
    }
}

/// <summary>Configures the input field inferred from the annotated property.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public abstract class InputFieldDescriptorAttribute : DescriptorAttribute
{
    /// <summary>Configures <paramref name="descriptor"/>.</summary>
    protected abstract void OnConfigure(IDescriptorContext context, IInputFieldDescriptor descriptor, PropertyInfo property);

    protected internal sealed override void TryConfigure(IDescriptorContext context, IDescriptor descriptor, ICustomAttributeProvider element)
    {
        if (descriptor is IInputFieldDescriptor field && element is PropertyInfo property)
        {
            OnConfigure(context, field, property);
        }
    }
}
