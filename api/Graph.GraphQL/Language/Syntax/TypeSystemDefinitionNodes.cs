namespace Graph.GraphQL.Language;

/// <summary>A schema definition: <c>schema @dir { query: Query ... }</c>.</summary>
public sealed class SchemaDefinitionNode : ITypeSystemDefinitionNode, IHasDirectives, IHasDescription
{
    public SchemaDefinitionNode(
        Location? location,
        StringValueNode? description,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<OperationTypeDefinitionNode> operationTypes)
    {
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(operationTypes);
        Location = location;
        Description = description;
        Directives = directives;
        OperationTypes = operationTypes;
    }

    public SyntaxKind Kind => SyntaxKind.SchemaDefinition;

    public Location? Location { get; }

    public StringValueNode? Description { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        if (Description is not null)
        {
            yield return Description;
        }
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
        for (var i = 0; i < OperationTypes.Count; i++)
        {
            yield return OperationTypes[i];
        }
    }

    public SchemaDefinitionNode WithLocation(Location? location) => new(location, Description, Directives, OperationTypes);

    public SchemaDefinitionNode WithDescription(StringValueNode? description) => new(Location, description, Directives, OperationTypes);

    public SchemaDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Description, directives, OperationTypes);

    public SchemaDefinitionNode WithOperationTypes(IReadOnlyList<OperationTypeDefinitionNode> operationTypes) => new(Location, Description, Directives, operationTypes);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A root operation type of a schema: <c>query: Query</c>.</summary>
public sealed class OperationTypeDefinitionNode : ISyntaxNode
{
    public OperationTypeDefinitionNode(Location? location, OperationType operation, NamedTypeNode type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Location = location;
        Operation = operation;
        Type = type;
    }

    public SyntaxKind Kind => SyntaxKind.OperationTypeDefinition;

    public Location? Location { get; }

    public OperationType Operation { get; }

    public NamedTypeNode Type { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Type;
    }

    public OperationTypeDefinitionNode WithLocation(Location? location) => new(location, Operation, Type);

    public OperationTypeDefinitionNode WithType(NamedTypeNode type) => new(Location, Operation, type);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A scalar definition: <c>scalar Name @dir</c>.</summary>
public sealed class ScalarTypeDefinitionNode : ITypeDefinitionNode
{
    public ScalarTypeDefinitionNode(Location? location, NameNode name, StringValueNode? description, IReadOnlyList<DirectiveNode> directives)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        Location = location;
        Name = name;
        Description = description;
        Directives = directives;
    }

    public SyntaxKind Kind => SyntaxKind.ScalarTypeDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        if (Description is not null)
        {
            yield return Description;
        }
        yield return Name;
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
    }

    public ScalarTypeDefinitionNode WithLocation(Location? location) => new(location, Name, Description, Directives);

    public ScalarTypeDefinitionNode WithName(NameNode name) => new(Location, name, Description, Directives);

    public ScalarTypeDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, Directives);

    public ScalarTypeDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, directives);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An object type definition: <c>type Name implements A &amp; B @dir { fields }</c>.</summary>
public sealed class ObjectTypeDefinitionNode : ITypeDefinitionNode, IComplexTypeNode
{
    public ObjectTypeDefinitionNode(
        Location? location,
        NameNode name,
        StringValueNode? description,
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
        Description = description;
        Directives = directives;
        Interfaces = interfaces;
        Fields = fields;
    }

    public SyntaxKind Kind => SyntaxKind.ObjectTypeDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<NamedTypeNode> Interfaces { get; }

    public IReadOnlyList<FieldDefinitionNode> Fields { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.ComplexType(Description, Name, Interfaces, Directives, Fields);

    public ObjectTypeDefinitionNode WithLocation(Location? location) => new(location, Name, Description, Directives, Interfaces, Fields);

    public ObjectTypeDefinitionNode WithName(NameNode name) => new(Location, name, Description, Directives, Interfaces, Fields);

    public ObjectTypeDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, Directives, Interfaces, Fields);

