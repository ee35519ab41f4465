using System.Security.Cryptography;
using System.Text;

namespace HumanoidRl.Protocol.Security;

/// <summary>
/// Bearer tokens are stored as the SHA-256 of their UTF-8 text, written as 64 lowercase hex digits; the daemon
/// (checking tokens) and the CLI (minting them) share this one definition. A plain hash is enough because tokens
/// are high-entropy random strings (humanoid-rl certs token mints 256-bit ones), not passwords that a slow hash
/// would have to protect against guessing.
/// </summary>
public static class TokenHash
{
    public static byte[] Of(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The hash as the daemon config's tokens[].sha256 holds it.</summary>
    public static string Hex(string token) => Convert.ToHexStringLower(Of(token));

    /// <summary>The 32 bytes, or null when the text is not 64 hex digits.</summary>
    public static byte[]? ParseHex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 64) return null;
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
