using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>A producer of type definitions (an SDL document; annotated classes and code-first descriptors).</summary>
public interface ITypeDefinitionSource
{
    /// <summary>Adds the source's definitions (and extensions) to <paramref name="context"/>.</summary>
    void Contribute(SchemaDefinitionContext context);
}

/// <summary>
/// The definitions collected from all sources before completion: named types in definition order, directive definitions,
/// the schema definition, and SDL extensions applied once every source has contributed.
/// </summary>
public sealed class SchemaDefinitionContext
{
    private readonly Dictionary<string, TypeDefinition> _typesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DirectiveDefinition> _directivesByName = new(StringComparer.Ordinal);

    /// <summary>The schema definition.</summary>
    public SchemaDefinition Schema { get; } = new();

    /// <summary>Whether a <c>schema { }</c> definition was seen.</summary>
    public bool HasSchemaDefinition { get; internal set; }

    /// <summary>The type definitions, in the order they were added.</summary>
    public List<TypeDefinition> Types { get; } = [];

    /// <summary>The directive definitions, in the order they were added.</summary>
    public List<DirectiveDefinition> Directives { get; } = [];

    /// <summary>Type extensions waiting for all definitions.</summary>
    public List<ITypeExtensionNode> TypeExtensions { get; } = [];

    /// <summary>Errors found while collecting; building fails with all of them.</summary>
    public List<SchemaError> Errors { get; } = [];

    /// <summary>Adds a type definition; a second one with the same name is an error.</summary>
    public void AddType(TypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_typesByName.TryGetValue(definition.Name, out var existing))
        {
            Errors.Add(new SchemaError($"There can be only one type named \"{definition.Name}\".", Nodes(existing.SyntaxNode, definition.SyntaxNode)));
            return;
        }
        _typesByName.Add(definition.Name, definition);
        Types.Add(definition);
    }

    /// <summary>Replaces or adds a type definition (used for built-in types that SDL redefines).</summary>
    public void AddOrReplaceType(TypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_typesByName.TryGetValue(definition.Name, out var existing))
        {
            Types[Types.IndexOf(existing)] = definition;
            _typesByName[definition.Name] = definition;
            return;
        }
        _typesByName.Add(definition.Name, definition);
        Types.Add(definition);
    }

    /// <summary>Looks a type definition up.</summary>
    public TypeDefinition? FindType(string name) => _typesByName.GetValueOrDefault(name);

    /// <summary>Adds a directive definition; a second one with the same name is an error.</summary>
    public void AddDirective(DirectiveDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_directivesByName.TryGetValue(definition.Name, out var existing))
        {
            Errors.Add(new SchemaError($"There can be only one directive named \"@{definition.Name}\".", Nodes(existing.SyntaxNode, definition.SyntaxNode)));
            return;
        }
        _directivesByName.Add(definition.Name, definition);
        Directives.Add(definition);
    }

    /// <summary>Looks a directive definition up.</summary>
    public DirectiveDefinition? FindDirective(string name) => _directivesByName.GetValueOrDefault(name);

    internal static ISyntaxNode[] Nodes(params ISyntaxNode?[] nodes) => nodes.Where(n => n is not null).ToArray()!;
}
