namespace Graph.Api.Identity;

/// <summary>
/// Email addresses as accounts store them: trimmed and in lower case, so that <c>Awa.Diop@Example.SN</c> and
/// <c>awa.diop@example.sn</c> are one account. Only the plain <c>local@domain</c> form of ASCII addresses is accepted (no
/// display names, comments or quoted local parts).
/// </summary>
public static class EmailAddresses
{
    /// <summary>The longest address (RFC 5321's limit on a path).</summary>
    public const int MaxLength = 254;

    private const int MaxLocalLength = 64;
    private const int MaxLabelLength = 63;
    private const string LocalSymbols = ".!#$%&'*+/=?^_`{|}~-";

    /// <summary><paramref name="text"/> as a normalised address, or null when it is not one.</summary>
    public static string? Normalize(string? text)
    {
        var address = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength)
        {
            return null;
        }
        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1)
        {
            return null;
        }
        return IsLocalPart(address.AsSpan(0, at)) && IsDomain(address.AsSpan(at + 1)) ? address : null;
    }

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local.Length > MaxLocalLength || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !LocalSymbols.Contains(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        var lastLabelIsNumeric = false;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length == 0 || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
            lastLabelIsNumeric = !label.ContainsAnyExcept("0123456789");
            labels++;
        }
        // A host name needs a dot, and its last label is never a number (that would be an IP address).
        return labels >= 2 && !lastLabelIsNumeric;
    }
}