    public ObjectTypeDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, directives, Interfaces, Fields);

    public ObjectTypeDefinitionNode WithInterfaces(IReadOnlyList<NamedTypeNode> interfaces) => new(Location, Name, Description, Directives, interfaces, Fields);

    public ObjectTypeDefinitionNode WithFields(IReadOnlyList<FieldDefinitionNode> fields) => new(Location, Name, Description, Directives, Interfaces, fields);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A field definition: <c>name(arguments): Type @dir</c>.</summary>
public sealed class FieldDefinitionNode : INamedSyntaxNode, IHasDirectives, IHasDescription
{
    public FieldDefinitionNode(
        Location? location,
        NameNode name,
        StringValueNode? description,
        IReadOnlyList<InputValueDefinitionNode> arguments,
        ITypeNode type,
        IReadOnlyList<DirectiveNode> directives)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(directives);
        Location = location;
        Name = name;
        Description = description;
        Arguments = arguments;
        Type = type;
        Directives = directives;
    }

    public SyntaxKind Kind => SyntaxKind.FieldDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; }

    public ITypeNode Type { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        if (Description is not null)
        {
            yield return Description;
        }
        yield return Name;
        for (var i = 0; i < Arguments.Count; i++)
        {
            yield return Arguments[i];
        }
        yield return Type;
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
    }

    public FieldDefinitionNode WithLocation(Location? location) => new(location, Name, Description, Arguments, Type, Directives);

    public FieldDefinitionNode WithName(NameNode name) => new(Location, name, Description, Arguments, Type, Directives);

    public FieldDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, Arguments, Type, Directives);

    public FieldDefinitionNode WithArguments(IReadOnlyList<InputValueDefinitionNode> arguments) => new(Location, Name, Description, arguments, Type, Directives);

    public FieldDefinitionNode WithType(ITypeNode type) => new(Location, Name, Description, Arguments, type, Directives);

    public FieldDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, Arguments, Type, directives);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An argument or input field definition: <c>name: Type = default @dir</c>.</summary>
public sealed class InputValueDefinitionNode : INamedSyntaxNode, IHasDirectives, IHasDescription
{
    public InputValueDefinitionNode(
        Location? location,
        NameNode name,
        StringValueNode? description,
        ITypeNode type,
        IValueNode? defaultValue,
        IReadOnlyList<DirectiveNode> directives)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(directives);
        Location = location;
        Name = name;
        Description = description;
        Type = type;
        DefaultValue = defaultValue;
        Directives = directives;
    }

    public SyntaxKind Kind => SyntaxKind.InputValueDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    public ITypeNode Type { get; }

    /// <summary>The default value (a constant); null when there is none.</summary>
    public IValueNode? DefaultValue { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        if (Description is not null)
        {
            yield return Description;
        }
        yield return Name;
        yield return Type;
        if (DefaultValue is not null)
        {
            yield return DefaultValue;
        }
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
    }

    public InputValueDefinitionNode WithLocation(Location? location) => new(location, Name, Description, Type, DefaultValue, Directives);

    public InputValueDefinitionNode WithName(NameNode name) => new(Location, name, Description, Type, DefaultValue, Directives);

    public InputValueDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, Type, DefaultValue, Directives);

    public InputValueDefinitionNode WithType(ITypeNode type) => new(Location, Name, Description, type, DefaultValue, Directives);

    public InputValueDefinitionNode WithDefaultValue(IValueNode? defaultValue) => new(Location, Name, Description, Type, defaultValue, Directives);

    public InputValueDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, Type, DefaultValue, directives);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An interface definition: <c>interface Name implements A &amp; B @dir { fields }</c>.</summary>
public sealed class InterfaceTypeDefinitionNode : ITypeDefinitionNode, IComplexTypeNode
{
    public InterfaceTypeDefinitionNode(
        Location? location,
        NameNode name,
        StringValueNode? description,
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
        Description = description;
        Directives = directives;
        Interfaces = interfaces;
        Fields = fields;
    }

    public SyntaxKind Kind => SyntaxKind.InterfaceTypeDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<NamedTypeNode> Interfaces { get; }

    public IReadOnlyList<FieldDefinitionNode> Fields { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.ComplexType(Description, Name, Interfaces, Directives, Fields);

    public InterfaceTypeDefinitionNode WithLocation(Location? location) => new(location, Name, Description, Directives, Interfaces, Fields);

    public InterfaceTypeDefinitionNode WithName(NameNode name) => new(Location, name, Description, Directives, Interfaces, Fields);

    public InterfaceTypeDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, Directives, Interfaces, Fields);

