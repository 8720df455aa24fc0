using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>A directive applied to a type system member (<c>@key(fields: "id")</c>), with its definition.</summary>
public sealed class AppliedDirective : INamedMember
{
    /// <summary>Creates the applied directive.</summary>
    public AppliedDirective(DirectiveType definition, IReadOnlyList<ArgumentNode> arguments, DirectiveNode? syntaxNode = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(arguments);
        Definition = definition;
        Arguments = arguments;
        SyntaxNode = syntaxNode;
    }

    /// <summary>The directive's name (without <c>@</c>).</summary>
    public string Name => Definition.Name;

    /// <summary>The directive definition.</summary>
    public DirectiveType Definition { get; }

    /// <summary>The arguments as written (constant literals).</summary>
    public IReadOnlyList<ArgumentNode> Arguments { get; }

    /// <summary>Where the directive was applied, when it came from SDL.</summary>
    public DirectiveNode? SyntaxNode { get; }

    /// <summary>The literal given for argument <paramref name="name"/>, or its default value, or null.</summary>
    public IValueNode? GetArgumentLiteral(string name)
    {
        foreach (var argument in Arguments)
        {
            if (string.Equals(argument.Name.Value, name, StringComparison.Ordinal))
            {
                return argument.Value;
            }
        }
        return Definition.Arguments.TryGetField(name, out var definition) ? definition.DefaultValue : null;
    }

    /// <summary>The coerced value of argument <paramref name="name"/> (default applied), or null.</summary>
    public object? GetArgumentValue(string name)
    {
        if (!Definition.Arguments.TryGetField(name, out var definition))
        {
            throw new ArgumentException($"The directive @{Name} has no argument \"{name}\".", nameof(name));
        }
        var literal = GetArgumentLiteral(name);
        return literal is null ? null : InputCoercion.CoerceLiteral(literal, definition.Type, null);
    }

    /// <summary>The directive as a syntax node.</summary>
    public DirectiveNode ToSyntaxNode() => SyntaxNode ?? new DirectiveNode(null, new NameNode(Name), Arguments);

    public override string ToString() => ToSyntaxNode().Print();
}
