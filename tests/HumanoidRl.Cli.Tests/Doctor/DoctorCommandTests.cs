using System.Diagnostics;
using System.Text.Json;
using HumanoidRl.Cli.Doctor;

namespace HumanoidRl.Cli.Tests.Doctor;

public sealed class DoctorCommandTests
{
    private static (int ExitCode, string Stdout) RunCli(params string[] arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "humanoid-rl.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.Result;
        return (process.ExitCode, stdout);
    }

    [Fact]
    public void Json_output_is_exactly_one_object_with_every_check_passing_on_this_machine()
    {
        var (exitCode, stdout) = RunCli("doctor", "--json");

        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean(), stdout);
        Assert.Equal(0, exitCode);
        var names = root.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray();
        Assert.Equal(DoctorCommand.Probes.Select(p => p.Name), names);
        foreach (var check in root.GetProperty("checks").EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(check.GetProperty("detail").GetString()));
            if (check.GetProperty("required").GetBoolean()) Assert.True(check.GetProperty("ok").GetBoolean(), check.ToString());
        }
    }

    [Fact]
    public void Train_role_does_not_require_serial_access_and_daemon_role_does_not_require_torch()
    {
        var train = DoctorCommand.Probes.Select(p => p.Execute(DoctorRole.Train)).ToDictionary(c => c.Name);
        var daemon = DoctorCommand.Probes.Select(p => p.Execute(DoctorRole.Daemon)).ToDictionary(c => c.Name);

        Assert.False(train["serial ports"].Required);
        Assert.True(train["TorchSharp/libtorch"].Required);
        Assert.False(daemon["TorchSharp/libtorch"].Required);
        Assert.True(daemon["serial ports"].Required);
        Assert.False(daemon["real-time"].Required);
    }

    [Fact]
    public void A_failed_required_check_fails_doctor_but_a_failed_optional_one_does_not()
    {
        DoctorCheck[] optionalFailure = [new("a", true, true, "fine"), new("b", false, false, "optional")];
        DoctorCheck[] requiredFailure = [new("a", false, true, "broken"), new("b", true, false, "fine")];

        Assert.True(DoctorCommand.AllRequiredPass(optionalFailure));
        Assert.False(DoctorCommand.AllRequiredPass(requiredFailure));
        Assert.Contains("\"ok\":false", DoctorCommand.ToJson(requiredFailure), StringComparison.Ordinal);
    }

    [Fact]
    public void A_probe_that_throws_becomes_a_failed_check_naming_the_error()
    {
        var probe = new DoctorProbe(
            "exploding", [DoctorRole.Train], () => throw new DllNotFoundException("libfoo.so missing: apt-get install libfoo"));

        var check = probe.Execute(DoctorRole.All);

        Assert.False(check.Ok);
        Assert.True(check.Required);
        Assert.Contains("apt-get install libfoo", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_role_is_rejected_with_a_nonzero_exit_code()
    {
        var (exitCode, _) = RunCli("doctor", "--role", "robot");
        var error = Assert.Single(new System.CommandLine.RootCommand { DoctorCommand.Create() }.Parse("doctor --role robot").Errors);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'train'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'daemon'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(DoctorRole), error.Message, StringComparison.Ordinal);
    }
}
