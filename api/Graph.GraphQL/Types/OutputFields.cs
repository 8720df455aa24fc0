using System.Collections.Frozen;
using System.Reflection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types;

/// <summary>The shared state of object and interface fields.</summary>
public abstract class OutputFieldBase : IOutputField
{
    private protected OutputFieldBase(string name, string? description, FieldDefinitionNode? syntaxNode)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Description = description;
        SyntaxNode = syntaxNode;
    }

    public string Name { get; }

    public string? Description { get; }

    public IOutputType Type { get; internal set; } = null!;

    public FieldCollection<Argument> Arguments { get; internal set; } = FieldCollection<Argument>.Empty;

    IFieldCollection<Argument> IOutputField.Arguments => Arguments;

    public abstract IComplexOutputType DeclaringType { get; }

    public bool IsDeprecated => DeprecationReason is not null;

    public string? DeprecationReason { get; internal set; }

    public IReadOnlyList<AppliedDirective> Directives { get; internal set; } = [];

    public IReadOnlyDictionary<string, object?> ContextData { get; internal set; } = FrozenDictionary<string, object?>.Empty;

    public FieldDefinitionNode? SyntaxNode { get; }

    public string Coordinate => DeclaringType.Name + "." + Name;

    public override string ToString() => Coordinate;
}

/// <summary>A field of an object type, with the resolver that produces its value.</summary>
public sealed class ObjectField : OutputFieldBase
{
    internal ObjectField(ObjectType declaringType, string name, string? description, FieldDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
        DeclaringType = declaringType;
    }

    /// <summary>The object type that declares the field.</summary>
    public override ObjectType DeclaringType { get; }

    /// <summary>Produces the field's value. Never null once the schema is built.</summary>
    public FieldResolverDelegate Resolver { get; internal set; } = null!;

    /// <summary>
    /// A synchronous resolver without side effects, when the field has one (default property resolvers, introspection):
    /// the executor may call it instead of <see cref="Resolver"/> to skip the <see cref="ValueTask"/> machinery.
    /// </summary>
    public PureFieldResolverDelegate? PureResolver { get; internal set; }

    /// <summary>For root fields of the subscription type: creates the source event stream.</summary>
    public SubscribeResolverDelegate? SubscribeResolver { get; internal set; }

    /// <summary>
    /// The CLR member the field stands for, if any: the property or method it was inferred from, or the member of the
    /// runtime type a <see cref="BindMemberAttribute"/> binds it to (what projections load).
    /// </summary>
    public MemberInfo? Member { get; internal set; }

    /// <summary>The member the resolver was compiled from when it is not <see cref="Member"/> (<see cref="BindMemberAttribute"/>), else null.</summary>
    public MemberInfo? ResolverMember { get; internal set; }

    /// <summary>
    /// True for the introspection meta fields <c>__schema</c>, <c>__type</c> and <c>__typename</c> (see <see cref="ISchema.TypeNameField"/>).
    /// They belong to no type; their <see cref="DeclaringType"/> is <c>__Schema</c> only so that the model stays uniform,
    /// and their resolvers read the parent type from <see cref="IResolverContext.ObjectType"/>.
    /// </summary>
    public bool IsIntrospectionField { get; internal init; }

    /// <summary>The <c>@authorize</c> directives in force on the field, when the schema enforces authorization and it has some.</summary>
    internal Authorization.FieldAuthorization? Authorization { get; set; }
}

/// <summary>A field of an interface type.</summary>
public sealed class InterfaceField : OutputFieldBase
{
    internal InterfaceField(InterfaceType declaringType, string name, string? description, FieldDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
        DeclaringType = declaringType;
    }

    /// <summary>The interface type that declares the field.</summary>
    public override InterfaceType DeclaringType { get; }
}
