namespace Graph.GraphQL.Types.Scalars;

/// <summary><c>URL</c>: an absolute <see cref="Uri"/>.</summary>
public sealed class UrlType() : StringBackedScalar<Uri>(
    "URL",
    "The `URL` scalar represents an absolute URL as a string, e.g. `https://example.com/path`.",
    "https://tools.ietf.org/html/rfc3986")
{
    protected override string FormatName => "absolute URL";

    protected override bool TryParse(string value, out Uri result)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            result = uri;
            return true;
        }
        result = null!;
        return false;
    }

    protected override bool TryFormat(object runtimeValue, out string result)
    {
        if (runtimeValue is Uri { IsAbsoluteUri: true } uri)
        {
            result = uri.OriginalString;
            return true;
        }
        result = string.Empty;
        return false;
    }
}
