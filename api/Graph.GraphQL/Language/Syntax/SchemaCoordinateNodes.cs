namespace Graph.GraphQL.Language;

/// <summary>A type coordinate: <c>Type</c>.</summary>
public sealed class TypeCoordinateNode : ISchemaCoordinateNode
{
    public TypeCoordinateNode(Location? location, NameNode name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Location = location;
        Name = name;
    }

    public SyntaxKind Kind => SyntaxKind.TypeCoordinate;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
    }

    public override string ToString() => Printer.Print(this);
}

/// <summary>A member coordinate: <c>Type.field</c>, <c>Input.field</c> or <c>Enum.VALUE</c>.</summary>
public sealed class MemberCoordinateNode : ISchemaCoordinateNode
{
    public MemberCoordinateNode(Location? location, NameNode name, NameNode memberName)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(memberName);
        Location = location;
        Name = name;
        MemberName = memberName;
    }

    public SyntaxKind Kind => SyntaxKind.MemberCoordinate;

    public Location? Location { get; }

    /// <summary>The type name.</summary>
    public NameNode Name { get; }

    /// <summary>The field, input field or enum value name.</summary>
    public NameNode MemberName { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
        yield return MemberName;
    }

    public override string ToString() => Printer.Print(this);
}

/// <summary>An argument coordinate: <c>Type.field(argument:)</c>.</summary>
public sealed class ArgumentCoordinateNode : ISchemaCoordinateNode
{
    public ArgumentCoordinateNode(Location? location, NameNode name, NameNode fieldName, NameNode argumentName)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(fieldName);
        ArgumentNullException.ThrowIfNull(argumentName);
        Location = location;
        Name = name;
        FieldName = fieldName;
        ArgumentName = argumentName;
    }

    public SyntaxKind Kind => SyntaxKind.ArgumentCoordinate;

    public Location? Location { get; }

    /// <summary>The type name.</summary>
    public NameNode Name { get; }

    public NameNode FieldName { get; }

    public NameNode ArgumentName { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
        yield return FieldName;
        yield return ArgumentName;
    }

    public override string ToString() => Printer.Print(this);
}

/// <summary>A directive coordinate: <c>@directive</c>.</summary>
public sealed class DirectiveCoordinateNode : ISchemaCoordinateNode
{
    public DirectiveCoordinateNode(Location? location, NameNode name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Location = location;
        Name = name;
    }

    public SyntaxKind Kind => SyntaxKind.DirectiveCoordinate;

    public Location? Location { get; }

    /// <summary>The directive name (without <c>@</c>).</summary>
    public NameNode Name { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
    }

    public override string ToString() => Printer.Print(this);
}

/// <summary>A directive argument coordinate: <c>@directive(argument:)</c>.</summary>
public sealed class DirectiveArgumentCoordinateNode : ISchemaCoordinateNode
{
    public DirectiveArgumentCoordinateNode(Location? location, NameNode name, NameNode argumentName)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(argumentName);
        Location = location;
        Name = name;
        ArgumentName = argumentName;
    }

    public SyntaxKind Kind => SyntaxKind.DirectiveArgumentCoordinate;

    public Location? Location { get; }

    /// <summary>The directive name (without <c>@</c>).</summary>
    public NameNode Name { get; }

    public NameNode ArgumentName { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
        yield return ArgumentName;
    }

    public override string ToString() => Printer.Print(this);
}
