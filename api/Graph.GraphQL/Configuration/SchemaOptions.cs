using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>Options for building types from annotated classes and descriptors (see <see cref="SchemaBuilder.ModifyOptions"/>).</summary>
public sealed class SchemaOptions
{
    /// <summary>Whether the members of CLR types become fields unless ignored (the default) or only when declared with a descriptor.</summary>
    public BindingBehavior DefaultBindingBehavior { get; set; } = BindingBehavior.Implicit;

    /// <summary>Whether descriptions are read from the XML documentation file next to an assembly (default true).</summary>
    public bool UseXmlDocumentation { get; set; } = true;

    /// <summary>Library bindings of resolver parameters (a DbContext per resolver, ...), asked before the built-in rules.</summary>
    public IList<ResolverParameterBinding> ParameterBindings { get; } = [];

    /// <summary>Settings of libraries (sorting, projections, ...), which their descriptor attributes read while the schema is built.</summary>
    public IDictionary<string, object?> ContextData { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