    public InterfaceTypeDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, directives, Interfaces, Fields);

    public InterfaceTypeDefinitionNode WithInterfaces(IReadOnlyList<NamedTypeNode> interfaces) => new(Location, Name, Description, Directives, interfaces, Fields);

    public InterfaceTypeDefinitionNode WithFields(IReadOnlyList<FieldDefinitionNode> fields) => new(Location, Name, Description, Directives, Interfaces, fields);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A union definition: <c>union Name @dir = A | B</c>.</summary>
public sealed class UnionTypeDefinitionNode : ITypeDefinitionNode
{
    public UnionTypeDefinitionNode(
        Location? location,
        NameNode name,
        StringValueNode? description,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<NamedTypeNode> types)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(types);
        Location = location;
        Name = name;
        Description = description;
        Directives = directives;
        Types = types;
    }

    public SyntaxKind Kind => SyntaxKind.UnionTypeDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    /// <summary>The member types.</summary>
    public IReadOnlyList<NamedTypeNode> Types { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.Named(Description, Name, Directives, Types);

    public UnionTypeDefinitionNode WithLocation(Location? location) => new(location, Name, Description, Directives, Types);

    public UnionTypeDefinitionNode WithName(NameNode name) => new(Location, name, Description, Directives, Types);

    public UnionTypeDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, Directives, Types);

    public UnionTypeDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, directives, Types);

    public UnionTypeDefinitionNode WithTypes(IReadOnlyList<NamedTypeNode> types) => new(Location, Name, Description, Directives, types);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An enum definition: <c>enum Name @dir { VALUES }</c>.</summary>
public sealed class EnumTypeDefinitionNode : ITypeDefinitionNode
{
    public EnumTypeDefinitionNode(
        Location? location,
        NameNode name,
        StringValueNode? description,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<EnumValueDefinitionNode> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(values);
        Location = location;
        Name = name;
        Description = description;
        Directives = directives;
        Values = values;
    }

    public SyntaxKind Kind => SyntaxKind.EnumTypeDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<EnumValueDefinitionNode> Values { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.Named(Description, Name, Directives, Values);

    public EnumTypeDefinitionNode WithLocation(Location? location) => new(location, Name, Description, Directives, Values);

    public EnumTypeDefinitionNode WithName(NameNode name) => new(Location, name, Description, Directives, Values);

    public EnumTypeDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, Directives, Values);

    public EnumTypeDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, directives, Values);

    public EnumTypeDefinitionNode WithValues(IReadOnlyList<EnumValueDefinitionNode> values) => new(Location, Name, Description, Directives, values);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An enum value definition: <c>VALUE @dir</c>.</summary>
public sealed class EnumValueDefinitionNode : INamedSyntaxNode, IHasDirectives, IHasDescription
{
    public EnumValueDefinitionNode(Location? location, NameNode name, StringValueNode? description, IReadOnlyList<DirectiveNode> directives)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        Location = location;
        Name = name;
        Description = description;
        Directives = directives;
    }

    public SyntaxKind Kind => SyntaxKind.EnumValueDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.Named<ISyntaxNode>(Description, Name, Directives, []);

    public EnumValueDefinitionNode WithLocation(Location? location) => new(location, Name, Description, Directives);

    public EnumValueDefinitionNode WithName(NameNode name) => new(Location, name, Description, Directives);

    public EnumValueDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, Directives);

    public EnumValueDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, directives);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An input object definition: <c>input Name @dir { fields }</c>.</summary>
