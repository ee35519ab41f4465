using System.Security.Cryptography;
using HumanoidRl.Protocol.Security;
using HumanoidRl.Daemon.Config;

namespace HumanoidRl.Daemon.Security;

/// <summary>Finds the configured token whose hash matches a presented bearer token.</summary>
public sealed class TokenAuthenticator(IReadOnlyList<TokenEntry> tokens)
{
    /// <summary>The matching token's holder, or null for an unknown token.</summary>
    public Caller? Authenticate(string token)
    {
        var presented = TokenHash.Of(token);
        Caller? match = null;
        // Compare with every entry in constant time so the timing says nothing about which entry is close.
        foreach (var entry in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, entry.Sha256)) match = new Caller(entry.Name, entry.Role);
        }
        return match;
    }
}
