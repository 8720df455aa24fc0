using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Graph.Api.Identity;

/// <summary>The text of refresh tokens: 32 random bytes in base64url (43 characters), of which the database keeps only the
/// SHA-256 hash, so a copy of the database gives no usable token.</summary>
public static class RefreshTokens
{
    /// <summary>The random bytes of a token.</summary>
    public const int ByteLength = 32;

    /// <summary>The characters of a token's text.</summary>
    public const int TextLength = 43;

    /// <summary>The bytes of a token's hash (SHA-256).</summary>
    public const int HashLength = 32;

    /// <summary>A new token's text.</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ByteLength));

    /// <summary>
    /// The hash stored for <paramref name="token"/>, or null when the text cannot be a token this server issued (wrong
    /// length or alphabet), which then needs no database lookup.
    /// </summary>
    public static byte[]? Hash(string? token)
    {
        if (token is not { Length: TextLength } || !Base64Url.IsValid(token, out var decodedLength) || decodedLength != ByteLength)
        {
            return null;
        }
        return SHA256.HashData(Encoding.ASCII.GetBytes(token));
    }
}
