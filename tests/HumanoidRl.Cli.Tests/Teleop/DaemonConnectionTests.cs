using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using HumanoidRl.Cli.Teleop;
using V1 = HumanoidRl.Protocol.V1;

namespace HumanoidRl.Cli.Tests.Teleop;

public sealed class DaemonConnectionTests
{
    [Theory]
    [InlineData("--server http://127.0.0.1:50051 --token t", "plaintext http:// needs --insecure")]
    [InlineData("--server https://robot:50051 --token t --insecure", "--insecure needs an http:// address")]
    [InlineData("--server robot:50051 --token t", "not a daemon address")]
    public void Open_refuses_a_server_address_that_contradicts_the_security_options(string arguments, string expected)
    {
        var connection = new DaemonConnection();
        var command = new RootCommand();
        connection.AddTo(command);

        var error = Assert.Throws<ArgumentException>(() => connection.Open(command.Parse(arguments)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_that_is_not_there_is_described_by_its_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connection = new DaemonConnection();
        var command = new RootCommand();
        connection.AddTo(command);
        var parse = command.Parse($"--server http://127.0.0.1:{port} --token t --insecure");
        using var channel = connection.Open(parse);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Telemetry.TelemetryClient(channel).GetStatusAsync(new V1.GetStatusRequest()));

        Assert.StartsWith(
            $"cannot reach humanoid-rld at http://127.0.0.1:{port} (Unavailable: ",
            connection.Describe(error, parse),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_by_the_daemon_is_described_by_its_own_detail()
    {
        var connection = new DaemonConnection();
        var command = new RootCommand();
        connection.AddTo(command);
        var refusal = new RpcException(new Status(StatusCode.Unauthenticated, "unknown bearer token"));

        Assert.Equal("Unauthenticated: unknown bearer token", connection.Describe(refusal, command.Parse("--token t")));
    }

    [Fact]
    public void Open_names_a_missing_ca_certificate()
    {
        var connection = new DaemonConnection();
        var command = new RootCommand();
        connection.AddTo(command);

        var error = Assert.Throws<FileNotFoundException>(
            () => connection.Open(command.Parse("--server https://robot:50051 --token t --ca-cert /nonexistent/daemon.crt")));

        Assert.Contains("--ca-cert /nonexistent/daemon.crt: file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamKeys_yields_the_characters_of_redirected_input_without_line_breaks()
    {
        var keys = new List<char>();

        await foreach (var key in TeleopCommand.StreamKeys(new StringReader("12\nwx\r\n"), CancellationToken.None)) keys.Add(key);

        Assert.Equal("12wx", new string([.. keys]));
    }

    [Fact]
    public async Task StreamKeys_reads_the_input_off_the_thread_pool_so_a_blocked_read_cannot_starve_the_heartbeats()
    {
        var input = new ThreadRecordingReader("w");

        await foreach (var _ in TeleopCommand.StreamKeys(input, CancellationToken.None))
        {
        }

        Assert.NotEmpty(input.ReadOnThreadPool);
        Assert.DoesNotContain(true, input.ReadOnThreadPool);
    }

    /// <summary>Input that records, for every read, whether it ran on a thread-pool thread.</summary>
    private sealed class ThreadRecordingReader(string text) : StringReader(text)
    {
        public List<bool> ReadOnThreadPool { get; } = [];

        public override int Read()
        {
            ReadOnThreadPool.Add(Thread.CurrentThread.IsThreadPoolThread);
            return base.Read();
        }
    }
}
