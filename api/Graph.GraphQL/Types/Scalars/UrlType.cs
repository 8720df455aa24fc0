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
        // An explicit scheme is required: on Unix, .NET reads "/path" as an absolute file URI.
        if (HasScheme(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            result = uri;
            return true;
        }
        result = null!;
        return false;
    }

    private static bool HasScheme(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                return true;
            }
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }
        return false;
    }

    protected override bool TryFormat(object runtimeValue, out string result)
    {
        if (runtimeValue is Uri { IsAbsoluteUri: true } uri && HasScheme(uri.OriginalString))
        {
            result = uri.OriginalString;
            return true;
        }
        result = string.Empty;
        return false;
    }
}
