namespace Graph.GraphQL.Language;

/// <summary>A schema extension: <c>extend schema @dir { mutation: Mutation }</c>.</summary>
public sealed class SchemaExtensionNode : ITypeSystemExtensionNode, IHasDirectives
{
    public SchemaExtensionNode(
        Location? location,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<OperationTypeDefinitionNode> operationTypes)
    {
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(operationTypes);
        Location = location;
        Directives = directives;
        OperationTypes = operationTypes;
    }

    public SyntaxKind Kind => SyntaxKind.SchemaExtension;

    public Location? Location { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
        for (var i = 0; i < OperationTypes.Count; i++)
        {
            yield return OperationTypes[i];
        }
    }

    public SchemaExtensionNode WithLocation(Location? location) => new(location, Directives, OperationTypes);

    public SchemaExtensionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, directives, OperationTypes);

    public SchemaExtensionNode WithOperationTypes(IReadOnlyList<OperationTypeDefinitionNode> operationTypes) => new(Location, Directives, operationTypes);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A scalar extension: <c>extend scalar Name @dir</c>.</summary>
public sealed class ScalarTypeExtensionNode : ITypeExtensionNode
{
    public ScalarTypeExtensionNode(Location? location, NameNode name, IReadOnlyList<DirectiveNode> directives)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        Location = location;
        Name = name;
        Directives = directives;
    }

    public SyntaxKind Kind => SyntaxKind.ScalarTypeExtension;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.Named<ISyntaxNode>(null, Name, Directives, []);

    public ScalarTypeExtensionNode WithLocation(Location? location) => new(location, Name, Directives);

    public ScalarTypeExtensionNode WithName(NameNode name) => new(Location, name, Directives);

    public ScalarTypeExtensionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, directives);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An object type extension: <c>extend type Name implements A @dir { fields }</c>.</summary>
public sealed class ObjectTypeExtensionNode : ITypeExtensionNode, IComplexTypeNode
{
    public ObjectTypeExtensionNode(
        Location? location,
        NameNode name,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<NamedTypeNode> interfaces,
        IReadOnlyList<FieldDefinitionNode> fields)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(interfaces);
        ArgumentNullException.ThrowIfNull(fields);
        Location = location;
        Name = name;
        Directives = directives;
        Interfaces = interfaces;
        Fields = fields;
    }

    public SyntaxKind Kind => SyntaxKind.ObjectTypeExtension;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<NamedTypeNode> Interfaces { get; }

    public IReadOnlyList<FieldDefinitionNode> Fields { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.ComplexType(null, Name, Interfaces, Directives, Fields);

    public ObjectTypeExtensionNode WithLocation(Location? location) => new(location, Name, Directives, Interfaces, Fields);

    public ObjectTypeExtensionNode WithName(NameNode name) => new(Location, name, Directives, Interfaces, Fields);

    public ObjectTypeExtensionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, directives, Interfaces, Fields);

    public ObjectTypeExtensionNode WithInterfaces(IReadOnlyList<NamedTypeNode> interfaces) => new(Location, Name, Directives, interfaces, Fields);

    public ObjectTypeExtensionNode WithFields(IReadOnlyList<FieldDefinitionNode> fields) => new(Location, Name, Directives, Interfaces, fields);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An interface extension: <c>extend interface Name implements A @dir { fields }</c>.</summary>
public sealed class InterfaceTypeExtensionNode : ITypeExtensionNode, IComplexTypeNode
{
    public InterfaceTypeExtensionNode(
        Location? location,
        NameNode name,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<NamedTypeNode> interfaces,
        IReadOnlyList<FieldDefinitionNode> fields)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(interfaces);
        ArgumentNullException.ThrowIfNull(fields);
        Location = location;
        Name = name;
        Directives = directives;
        Interfaces = interfaces;
        Fields = fields;
    }

    public SyntaxKind Kind => SyntaxKind.InterfaceTypeExtension;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<NamedTypeNode> Interfaces { get; }

    public IReadOnlyList<FieldDefinitionNode> Fields { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.ComplexType(null, Name, Interfaces, Directives, Fields);

    public InterfaceTypeExtensionNode WithLocation(Location? location) => new(location, Name, Directives, Interfaces, Fields);

    public InterfaceTypeExtensionNode WithName(NameNode name) => new(Location, name, Directives, Interfaces, Fields);

    public InterfaceTypeExtensionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, directives, Interfaces, Fields);

    public InterfaceTypeExtensionNode WithInterfaces(IReadOnlyList<NamedTypeNode> interfaces) => new(Location, Name, Directives, interfaces, Fields);

    public InterfaceTypeExtensionNode WithFields(IReadOnlyList<FieldDefinitionNode> fields) => new(Location, Name, Directives, Interfaces, fields);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A union extension: <c>extend union Name @dir = A | B</c>.</summary>
public sealed class UnionTypeExtensionNode : ITypeExtensionNode
{
    public UnionTypeExtensionNode(
        Location? location,
        NameNode name,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<NamedTypeNode> types)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(types);
        Location = location;
        Name = name;
        Directives = directives;
        Types = types;
    }

    public SyntaxKind Kind => SyntaxKind.UnionTypeExtension;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<NamedTypeNode> Types { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.Named(null, Name, Directives, Types);

    public UnionTypeExtensionNode WithLocation(Location? location) => new(location, Name, Directives, Types);

    public UnionTypeExtensionNode WithName(NameNode name) => new(Location, name, Directives, Types);

    public UnionTypeExtensionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, directives, Types);

    public UnionTypeExtensionNode WithTypes(IReadOnlyList<NamedTypeNode> types) => new(Location, Name, Directives, types);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An enum extension: <c>extend enum Name @dir { VALUES }</c>.</summary>
public sealed class EnumTypeExtensionNode : ITypeExtensionNode
{
    public EnumTypeExtensionNode(
        Location? location,
        NameNode name,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<EnumValueDefinitionNode> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(values);
        Location = location;
        Name = name;
        Directives = directives;
        Values = values;
    }

    public SyntaxKind Kind => SyntaxKind.EnumTypeExtension;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<EnumValueDefinitionNode> Values { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.Named(null, Name, Directives, Values);

    public EnumTypeExtensionNode WithLocation(Location? location) => new(location, Name, Directives, Values);

    public EnumTypeExtensionNode WithName(NameNode name) => new(Location, name, Directives, Values);

    public EnumTypeExtensionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, directives, Values);

    public EnumTypeExtensionNode WithValues(IReadOnlyList<EnumValueDefinitionNode> values) => new(Location, Name, Directives, values);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An input object extension: <c>extend input Name @dir { fields }</c>.</summary>
public sealed class InputObjectTypeExtensionNode : ITypeExtensionNode
{
    public InputObjectTypeExtensionNode(
        Location? location,
        NameNode name,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<InputValueDefinitionNode> fields)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(fields);
        Location = location;
        Name = name;
        Directives = directives;
        Fields = fields;
    }

    public SyntaxKind Kind => SyntaxKind.InputObjectTypeExtension;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<InputValueDefinitionNode> Fields { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.Named(null, Name, Directives, Fields);

    public InputObjectTypeExtensionNode WithLocation(Location? location) => new(location, Name, Directives, Fields);

    public InputObjectTypeExtensionNode WithName(NameNode name) => new(Location, name, Directives, Fields);

    public InputObjectTypeExtensionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, directives, Fields);

    public InputObjectTypeExtensionNode WithFields(IReadOnlyList<InputValueDefinitionNode> fields) => new(Location, Name, Directives, fields);

    public override string ToString() => Printer.Print(this);
}
