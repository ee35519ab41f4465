using System.CommandLine;
using HumanoidRl.Cli.Certs;

namespace HumanoidRl.Cli.Tests.Certs;

/// <summary>The real `certs` parser refuses names a certificate or the daemon config could not carry.</summary>
public sealed class CertsCommandTests
{
    private static RootCommand Root() => new() { CertsCommand.Create() };

    [Theory]
    [InlineData("certs --name robot1.local --name 192.168.1.20 --name fe80::1")]
    [InlineData("certs token --name alice.ops@lab-2 --role operator")]
    public void Host_names_addresses_and_plain_holder_names_parse(string commandLine)
    {
        Assert.Empty(Root().Parse(commandLine).Errors);
    }

    [Theory]
    [InlineData(
        "certs --name robot1.local --name bad_host!",
        "--name bad_host!: not a host name or IP address (expected e.g. robot1.local or 192.168.1.20)")]
    [InlineData(
        "certs token --role viewer --name a:b",
        "--name a:b: expected 1-64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit " +
        "(it goes into the daemon config and the lease holder)")]
    [InlineData(
        "certs token --role viewer --name -x",
        "--name -x: expected 1-64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit " +
        "(it goes into the daemon config and the lease holder)")]
    public void A_name_that_cannot_be_carried_is_refused_by_name(string commandLine, string expected)
    {
        Assert.Equal(expected, Assert.Single(Root().Parse(commandLine).Errors).Message);
    }
}
