namespace Graph.GraphQL.Language;

/// <summary>A node of a GraphQL syntax tree. Nodes are immutable.</summary>
public interface ISyntaxNode
{
    /// <summary>What kind of node this is.</summary>
    SyntaxKind Kind { get; }

    /// <summary>Where the node sits in its source, or null when the parser skipped locations or the node was built in code.</summary>
    Location? Location { get; }

    /// <summary>The child nodes, in source order.</summary>
    IEnumerable<ISyntaxNode> GetNodes();
}

/// <summary>A top-level definition of a document.</summary>
public interface IDefinitionNode : ISyntaxNode;

/// <summary>An operation or a fragment definition.</summary>
public interface IExecutableDefinitionNode : IDefinitionNode, IHasDirectives, IHasDescription
{
    /// <summary>The selections of the definition.</summary>
    SelectionSetNode SelectionSet { get; }
}

/// <summary>A schema, type or directive definition.</summary>
public interface ITypeSystemDefinitionNode : IDefinitionNode;

/// <summary>A schema or type extension.</summary>
public interface ITypeSystemExtensionNode : IDefinitionNode;

/// <summary>A named type definition (scalar, object, interface, union, enum, input object).</summary>
public interface ITypeDefinitionNode : ITypeSystemDefinitionNode, INamedSyntaxNode, IHasDirectives, IHasDescription;

/// <summary>An extension of a named type.</summary>
public interface ITypeExtensionNode : ITypeSystemExtensionNode, INamedSyntaxNode, IHasDirectives;

/// <summary>A field, fragment spread or inline fragment.</summary>
public interface ISelectionNode : ISyntaxNode, IHasDirectives;

/// <summary>A value literal or a variable.</summary>
public interface IValueNode : ISyntaxNode
{
    /// <summary>
    /// The raw value: the source text for Int and Float, the decoded string for strings,
    /// the name for enum values and variables, a boolean, null, the item list of a list
    /// or the field list of an object.
    /// </summary>
    object? Value { get; }
}

/// <summary>A value node with a typed raw value.</summary>
public interface IValueNode<out T> : IValueNode
{
    /// <summary>The typed raw value.</summary>
    new T Value { get; }
}

/// <summary>A type reference: named, list or non-null.</summary>
public interface ITypeNode : ISyntaxNode;

/// <summary>A type reference that can be wrapped in non-null: named or list.</summary>
public interface INullableTypeNode : ITypeNode;

/// <summary>A node that has a name.</summary>
public interface INamedSyntaxNode : ISyntaxNode
{
    NameNode Name { get; }
}

/// <summary>A node that can carry directives.</summary>
public interface IHasDirectives : ISyntaxNode
{
    IReadOnlyList<DirectiveNode> Directives { get; }
}

/// <summary>A node that can carry a description.</summary>
public interface IHasDescription : ISyntaxNode
{
    StringValueNode? Description { get; }
}

/// <summary>An object or interface definition or extension: a node with implemented interfaces and fields.</summary>
public interface IComplexTypeNode : INamedSyntaxNode, IHasDirectives
{
    IReadOnlyList<NamedTypeNode> Interfaces { get; }

    IReadOnlyList<FieldDefinitionNode> Fields { get; }
}

/// <summary>A schema coordinate (<c>Type</c>, <c>Type.field</c>, <c>Type.field(arg:)</c>, <c>@directive</c>, <c>@directive(arg:)</c>).</summary>
public interface ISchemaCoordinateNode : ISyntaxNode
{
    /// <summary>The type or directive name the coordinate starts with.</summary>
    NameNode Name { get; }
}
