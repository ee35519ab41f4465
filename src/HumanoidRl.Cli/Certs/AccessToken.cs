using System.Buffers.Text;
using System.Security.Cryptography;

namespace HumanoidRl.Cli.Certs;

/// <summary>
/// Bearer tokens for humanoid-rld: 256 random bits, base64url, prefixed "hrl_". The daemon config stores only
/// their hash (HumanoidRl.Protocol.Security.TokenHash, shared with the daemon).
/// </summary>
internal static class AccessToken
{
    public const string Prefix = "hrl_";

    public static string Mint() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
