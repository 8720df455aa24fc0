using System.Collections.Frozen;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>The shared state of arguments and input fields.</summary>
public abstract class InputValueBase : INamedMember, IHasAppliedDirectives
{
    private object? _coercedDefaultValue;
    private DefaultState _defaultState;

    private protected InputValueBase(string name, string? description, InputValueDefinitionNode? syntaxNode)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Description = description;
        SyntaxNode = syntaxNode;
    }

    public string Name { get; }

    public string? Description { get; }

    /// <summary>The input type of the value.</summary>
    public IInputType Type { get; internal set; } = null!;

    /// <summary>The default value literal, or null when there is none (a <c>null</c> default is a <see cref="NullValueNode"/>).</summary>
    public IValueNode? DefaultValue { get; internal set; }

    /// <summary>Whether a default value is defined.</summary>
    public bool HasDefaultValue => DefaultValue is not null;

    /// <summary>Whether the value must be given: a non-null type without default.</summary>
    public bool IsRequired => Type.Kind == TypeKind.NonNull && DefaultValue is null;

    /// <summary>
    /// The default value coerced to its runtime form (see <see cref="InputCoercion.CoerceLiteral"/>); null without default.
    /// Computed once while the schema is built (an invalid default fails the build), so reading it never throws afterwards.
    /// </summary>
    public object? CoercedDefaultValue
    {
        get
        {
            switch (_defaultState)
            {
                case DefaultState.Done:
                    return _coercedDefaultValue;
                case DefaultState.Computing:
                    throw new InputCoercionException($"The default value of {Coordinate} refers to itself through input object defaults.");
            }
            _defaultState = DefaultState.Computing;
            try
            {
                _coercedDefaultValue = DefaultValue is null ? null : InputCoercion.CoerceLiteral(DefaultValue, Type, null);
                _defaultState = DefaultState.Done;
            }
            catch
            {
                _defaultState = DefaultState.NotComputed;
                throw;
            }
            return _coercedDefaultValue;
        }
    }

    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>The reason given by <c>@deprecated</c>, or null when not deprecated.</summary>
    public string? DeprecationReason { get; internal set; }

    /// <summary>The CLR type resolvers want for this value, when known (used by <c>ArgumentValue&lt;T&gt;</c> conversions).</summary>
    public Type? RuntimeType { get; internal set; }

    public IReadOnlyList<AppliedDirective> Directives { get; internal set; } = [];

    public IReadOnlyDictionary<string, object?> ContextData { get; internal set; } = FrozenDictionary<string, object?>.Empty;

    /// <summary>The definition this value was built from, when it came from SDL.</summary>
    public InputValueDefinitionNode? SyntaxNode { get; }

    /// <summary>The schema coordinate: <c>Type.field(arg:)</c>, <c>@dir(arg:)</c> or <c>Input.field</c>.</summary>
    public abstract string Coordinate { get; }

    /// <summary>Coerces the default value once, at the end of schema building, so lookups at run time never fail.</summary>
    internal void PrepareDefaultValue() => _ = CoercedDefaultValue;

    public override string ToString() => Coordinate;

    private enum DefaultState
    {
        NotComputed,
        Computing,
        Done,
    }
}

/// <summary>An argument of a field or directive.</summary>
public sealed class Argument : InputValueBase
{
    internal Argument(string declaringMemberCoordinate, string name, string? description, InputValueDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
        DeclaringMemberCoordinate = declaringMemberCoordinate;
    }

    /// <summary>The coordinate of the field or directive declaring this argument (<c>Type.field</c> or <c>@dir</c>).</summary>
    public string DeclaringMemberCoordinate { get; }

    public override string Coordinate => DeclaringMemberCoordinate + "(" + Name + ":)";
}

/// <summary>A field of an input object type.</summary>
public sealed class InputField : InputValueBase
{
    internal InputField(InputObjectType declaringType, string name, string? description, InputValueDefinitionNode? syntaxNode)
        : base(name, description, syntaxNode)
    {
        DeclaringType = declaringType;
    }

    /// <summary>The input object type that declares the field.</summary>
    public InputObjectType DeclaringType { get; }

    public override string Coordinate => DeclaringType.Name + "." + Name;
}
