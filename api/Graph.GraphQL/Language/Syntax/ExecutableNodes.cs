namespace Graph.GraphQL.Language;

/// <summary>An operation: <c>query Name($var: Type) @dir { ... }</c> or the shorthand <c>{ ... }</c>.</summary>
public sealed class OperationDefinitionNode : IExecutableDefinitionNode
{
    public OperationDefinitionNode(
        Location? location,
        NameNode? name,
        StringValueNode? description,
        OperationType operation,
        IReadOnlyList<VariableDefinitionNode> variableDefinitions,
        IReadOnlyList<DirectiveNode> directives,
        SelectionSetNode selectionSet)
    {
        ArgumentNullException.ThrowIfNull(variableDefinitions);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(selectionSet);
        Location = location;
        Name = name;
        Description = description;
        Operation = operation;
        VariableDefinitions = variableDefinitions;
        Directives = directives;
        SelectionSet = selectionSet;
    }

    public SyntaxKind Kind => SyntaxKind.OperationDefinition;

    public Location? Location { get; }

    /// <summary>The operation name; null for an anonymous operation.</summary>
    public NameNode? Name { get; }

    /// <summary>The description (allowed by the current working draft); null when absent.</summary>
    public StringValueNode? Description { get; }

    public OperationType Operation { get; }

    public IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public SelectionSetNode SelectionSet { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        if (Description is not null)
        {
            yield return Description;
        }
        if (Name is not null)
        {
            yield return Name;
        }
        for (var i = 0; i < VariableDefinitions.Count; i++)
        {
            yield return VariableDefinitions[i];
        }
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
        yield return SelectionSet;
    }

    public OperationDefinitionNode WithLocation(Location? location) =>
        new(location, Name, Description, Operation, VariableDefinitions, Directives, SelectionSet);

    public OperationDefinitionNode WithName(NameNode? name) =>
        new(Location, name, Description, Operation, VariableDefinitions, Directives, SelectionSet);

    public OperationDefinitionNode WithDescription(StringValueNode? description) =>
        new(Location, Name, description, Operation, VariableDefinitions, Directives, SelectionSet);

    public OperationDefinitionNode WithOperation(OperationType operation) =>
        new(Location, Name, Description, operation, VariableDefinitions, Directives, SelectionSet);

    public OperationDefinitionNode WithVariableDefinitions(IReadOnlyList<VariableDefinitionNode> variableDefinitions) =>
        new(Location, Name, Description, Operation, variableDefinitions, Directives, SelectionSet);

    public OperationDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) =>
        new(Location, Name, Description, Operation, VariableDefinitions, directives, SelectionSet);

    public OperationDefinitionNode WithSelectionSet(SelectionSetNode selectionSet) =>
        new(Location, Name, Description, Operation, VariableDefinitions, Directives, selectionSet);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A variable definition: <c>$name: Type = default @dir</c>.</summary>
public sealed class VariableDefinitionNode : IHasDirectives, IHasDescription
{
    public VariableDefinitionNode(
        Location? location,
        VariableNode variable,
        StringValueNode? description,
        ITypeNode type,
        IValueNode? defaultValue,
        IReadOnlyList<DirectiveNode> directives)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(directives);
        Location = location;
        Variable = variable;
        Description = description;
        Type = type;
        DefaultValue = defaultValue;
        Directives = directives;
    }

    public SyntaxKind Kind => SyntaxKind.VariableDefinition;

    public Location? Location { get; }

    public VariableNode Variable { get; }

    /// <summary>The description (allowed by the current working draft); null when absent.</summary>
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
        yield return Variable;
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

    public VariableDefinitionNode WithLocation(Location? location) => new(location, Variable, Description, Type, DefaultValue, Directives);

    public VariableDefinitionNode WithVariable(VariableNode variable) => new(Location, variable, Description, Type, DefaultValue, Directives);

    public VariableDefinitionNode WithDescription(StringValueNode? description) => new(Location, Variable, description, Type, DefaultValue, Directives);

    public VariableDefinitionNode WithType(ITypeNode type) => new(Location, Variable, Description, type, DefaultValue, Directives);

    public VariableDefinitionNode WithDefaultValue(IValueNode? defaultValue) => new(Location, Variable, Description, Type, defaultValue, Directives);

    public VariableDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Variable, Description, Type, DefaultValue, directives);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A selection set: <c>{ selection+ }</c>.</summary>
