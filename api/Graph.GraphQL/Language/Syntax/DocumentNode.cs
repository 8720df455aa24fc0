namespace Graph.GraphQL.Language;

/// <summary>A GraphQL document: a list of definitions.</summary>
public sealed class DocumentNode : ISyntaxNode
{
    public DocumentNode(Location? location, IReadOnlyList<IDefinitionNode> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        Location = location;
        Definitions = definitions;
    }

    public DocumentNode(IReadOnlyList<IDefinitionNode> definitions) : this(null, definitions) { }

    public SyntaxKind Kind => SyntaxKind.Document;

    public Location? Location { get; }

    public IReadOnlyList<IDefinitionNode> Definitions { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        for (var i = 0; i < Definitions.Count; i++)
        {
            yield return Definitions[i];
        }
    }

    public DocumentNode WithLocation(Location? location) => new(location, Definitions);

    public DocumentNode WithDefinitions(IReadOnlyList<IDefinitionNode> definitions) => new(Location, definitions);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A name: <c>/[_A-Za-z][_0-9A-Za-z]*/</c>.</summary>
public sealed class NameNode : ISyntaxNode
{
    public NameNode(Location? location, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Location = location;
        Value = value;
    }

    public NameNode(string value) : this(null, value) { }

    public SyntaxKind Kind => SyntaxKind.Name;

    public Location? Location { get; }

    public string Value { get; }

    public IEnumerable<ISyntaxNode> GetNodes() => [];

    public NameNode WithLocation(Location? location) => new(location, Value);

    public override string ToString() => Value;
}

/// <summary>A directive use: <c>@name(arguments)</c>.</summary>
public sealed class DirectiveNode : INamedSyntaxNode
{
    public DirectiveNode(Location? location, NameNode name, IReadOnlyList<ArgumentNode> arguments)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        Location = location;
        Name = name;
        Arguments = arguments;
    }

    public DirectiveNode(string name, params ArgumentNode[] arguments) : this(null, new NameNode(name), arguments) { }

    public SyntaxKind Kind => SyntaxKind.Directive;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IReadOnlyList<ArgumentNode> Arguments { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
        for (var i = 0; i < Arguments.Count; i++)
        {
            yield return Arguments[i];
        }
    }

    public DirectiveNode WithLocation(Location? location) => new(location, Name, Arguments);

    public DirectiveNode WithName(NameNode name) => new(Location, name, Arguments);

    public DirectiveNode WithArguments(IReadOnlyList<ArgumentNode> arguments) => new(Location, Name, arguments);

    public override string ToString() => Printer.Print(this);
}
