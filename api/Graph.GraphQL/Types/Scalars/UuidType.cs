namespace Graph.GraphQL.Types.Scalars;

/// <summary><c>UUID</c>: a <see cref="Guid"/>, serialized lowercase with hyphens (<c>D</c> format).</summary>
public sealed class UuidType() : StringBackedScalar<Guid>(
    "UUID",
    "The `UUID` scalar represents a universally unique identifier (RFC 9562) as a hyphenated string.",
    "https://www.rfc-editor.org/rfc/rfc9562")
{
    protected override string FormatName => "UUID string";

    protected override bool TryParse(string value, out Guid result) => Guid.TryParse(value, out result);

    protected override bool TryFormat(object runtimeValue, out string result)
    {
        if (runtimeValue is Guid guid)
        {
            result = guid.ToString("D");
            return true;
        }
        result = string.Empty;
        return false;
    }
}
