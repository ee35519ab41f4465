using System.Net;
using System.Net.Sockets;
using HumanoidRl.Daemon.Config;
using HumanoidRl.Daemon.Hosting;
using HumanoidRl.Daemon.Tests.Config;

namespace HumanoidRl.Daemon.Tests.Hosting;

public sealed class ListenEndpointTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.20")]
    [InlineData("10.1.2.3")]
    public void Resolve_refuses_plaintext_on_a_non_loopback_address(string address)
    {
        using var folder = new TempFolder();
        var config = DaemonConfigLoader.Load(folder.File("daemon.yaml", DaemonConfigText.Valid(address: address)));

        var error = Assert.Throws<DaemonStartupException>(() => ListenEndpoint.Resolve(config, insecureLoopback: true));

        Assert.Contains(
            $"listen.address is {address}, but --insecure-loopback serves plaintext and is only allowed on a loopback address",
            error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void Resolve_allows_plaintext_on_loopback_with_the_flag(string address)
    {
        using var folder = new TempFolder();
        var config = DaemonConfigLoader.Load(folder.File("daemon.yaml", DaemonConfigText.Valid(address: address)));

        var endpoint = ListenEndpoint.Resolve(config, insecureLoopback: true);

        Assert.True(IPAddress.IsLoopback(endpoint.Address));
        Assert.Null(endpoint.Certificate);
    }

    [Fact]
    public void A_port_another_process_listens_on_is_refused_naming_it_and_the_config()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = Assert.Throws<DaemonStartupException>(
            () => new ListenEndpoint(IPAddress.Loopback, port, null).ThrowIfUnavailable("/etc/daemon.yaml"));

        Assert.StartsWith($"/etc/daemon.yaml: listen 127.0.0.1:{port}: the port is in use by another process",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_that_is_not_this_machines_is_refused_and_a_free_port_is_not()
    {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to a host.
        var error = Assert.Throws<DaemonStartupException>(
            () => new ListenEndpoint(IPAddress.Parse("192.0.2.1"), 50051, null).ThrowIfUnavailable("d.yaml"));

        Assert.StartsWith("d.yaml: listen 192.0.2.1:50051: cannot listen there (", error.Message, StringComparison.Ordinal);
        new ListenEndpoint(IPAddress.Loopback, 0, null).ThrowIfUnavailable("d.yaml");
    }

    [Fact]
    public void Resolve_without_tls_and_without_the_flag_refuses_even_on_loopback()
    {
        using var folder = new TempFolder();
        var config = DaemonConfigLoader.Load(folder.File("daemon.yaml", DaemonConfigText.Valid()));

        var error = Assert.Throws<DaemonStartupException>(() => ListenEndpoint.Resolve(config, insecureLoopback: false));

        Assert.Contains("no tls section, and the daemon serves gRPC over TLS only", error.Message, StringComparison.Ordinal);
        Assert.Contains("humanoid-rl certs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_loads_the_configured_certificate_with_its_key()
    {
        using var folder = new TempFolder();
        TestCertificate.WriteValid(folder.Path);
        var config = DaemonConfigLoader.Load(folder.File("daemon.yaml",
            DaemonConfigText.Valid(address: "0.0.0.0", tls: "tls: {cert_file: daemon.crt, key_file: daemon.key}")));

        var endpoint = ListenEndpoint.Resolve(config, insecureLoopback: false);

        Assert.True(endpoint.Certificate?.HasPrivateKey);
        Assert.Equal(IPAddress.Any, endpoint.Address);
    }

    [Fact]
    public void Resolve_refuses_an_expired_certificate()
    {
        using var folder = new TempFolder();
        TestCertificate.Write(folder.Path, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        var config = DaemonConfigLoader.Load(folder.File("daemon.yaml",
            DaemonConfigText.Valid(tls: "tls: {cert_file: daemon.crt, key_file: daemon.key}")));

        var error = Assert.Throws<DaemonStartupException>(() => ListenEndpoint.Resolve(config, insecureLoopback: false));

        Assert.Contains("not now; make a new one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_names_both_files_when_the_key_does_not_load()
    {
        using var folder = new TempFolder();
        TestCertificate.WriteValid(folder.Path);
        folder.File("daemon.key", "not a key");
        var config = DaemonConfigLoader.Load(folder.File("daemon.yaml",
            DaemonConfigText.Valid(tls: "tls: {cert_file: daemon.crt, key_file: daemon.key}")));

        var error = Assert.Throws<DaemonStartupException>(() => ListenEndpoint.Resolve(config, insecureLoopback: false));

        Assert.Contains("cannot load the certificate", error.Message, StringComparison.Ordinal);
        Assert.Contains("daemon.key", error.Message, StringComparison.Ordinal);
    }
}
