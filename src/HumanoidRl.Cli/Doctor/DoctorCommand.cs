using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace HumanoidRl.Cli.Doctor;

/// <summary>`humanoid-rl doctor`: is this machine ready to train, to run the daemon, or both?</summary>
internal static class DoctorCommand
{
    private static readonly DoctorRole[] Both = [DoctorRole.Train, DoctorRole.Daemon];

    internal static IReadOnlyList<DoctorProbe> Probes { get; } =
    [
        new(".NET runtime", Both, RuntimeProbes.DotNet),
        new("libmujoco", Both, RuntimeProbes.MuJoCo),
        new("TorchSharp/libtorch", [DoctorRole.Train], RuntimeProbes.Torch),
        new("ONNX Runtime", Both, RuntimeProbes.OnnxRuntime),
        new("serial ports", [DoctorRole.Daemon], MachineProbes.Serial),
        new("real-time", [], MachineProbes.Realtime),
    ];

    public static Command Create()
    {
        var role = new Option<DoctorRole>("--role")
        {
            Description = "Which checks must pass: train (workstation: MuJoCo, TorchSharp, ONNX Runtime), " +
                          "daemon (robot computer: MuJoCo, ONNX Runtime, serial ports) or all.",
            DefaultValueFactory = _ => DoctorRole.All,
        };
        role.AcceptOnlyFromAmong("train", "daemon", "all");
        var json = new Option<bool>("--json")
        {
            Description = "Print exactly one JSON object on stdout: {\"ok\", \"checks\": [{\"name\", \"ok\", \"required\", \"detail\"}]}.",
        };
        var command = new Command("doctor",
            "Check that this machine can train and/or run the controller daemon, and print the command that fixes each missing piece. " +
            "Exit code 0 only when every required check passes.")
        {
            role,
            json,
        };
        command.SetAction(parse => Run(parse.GetValue(role), parse.GetValue(json)));
        return command;
    }

    private static int Run(DoctorRole role, bool json)
    {
        IReadOnlyList<DoctorCheck> checks;
        if (json)
        {
            // Native libraries may print to stdout while loading; keep stdout for the one JSON object.
            var stdout = Console.Out;
            Console.SetOut(Console.Error);
            try
            {
                checks = RunAll(role);
            }
            finally
            {
                Console.SetOut(stdout);
            }
            Console.Out.WriteLine(ToJson(checks));
        }
        else
        {
            checks = RunAll(role);
            Render(checks, role);
        }
        return AllRequiredPass(checks) ? 0 : 1;
    }

    internal static IReadOnlyList<DoctorCheck> RunAll(DoctorRole role) => [.. Probes.Select(probe => probe.Execute(role))];

    internal static bool AllRequiredPass(IEnumerable<DoctorCheck> checks) => checks.All(check => check.Ok || !check.Required);

    internal static string ToJson(IReadOnlyList<DoctorCheck> checks)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", AllRequiredPass(checks));
            writer.WriteStartArray("checks");
            foreach (var check in checks)
            {
                writer.WriteStartObject();
                writer.WriteString("name", check.Name);
                writer.WriteBoolean("ok", check.Ok);
                writer.WriteBoolean("required", check.Required);
                writer.WriteString("detail", check.Detail);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Render(IReadOnlyList<DoctorCheck> checks, DoctorRole role)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("check", "status", "detail");
        foreach (var check in checks)
        {
            var status = check.Ok ? "[green]ok[/]" : check.Required ? "[red]FAIL[/]" : "[yellow]warn[/]";
            table.AddRow(Markup.Escape(check.Name), status, Markup.Escape(check.Detail));
        }
        AnsiConsole.Write(table);
        var verdict = AllRequiredPass(checks)
            ? $"[green]ready[/] for role '{role.ToString().ToLowerInvariant()}'"
            : $"[red]not ready[/] for role '{role.ToString().ToLowerInvariant()}': fix the FAIL rows above";
        AnsiConsole.MarkupLine(verdict);
    }
}