public sealed class InputObjectTypeDefinitionNode : ITypeDefinitionNode
{
    public InputObjectTypeDefinitionNode(
        Location? location,
        NameNode name,
        StringValueNode? description,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<InputValueDefinitionNode> fields)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(fields);
        Location = location;
        Name = name;
        Description = description;
        Directives = directives;
        Fields = fields;
    }

    public SyntaxKind Kind => SyntaxKind.InputObjectTypeDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IReadOnlyList<InputValueDefinitionNode> Fields { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => SyntaxNodeEnumerables.Named(Description, Name, Directives, Fields);

    public InputObjectTypeDefinitionNode WithLocation(Location? location) => new(location, Name, Description, Directives, Fields);

    public InputObjectTypeDefinitionNode WithName(NameNode name) => new(Location, name, Description, Directives, Fields);

    public InputObjectTypeDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, Directives, Fields);

    public InputObjectTypeDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, directives, Fields);

    public InputObjectTypeDefinitionNode WithFields(IReadOnlyList<InputValueDefinitionNode> fields) => new(Location, Name, Description, Directives, fields);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A directive definition: <c>directive @name(arguments) repeatable on LOCATION | LOCATION</c>.</summary>
public sealed class DirectiveDefinitionNode : ITypeSystemDefinitionNode, INamedSyntaxNode, IHasDescription
{
    public DirectiveDefinitionNode(
        Location? location,
        NameNode name,
        StringValueNode? description,
        bool isRepeatable,
        IReadOnlyList<InputValueDefinitionNode> arguments,
        IReadOnlyList<NameNode> locations)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(locations);
        Location = location;
        Name = name;
        Description = description;
        IsRepeatable = isRepeatable;
        Arguments = arguments;
        Locations = locations;
    }

    public SyntaxKind Kind => SyntaxKind.DirectiveDefinition;

    public Location? Location { get; }

    /// <summary>The directive name (without <c>@</c>).</summary>
    public NameNode Name { get; }

    public StringValueNode? Description { get; }

    /// <summary>True when declared <c>repeatable</c>.</summary>
    public bool IsRepeatable { get; }

    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; }

    /// <summary>The locations, as names (e.g. <c>FIELD_DEFINITION</c>); the parser only accepts the spec's locations.</summary>
    public IReadOnlyList<NameNode> Locations { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        if (Description is not null)
        {
            yield return Description;
        }
        yield return Name;
        for (var i = 0; i < Arguments.Count; i++)
        {
            yield return Arguments[i];
        }
        for (var i = 0; i < Locations.Count; i++)
        {
            yield return Locations[i];
        }
    }

    public DirectiveDefinitionNode WithLocation(Location? location) => new(location, Name, Description, IsRepeatable, Arguments, Locations);

    public DirectiveDefinitionNode WithName(NameNode name) => new(Location, name, Description, IsRepeatable, Arguments, Locations);

    public DirectiveDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, IsRepeatable, Arguments, Locations);

    public DirectiveDefinitionNode WithRepeatable(bool isRepeatable) => new(Location, Name, Description, isRepeatable, Arguments, Locations);

    public DirectiveDefinitionNode WithArguments(IReadOnlyList<InputValueDefinitionNode> arguments) => new(Location, Name, Description, IsRepeatable, arguments, Locations);

    public DirectiveDefinitionNode WithLocations(IReadOnlyList<NameNode> locations) => new(Location, Name, Description, IsRepeatable, Arguments, locations);

    public override string ToString() => Printer.Print(this);
}

/// <summary>Child enumerations shared by several node classes.</summary>
internal static class SyntaxNodeEnumerables
{
    public static IEnumerable<ISyntaxNode> ComplexType(
        StringValueNode? description,
        NameNode name,
        IReadOnlyList<NamedTypeNode> interfaces,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<FieldDefinitionNode> fields)
    {
        if (description is not null)
        {
            yield return description;
        }
        yield return name;
        for (var i = 0; i < interfaces.Count; i++)
        {
            yield return interfaces[i];
        }
        for (var i = 0; i < directives.Count; i++)
        {
            yield return directives[i];
        }
        for (var i = 0; i < fields.Count; i++)
        {
            yield return fields[i];
        }
    }

    public static IEnumerable<ISyntaxNode> Named<T>(
        StringValueNode? description,
        NameNode name,
        IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<T> members)
        where T : ISyntaxNode
    {
        if (description is not null)
        {
            yield return description;
        }
        yield return name;
        for (var i = 0; i < directives.Count; i++)
        {
            yield return directives[i];
        }
        for (var i = 0; i < members.Count; i++)
        {
            yield return members[i];
        }
    }
}
