using System.Text;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>Helpers over <see cref="IType"/>: unwrapping, printing, classification and the spec's type comparisons.</summary>
public static class TypeExtensions
{
    /// <summary>The named type at the core of <paramref name="type"/> (<c>[Foo!]!</c> gives <c>Foo</c>).</summary>
    public static INamedType NamedType(this IType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        while (type is IWrapperType wrapper)
        {
            type = wrapper.OfType;
        }
        return (INamedType)type;
    }

    /// <summary>Whether <paramref name="type"/> is a non-null type.</summary>
    public static bool IsNonNull(this IType type) => type.Kind == TypeKind.NonNull;

    /// <summary>Whether <paramref name="type"/>, once non-null is removed, is a list type.</summary>
    public static bool IsListType(this IType type) => type.NullableType().Kind == TypeKind.List;

    /// <summary>The type without its outer non-null wrapper.</summary>
    public static IType NullableType(this IType type) => type is NonNullType nonNull ? nonNull.OfType : type;

    /// <summary>The item type of a (possibly non-null) list type; throws when <paramref name="type"/> is not a list.</summary>
    public static IType ElementType(this IType type) => type.NullableType() is ListType list
        ? list.OfType
        : throw new ArgumentException($"The type {type.Print()} is not a list type.", nameof(type));

    /// <summary>Whether the named type is a scalar or an enum.</summary>
    public static bool IsLeafType(this IType type) => type.NamedType() is ILeafType;

    /// <summary>Whether the named type is an object, interface or union.</summary>
    public static bool IsCompositeType(this IType type) =>
        type.NamedType().Kind is TypeKind.Object or TypeKind.Interface or TypeKind.Union;

    /// <summary>Whether the type is an interface or a union (not wrapped).</summary>
    public static bool IsAbstractType(this IType type) => type.Kind is TypeKind.Interface or TypeKind.Union;

    /// <summary>Whether the type may be used for arguments, input fields and variables (scalar, enum, input object, wrapped).</summary>
    public static bool IsInputType(this IType type) =>
        type.NamedType().Kind is TypeKind.Scalar or TypeKind.Enum or TypeKind.InputObject;

    /// <summary>Whether the type may be used for output fields (anything but an input object, wrapped).</summary>
    public static bool IsOutputType(this IType type) => type.NamedType().Kind != TypeKind.InputObject;

    /// <summary>Prints the type reference as in SDL: <c>[String!]!</c>.</summary>
    public static string Print(this IType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            INamedType named => named.Name,
            _ => AppendTo(new StringBuilder(), type).ToString(),
        };
    }

    private static StringBuilder AppendTo(StringBuilder builder, IType type)
    {
        switch (type)
        {
            case NonNullType nonNull:
                return AppendTo(builder, nonNull.OfType).Append('!');
            case ListType list:
                builder.Append('[');
                return AppendTo(builder, list.OfType).Append(']');
            default:
                return builder.Append(((INamedType)type).Name);
        }
    }

    /// <summary>The type as a syntax type reference.</summary>
    public static ITypeNode ToTypeNode(this IType type) => type switch
    {
        NonNullType nonNull => new NonNullTypeNode((INullableTypeNode)nonNull.OfType.ToTypeNode()),
        ListType list => new ListTypeNode(list.OfType.ToTypeNode()),
        INamedType named => new NamedTypeNode(named.Name),
        _ => throw new ArgumentException($"Unknown type {type.GetType().Name}.", nameof(type)),
    };

    /// <summary>
    /// The schema type a syntax type reference names (<c>[Dog!]</c>), the reference implementation's <c>typeFromAST</c>;
    /// false when the named type does not exist.
    /// </summary>
    public static bool TryGetType(this ISchema schema, ITypeNode typeNode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IType? type)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(typeNode);
        switch (typeNode)
        {
            case NamedTypeNode named when schema.TryGetType(named.Name.Value, out var namedType):
                type = namedType;
                return true;
            case ListTypeNode list when schema.TryGetType(list.Type, out var itemType):
                type = new ListType(itemType);
                return true;
            case NonNullTypeNode nonNull when schema.TryGetType(nonNull.Type, out var innerType):
                type = new NonNullType(innerType);
                return true;
            default:
                type = null;
                return false;
        }
    }

    /// <summary>Whether both types are the same (same wrappers around the same named type), per the spec's <c>AreTypesEqual</c>.</summary>
    public static bool IsEqualType(this IType typeA, IType typeB)
    {
        while (true)
        {
            if (ReferenceEquals(typeA, typeB))
            {
                return true;
            }
            if (typeA is NonNullType nonNullA && typeB is NonNullType nonNullB)
            {
                typeA = nonNullA.OfType;
                typeB = nonNullB.OfType;
                continue;
            }
            if (typeA is ListType listA && typeB is ListType listB)
            {
                typeA = listA.OfType;
                typeB = listB.OfType;
                continue;
            }
            return typeA is INamedType namedA && typeB is INamedType namedB
                && string.Equals(namedA.Name, namedB.Name, StringComparison.Ordinal) && namedA.Kind == namedB.Kind;
        }
    }

    /// <summary>
    /// Whether <paramref name="maybeSubType"/> may be used where <paramref name="superType"/> is expected
    /// (the spec's <c>IsValidImplementationFieldType</c>): equal types, a non-null of a sub type, a list of a sub type,
    /// or an object / interface type that is a possible type of the abstract super type.
    /// </summary>
    public static bool IsTypeSubTypeOf(this ISchema schema, IType maybeSubType, IType superType)
    {
        ArgumentNullException.ThrowIfNull(schema);
        while (true)
        {
            if (maybeSubType.IsEqualType(superType))
            {
                return true;
            }
            if (superType is NonNullType superNonNull)
            {
                if (maybeSubType is NonNullType subNonNull)
                {
                    maybeSubType = subNonNull.OfType;
                    superType = superNonNull.OfType;
                    continue;
                }
                return false;
            }
            if (maybeSubType is NonNullType nonNullSub)
            {
                maybeSubType = nonNullSub.OfType;
                continue;
            }
            if (superType is ListType superList)
            {
                if (maybeSubType is ListType subList)
                {
                    maybeSubType = subList.OfType;
                    superType = superList.OfType;
                    continue;
                }
                return false;
            }
            if (maybeSubType is ListType)
            {
                return false;
            }
            return superType is IAbstractType superAbstract
                && maybeSubType is IComplexOutputType subComplex
                && schema.IsSubType(superAbstract, subComplex);
        }
    }

    /// <summary>Whether two composite types can have an object type in common (the spec's overlap check for fragments).</summary>
    public static bool DoTypesOverlap(this ISchema schema, INamedType typeA, INamedType typeB)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (ReferenceEquals(typeA, typeB))
        {
            return true;
        }
        if (typeA is IAbstractType abstractA)
        {
            if (typeB is IAbstractType abstractB)
            {
                foreach (var possible in schema.GetPossibleTypes(abstractA))
                {
                    if (schema.IsPossibleType(abstractB, possible))
                    {
                        return true;
                    }
                }
                return false;
            }
            return typeB is ObjectType objectB && schema.IsPossibleType(abstractA, objectB);
        }
        return typeB is IAbstractType abstractOfB && typeA is ObjectType objectA && schema.IsPossibleType(abstractOfB, objectA);
    }
}