public sealed class SelectionSetNode : ISyntaxNode
{
    public SelectionSetNode(Location? location, IReadOnlyList<ISelectionNode> selections)
    {
        ArgumentNullException.ThrowIfNull(selections);
        Location = location;
        Selections = selections;
    }

    public SelectionSetNode(IReadOnlyList<ISelectionNode> selections) : this(null, selections) { }

    public SyntaxKind Kind => SyntaxKind.SelectionSet;

    public Location? Location { get; }

    public IReadOnlyList<ISelectionNode> Selections { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        for (var i = 0; i < Selections.Count; i++)
        {
            yield return Selections[i];
        }
    }

    public SelectionSetNode WithLocation(Location? location) => new(location, Selections);

    public SelectionSetNode WithSelections(IReadOnlyList<ISelectionNode> selections) => new(Location, selections);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A field selection: <c>alias: name(arguments) @dir { ... }</c>.</summary>
public sealed class FieldNode : ISelectionNode, INamedSyntaxNode
{
    public FieldNode(
        Location? location,
        NameNode? alias,
        NameNode name,
        IReadOnlyList<ArgumentNode> arguments,
        IReadOnlyList<DirectiveNode> directives,
        SelectionSetNode? selectionSet)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(directives);
        Location = location;
        Alias = alias;
        Name = name;
        Arguments = arguments;
        Directives = directives;
        SelectionSet = selectionSet;
    }

    public SyntaxKind Kind => SyntaxKind.Field;

    public Location? Location { get; }

    /// <summary>The alias; null when the field is not aliased.</summary>
    public NameNode? Alias { get; }

    public NameNode Name { get; }

    /// <summary>The key of the field in the response: the alias if present, else the name.</summary>
    public string ResponseName => Alias?.Value ?? Name.Value;

    public IReadOnlyList<ArgumentNode> Arguments { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    /// <summary>The sub-selections; null for a leaf field.</summary>
    public SelectionSetNode? SelectionSet { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        if (Alias is not null)
        {
            yield return Alias;
        }
        yield return Name;
        for (var i = 0; i < Arguments.Count; i++)
        {
            yield return Arguments[i];
        }
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
        if (SelectionSet is not null)
        {
            yield return SelectionSet;
        }
    }

    public FieldNode WithLocation(Location? location) => new(location, Alias, Name, Arguments, Directives, SelectionSet);

    public FieldNode WithAlias(NameNode? alias) => new(Location, alias, Name, Arguments, Directives, SelectionSet);

    public FieldNode WithName(NameNode name) => new(Location, Alias, name, Arguments, Directives, SelectionSet);

    public FieldNode WithArguments(IReadOnlyList<ArgumentNode> arguments) => new(Location, Alias, Name, arguments, Directives, SelectionSet);

    public FieldNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Alias, Name, Arguments, directives, SelectionSet);

    public FieldNode WithSelectionSet(SelectionSetNode? selectionSet) => new(Location, Alias, Name, Arguments, Directives, selectionSet);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An argument: <c>name: value</c>.</summary>
public sealed class ArgumentNode : INamedSyntaxNode
{
    public ArgumentNode(Location? location, NameNode name, IValueNode value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Location = location;
        Name = name;
        Value = value;
    }

    public ArgumentNode(string name, IValueNode value) : this(null, new NameNode(name), value) { }

    public SyntaxKind Kind => SyntaxKind.Argument;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IValueNode Value { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
        yield return Value;
    }

    public ArgumentNode WithLocation(Location? location) => new(location, Name, Value);

    public ArgumentNode WithName(NameNode name) => new(Location, name, Value);

    public ArgumentNode WithValue(IValueNode value) => new(Location, Name, value);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A fragment spread: <c>...Name @dir</c>.</summary>
public sealed class FragmentSpreadNode : ISelectionNode, INamedSyntaxNode
{
    public FragmentSpreadNode(Location? location, NameNode name, IReadOnlyList<DirectiveNode> directives)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(directives);
        Location = location;
        Name = name;
        Directives = directives;
    }

