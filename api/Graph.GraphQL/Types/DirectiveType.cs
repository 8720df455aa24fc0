using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>Where a directive may be applied (the spec's <c>DirectiveLocation</c>).</summary>
public enum DirectiveLocation
{
    Query,
    Mutation,
    Subscription,
    Field,
    FragmentDefinition,
    FragmentSpread,
    InlineFragment,
    VariableDefinition,
    Schema,
    Scalar,
    Object,
    FieldDefinition,
    ArgumentDefinition,
    Interface,
    Union,
    Enum,
    EnumValue,
    InputObject,
    InputFieldDefinition,
}

/// <summary>Conversions between <see cref="DirectiveLocation"/> and the spec's names (<c>FIELD_DEFINITION</c>).</summary>
public static class DirectiveLocationExtensions
{
    private static readonly string[] Names =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    /// <summary>The spec name of the location, e.g. <c>FIELD_DEFINITION</c>.</summary>
    public static string ToSpecName(this DirectiveLocation location) => Names[(int)location];

    /// <summary>Parses a spec name such as <c>INLINE_FRAGMENT</c>.</summary>
    public static bool TryParse(string name, out DirectiveLocation location)
    {
        var index = Array.IndexOf(Names, name);
        location = (DirectiveLocation)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>Whether the location is in an executable document (as opposed to the type system).</summary>
    public static bool IsExecutable(this DirectiveLocation location) => location <= DirectiveLocation.VariableDefinition;
}

/// <summary>A directive definition: <c>directive @name(args) repeatable on LOCATIONS</c>.</summary>
public sealed class DirectiveType : INamedMember
{
    private readonly int _locationFlags;

    internal DirectiveType(string name, string? description, bool isRepeatable, IReadOnlyList<DirectiveLocation> locations, DirectiveDefinitionNode? syntaxNode)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Description = description;
        IsRepeatable = isRepeatable;
        Locations = locations;
        SyntaxNode = syntaxNode;
        foreach (var location in locations)
        {
            _locationFlags |= 1 << (int)location;
        }
    }

    /// <summary>The name, without <c>@</c>.</summary>
    public string Name { get; }

    public string? Description { get; }

    /// <summary>Whether the directive may be applied more than once at one location.</summary>
    public bool IsRepeatable { get; }

    /// <summary>The locations, in definition order.</summary>
    public IReadOnlyList<DirectiveLocation> Locations { get; }

    public FieldCollection<Argument> Arguments { get; internal set; } = FieldCollection<Argument>.Empty;

    /// <summary>The definition this directive was built from, when it came from SDL.</summary>
    public DirectiveDefinitionNode? SyntaxNode { get; }

    /// <summary>Whether the directive is one of the spec's: skip, include, deprecated, specifiedBy, oneOf.</summary>
    public bool IsSpecifiedDirective => BuiltInDirectives.IsSpecifiedDirectiveName(Name);

    /// <summary>Whether the directive may be used in executable documents.</summary>
    public bool IsExecutable
    {
        get
        {
            foreach (var location in Locations)
            {
                if (location.IsExecutable())
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>Whether the directive may be applied at <paramref name="location"/>.</summary>
    public bool IsAllowedAt(DirectiveLocation location) => (_locationFlags & (1 << (int)location)) != 0;

    public override string ToString() => "@" + Name;
}
