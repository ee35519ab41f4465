using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace HumanoidRl.Cli.Certs;

/// <summary>
/// Bearer tokens for humanoid-rld: 256 random bits, base64url, prefixed "hrl_". The daemon config stores only
/// the SHA-256 of the token's UTF-8 text as 64 lowercase hex digits (the daemon's TokenHash reads the same).
/// </summary>
internal static class AccessToken
{
    public const string Prefix = "hrl_";

    public static string Mint() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
