using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types.Scalars;

/// <summary>A scalar whose literals and variable values are strings parsed into a richer runtime value.</summary>
/// <typeparam name="TRuntime">The runtime type.</typeparam>
public abstract class StringBackedScalar<TRuntime> : ScalarType
    where TRuntime : notnull
{
    /// <inheritdoc cref="ScalarType(string, string?, string?)"/>
    protected StringBackedScalar(string name, string? description = null, string? specifiedByUrl = null)
        : base(name, description, specifiedByUrl)
    {
    }

    public override Type RuntimeType => typeof(TRuntime);

    /// <summary>A short description of the expected format, used in messages (e.g. <c>date-time string</c>).</summary>
    protected abstract string FormatName { get; }

    /// <summary>Parses the string form.</summary>
    protected abstract bool TryParse(string value, out TRuntime result);

    /// <summary>Formats a runtime value; false when <paramref name="runtimeValue"/> is not a value of this scalar.</summary>
    protected abstract bool TryFormat(object runtimeValue, out string result);

    public override bool IsInstanceOfType(IValueNode literal) =>
        literal is NullValueNode || (literal is StringValueNode s && TryParse(s.Value, out _));

    public override object? ParseLiteral(IValueNode literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return literal switch
        {
            NullValueNode => null,
            StringValueNode s => Parse(s.Value),
            _ => throw new InputCoercionException($"{Name} cannot represent a non string value: {literal.Print()}"),
        };
    }

    public override object? ParseValue(object? externalValue) => externalValue switch
    {
        null => null,
        string s => Parse(s),
        TRuntime value => value,
        _ => throw new InputCoercionException($"{Name} cannot represent a non string value: {ValueFormatter.Inspect(externalValue)}"),
    };

    public override IValueNode ValueToLiteral(object? runtimeValue) =>
        runtimeValue is null ? NullValueNode.Default : new StringValueNode((string)Serialize(runtimeValue)!);

    public override object? Serialize(object? runtimeValue)
    {
        if (runtimeValue is null)
        {
            return null;
        }
        if (runtimeValue is string s && TryParse(s, out var parsed))
        {
            runtimeValue = parsed;
        }
        return TryFormat(runtimeValue, out var text)
            ? text
            : throw new SerializationException($"{Name} cannot represent value: {ValueFormatter.Inspect(runtimeValue)}");
    }

    private TRuntime Parse(string value) => TryParse(value, out var result)
        ? result
        : throw new InputCoercionException($"{Name} cannot represent an invalid {FormatName}: {ValueFormatter.Inspect(value)}");
}