    public SyntaxKind Kind => SyntaxKind.FragmentSpread;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
    }

    public FragmentSpreadNode WithLocation(Location? location) => new(location, Name, Directives);

    public FragmentSpreadNode WithName(NameNode name) => new(Location, name, Directives);

    public FragmentSpreadNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, directives);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An inline fragment: <c>... on Type @dir { ... }</c> (the type condition is optional).</summary>
public sealed class InlineFragmentNode : ISelectionNode
{
    public InlineFragmentNode(
        Location? location,
        NamedTypeNode? typeCondition,
        IReadOnlyList<DirectiveNode> directives,
        SelectionSetNode selectionSet)
    {
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(selectionSet);
        Location = location;
        TypeCondition = typeCondition;
        Directives = directives;
        SelectionSet = selectionSet;
    }

    public SyntaxKind Kind => SyntaxKind.InlineFragment;

    public Location? Location { get; }

    /// <summary>The type condition; null when the fragment has none.</summary>
    public NamedTypeNode? TypeCondition { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public SelectionSetNode SelectionSet { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        if (TypeCondition is not null)
        {
            yield return TypeCondition;
        }
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
        yield return SelectionSet;
    }

    public InlineFragmentNode WithLocation(Location? location) => new(location, TypeCondition, Directives, SelectionSet);

    public InlineFragmentNode WithTypeCondition(NamedTypeNode? typeCondition) => new(Location, typeCondition, Directives, SelectionSet);

    public InlineFragmentNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, TypeCondition, directives, SelectionSet);

    public InlineFragmentNode WithSelectionSet(SelectionSetNode selectionSet) => new(Location, TypeCondition, Directives, selectionSet);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A fragment definition: <c>fragment Name on Type @dir { ... }</c>.</summary>
public sealed class FragmentDefinitionNode : IExecutableDefinitionNode, INamedSyntaxNode
{
    public FragmentDefinitionNode(
        Location? location,
        NameNode name,
        StringValueNode? description,
        NamedTypeNode typeCondition,
        IReadOnlyList<DirectiveNode> directives,
        SelectionSetNode selectionSet)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(typeCondition);
        ArgumentNullException.ThrowIfNull(directives);
        ArgumentNullException.ThrowIfNull(selectionSet);
        Location = location;
        Name = name;
        Description = description;
        TypeCondition = typeCondition;
        Directives = directives;
        SelectionSet = selectionSet;
    }

    public SyntaxKind Kind => SyntaxKind.FragmentDefinition;

    public Location? Location { get; }

    public NameNode Name { get; }

    /// <summary>The description (allowed by the current working draft); null when absent.</summary>
    public StringValueNode? Description { get; }

    public NamedTypeNode TypeCondition { get; }

    public IReadOnlyList<DirectiveNode> Directives { get; }

    public SelectionSetNode SelectionSet { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        if (Description is not null)
        {
            yield return Description;
        }
        yield return Name;
        yield return TypeCondition;
        for (var i = 0; i < Directives.Count; i++)
        {
            yield return Directives[i];
        }
        yield return SelectionSet;
    }

    public FragmentDefinitionNode WithLocation(Location? location) => new(location, Name, Description, TypeCondition, Directives, SelectionSet);

    public FragmentDefinitionNode WithName(NameNode name) => new(Location, name, Description, TypeCondition, Directives, SelectionSet);

    public FragmentDefinitionNode WithDescription(StringValueNode? description) => new(Location, Name, description, TypeCondition, Directives, SelectionSet);

    public FragmentDefinitionNode WithTypeCondition(NamedTypeNode typeCondition) => new(Location, Name, Description, typeCondition, Directives, SelectionSet);

    public FragmentDefinitionNode WithDirectives(IReadOnlyList<DirectiveNode> directives) => new(Location, Name, Description, TypeCondition, directives, SelectionSet);

    public FragmentDefinitionNode WithSelectionSet(SelectionSetNode selectionSet) => new(Location, Name, Description, TypeCondition, Directives, selectionSet);

    public override string ToString() => Printer.Print(this);
}
