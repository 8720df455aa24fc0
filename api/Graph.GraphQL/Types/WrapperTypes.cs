namespace Graph.GraphQL.Types;

/// <summary>A list type: <c>[T]</c>.</summary>
public sealed class ListType : IWrapperType, IInputType, IOutputType
{
    /// <summary>Wraps <paramref name="ofType"/> in a list.</summary>
    public ListType(IType ofType)
    {
        ArgumentNullException.ThrowIfNull(ofType);
        OfType = ofType;
    }

    public TypeKind Kind => TypeKind.List;

    /// <summary>The item type.</summary>
    public IType OfType { get; }

    public override string ToString() => this.Print();
}

/// <summary>A non-null type: <c>T!</c>. Never wraps another non-null type.</summary>
public sealed class NonNullType : IWrapperType, IInputType, IOutputType
{
    /// <summary>Wraps <paramref name="ofType"/> (which must not be non-null itself) in non-null.</summary>
    public NonNullType(IType ofType)
    {
        ArgumentNullException.ThrowIfNull(ofType);
        if (ofType is NonNullType)
        {
            throw new ArgumentException("A non-null type cannot wrap another non-null type.", nameof(ofType));
        }
        OfType = ofType;
    }

    public TypeKind Kind => TypeKind.NonNull;

    /// <summary>The nullable type.</summary>
    public IType OfType { get; }

    public override string ToString() => this.Print();
}
