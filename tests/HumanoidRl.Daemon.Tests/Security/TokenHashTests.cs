using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Security;
using HumanoidRl.Protocol.Security;

namespace HumanoidRl.Daemon.Tests.Security;

public sealed class TokenHashTests
{
    [Fact]
    public void Of_is_the_sha256_of_the_utf8_token()
    {
        // FIPS 180-2 test vector: the CLI's `certs token` prints the same hex for the same text.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(TokenHash.Of("abc")));
    }

    [Theory]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a")]
    [InlineData("ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("")]
    public void ParseHex_refuses_anything_but_64_hex_digits(string text) => Assert.Null(TokenHash.ParseHex(text));

    [Fact]
    public void Authenticate_finds_the_entry_whose_hash_matches_and_nothing_else()
    {
        var authenticator = new TokenAuthenticator(
        [
            new TokenEntry("ana", Role.Operator, TokenHash.Of("token-a")),
            new TokenEntry("vic", Role.Viewer, TokenHash.Of("token-v")),
        ]);

        Assert.Equal(new Caller("vic", Role.Viewer), authenticator.Authenticate("token-v"));
        Assert.Equal(new Caller("ana", Role.Operator), authenticator.Authenticate("token-a"));
        Assert.Null(authenticator.Authenticate("token-x"));
    }

    [Theory]
    [InlineData(Role.Admin, Role.Operator, true)]
    [InlineData(Role.Admin, Role.Viewer, true)]
    [InlineData(Role.Operator, Role.Viewer, true)]
    [InlineData(Role.Operator, Role.Admin, false)]
    [InlineData(Role.Viewer, Role.Operator, false)]
    public void Satisfies_orders_admin_over_operator_over_viewer(Role held, Role required, bool expected) =>
        Assert.Equal(expected, held.Satisfies(required));
}
