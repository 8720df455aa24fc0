using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>
/// A scalar type. Subclass it for custom scalars and register the instance with <c>SchemaBuilder.AddType</c>.
/// Input: <see cref="ParseLiteral"/> (document literals) and <see cref="ParseValue"/> (variable values, plain CLR trees:
/// null, bool, string, int/long/decimal/double, <c>IReadOnlyList&lt;object?&gt;</c>, <c>IReadOnlyDictionary&lt;string, object?&gt;</c>)
/// both throw <see cref="InputCoercionException"/>. Output: <see cref="Serialize"/> turns a runtime value into a JSON-ready
/// value and throws <see cref="SerializationException"/>. All four accept null and return null (or the null literal).
/// </summary>
public abstract class ScalarType : NamedTypeBase, ILeafType
{
    /// <summary>Creates the scalar.</summary>
    /// <param name="name">The GraphQL name.</param>
    /// <param name="description">The description, or null.</param>
    /// <param name="specifiedByUrl">The URL of the scalar's specification (<c>@specifiedBy</c>), or null.</param>
    protected ScalarType(string name, string? description = null, string? specifiedByUrl = null)
        : base(name, description, null)
    {
        SpecifiedByUrl = specifiedByUrl;
    }

    public sealed override TypeKind Kind => TypeKind.Scalar;

    /// <summary>The URL given by <c>@specifiedBy</c>, or null.</summary>
    public string? SpecifiedByUrl { get; internal set; }

    /// <summary>The CLR type of the runtime values of this scalar.</summary>
    public abstract Type RuntimeType { get; }

    /// <summary>Whether this is one of the spec's scalars: Int, Float, String, Boolean, ID.</summary>
    public bool IsSpecifiedScalar => BuiltInScalars.IsSpecifiedScalarName(Name);

    /// <summary>Whether <paramref name="literal"/> can be coerced; the default tries <see cref="ParseLiteral"/>.</summary>
    public virtual bool IsInstanceOfType(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        if (literal is NullValueNode)
        {
            return true;
        }
        try
        {
            ParseLiteral(literal);
            return true;
        }
        catch (InputCoercionException)
        {
            return false;
        }
    }

    public abstract object? ParseLiteral(IValueNode literal);

    public abstract object? ParseValue(object? externalValue);

    public abstract IValueNode ValueToLiteral(object? runtimeValue);

    public abstract object? Serialize(object? runtimeValue);

    /// <summary>A copy of this scalar for one schema, so that SDL descriptions and directives never leak between schemas.</summary>
    internal ScalarType CloneForSchema() => (ScalarType)MemberwiseClone();
}
