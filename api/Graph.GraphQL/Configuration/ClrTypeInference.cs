using System.Collections;
using System.Reflection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>Hints from attributes that change an inferred type reference.</summary>
/// <param name="IsId">Use <c>ID</c> for the named type (<see cref="IDAttribute"/>).</param>
/// <param name="NonNull">Make the outer type non-null (<see cref="GraphQLNonNullTypeAttribute"/>).</param>
/// <param name="ElementsNonNull">Make list items non-null (<see cref="GraphQLNonNullTypeAttribute.ElementsNonNull"/>).</param>
/// <param name="StreamElement">Type the events of a source stream rather than the stream (subscription fields).</param>
internal readonly record struct TypeHints(bool IsId, bool NonNull, bool ElementsNonNull, bool StreamElement)
{
    /// <summary>The hints of the attributes on a member, parameter or property.</summary>
    public static TypeHints Of(ICustomAttributeProvider element)
    {
        var nonNull = element.GetCustomAttributes(typeof(GraphQLNonNullTypeAttribute), inherit: false).OfType<GraphQLNonNullTypeAttribute>().FirstOrDefault();
        return new TypeHints(
            element.IsDefined(typeof(IDAttribute), inherit: false),
            nonNull is not null,
            nonNull?.ElementsNonNull ?? false,
            false);
    }
}

/// <summary>
/// Infers type references from CLR types and their nullable annotations: <see cref="Task{TResult}"/> and
/// <see cref="ValueTask{TResult}"/> are unwrapped; arrays and <see cref="IEnumerable{T}"/> (incl. <see cref="IQueryable{T}"/>,
/// and <see cref="IAsyncEnumerable{T}"/> outside subscriptions) become lists; reference types are non-null unless annotated
/// nullable (or nullable-oblivious), value types unless <see cref="Nullable{T}"/>; the named type comes from
/// <see cref="DescriptorContext.GetNamedType"/>.
/// </summary>
internal static class ClrTypeInference
{
    /// <summary>The type reference of <paramref name="type"/>, or null after reporting why there is none.</summary>
    public static ITypeNode? Infer(DescriptorContext context, Type type, NullabilityInfo? nullability, TypeContext usageContext, TypeHints hints, string usage)
    {
        if (usageContext == TypeContext.Output)
        {
            if (type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask))
            {
                context.ReportError($"Cannot infer the GraphQL type of {usage}: it returns no value.");
                return null;
            }
            if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            {
                return Infer(context, type.GetGenericArguments()[0], Argument(nullability, 0), usageContext, hints, usage);
            }
            if (hints.StreamElement && TryGetStreamElement(type, nullability, out var eventType, out var eventNullability))
            {
                return Infer(context, eventType, eventNullability, usageContext, hints with { StreamElement = false }, usage);
            }
        }

        bool nullable;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            nullable = true;
            type = underlying;
            nullability = Argument(nullability, 0) ?? nullability;
        }
        else if (type.IsValueType)
        {
            nullable = false;
        }
        else
        {
            nullable = State(nullability) != NullabilityState.NotNull;
        }
        if (hints.NonNull)
        {
            nullable = false;
        }

        INullableTypeNode inner;
        if (TryGetListElement(type, nullability, usageContext, out var elementType, out var elementNullability))
        {
            var itemHints = hints with { NonNull = hints.ElementsNonNull, ElementsNonNull = false, StreamElement = false };
            var item = Infer(context, elementType, elementNullability, usageContext, itemHints, usage);
            if (item is null)
            {
                return null;
            }
            inner = new ListTypeNode(item);
        }
        else
        {
            var name = hints.IsId ? "ID" : context.GetNamedType(type, usageContext, usage);
            if (name is null)
            {
                return null;
            }
            inner = new NamedTypeNode(name);
        }
        return nullable ? inner : new NonNullTypeNode(inner);
    }

    /// <summary>The element type of a source stream (<see cref="IAsyncEnumerable{T}"/>, possibly in a task).</summary>
    public static bool TryGetStreamElement(Type type, NullabilityInfo? nullability, out Type elementType, out NullabilityInfo? elementNullability)
    {
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return TryGetStreamElement(type.GetGenericArguments()[0], Argument(nullability, 0), out elementType, out elementNullability);
        }
        var stream = FindInterface(type, typeof(IAsyncEnumerable<>));
        if (stream is null)
        {
            elementType = typeof(object);
            elementNullability = null;
            return false;
        }
        elementType = stream.GetGenericArguments()[0];
        elementNullability = SingleArgumentOf(type, elementType, nullability);
        return true;
    }

    /// <summary>Whether <paramref name="type"/> is a dictionary (no GraphQL type fits).</summary>
    public static bool IsDictionary(Type type) =>
        typeof(IDictionary).IsAssignableFrom(type)
        || FindInterface(type, typeof(IDictionary<,>)) is not null
        || FindInterface(type, typeof(IReadOnlyDictionary<,>)) is not null;

    /// <summary>Whether <paramref name="type"/> is a collection without an element type.</summary>
    public static bool IsNonGenericCollection(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && FindInterface(type, typeof(IEnumerable<>)) is null;

    private static bool TryGetListElement(Type type, NullabilityInfo? nullability, TypeContext usageContext, out Type elementType, out NullabilityInfo? elementNullability)
    {
        elementType = typeof(object);
        elementNullability = null;
        if (type == typeof(string) || IsDictionary(type))
        {
            return false;
        }
        if (type.IsArray)
        {
            elementType = type.GetElementType()!;
            elementNullability = nullability?.ElementType;
            return true;
        }
        var enumerable = FindInterface(type, typeof(IEnumerable<>))
            ?? (usageContext == TypeContext.Output ? FindInterface(type, typeof(IAsyncEnumerable<>)) : null);
        if (enumerable is null)
        {
            return false;
        }
        elementType = enumerable.GetGenericArguments()[0];
        elementNullability = SingleArgumentOf(type, elementType, nullability);
        return true;
    }

    /// <summary>The nullability of the element when the collection type's only type argument is the element type.</summary>
    private static NullabilityInfo? SingleArgumentOf(Type type, Type elementType, NullabilityInfo? nullability) =>
        type.IsGenericType && type.GetGenericArguments() is [var argument] && argument == elementType ? Argument(nullability, 0) : null;

    private static Type? FindInterface(Type type, Type genericDefinition)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == genericDefinition)
        {
            return type;
        }
        foreach (var candidate in type.GetInterfaces())
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == genericDefinition)
            {
                return candidate;
            }
        }
        return null;
    }

    private static NullabilityInfo? Argument(NullabilityInfo? nullability, int index) =>
        nullability is not null && nullability.GenericTypeArguments.Length > index ? nullability.GenericTypeArguments[index] : null;

    private static NullabilityState State(NullabilityInfo? nullability) =>
        nullability is null ? NullabilityState.Unknown
        : nullability.ReadState != NullabilityState.Unknown ? nullability.ReadState
        : nullability.WriteState;
}
