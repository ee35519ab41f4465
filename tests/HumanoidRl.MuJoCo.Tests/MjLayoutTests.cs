using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace HumanoidRl.MuJoCo.Tests;

/// <summary>
/// Compiles a C program against the installed MuJoCo headers that prints the value of every C expression the
/// bindings mirror (each <see cref="MjLayout"/> constant's <see cref="CExpressionAttribute"/>, each member of
/// each <see cref="CEnumPrefixAttribute"/> enum) and compares it with the C# value.
/// </summary>
public sealed class MjLayoutTests : IDisposable
{
    private const string HeaderPath = "/usr/include/mujoco/mujoco.h";
    private const string InstallHint = "install them with: apt-get install gcc libmujoco-dev";

    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-mujoco-layout-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every layout constant: its C# name, the C expression it mirrors and the C# value.</summary>
    private static IEnumerable<(string Name, string? Expression, long Value)> LayoutConstants() =>
        typeof(MjLayout).GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(field => field.IsLiteral)
            .Select(field => (
                field.Name,
                field.GetCustomAttribute<CExpressionAttribute>()?.Expression,
                Convert.ToInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture)));

    /// <summary>Every enum the bindings define, with the C prefix it declares (null when it declares none).</summary>
    private static IEnumerable<(Type Enum, string? Prefix)> BoundEnums() =>
        typeof(MjModel).Assembly.GetTypes()
            .Where(type => type.IsEnum)
            .Select(type => (type, type.GetCustomAttribute<CEnumPrefixAttribute>()?.Prefix));

    [Fact]
    public void Every_layout_constant_names_the_C_expression_it_mirrors()
    {
        var missing = LayoutConstants().Where(c => string.IsNullOrWhiteSpace(c.Expression)).Select(c => c.Name).ToList();

        Assert.True(missing.Count == 0, $"MjLayout constants without [CExpression]: {string.Join(", ", missing)}");
        Assert.True(LayoutConstants().Count() > 50, "MjLayout lost its constants; reflection found too few.");
    }

    [Fact]
    public void Every_enum_in_the_bindings_names_its_C_prefix()
    {
        var missing = BoundEnums().Where(e => e.Prefix is null).Select(e => e.Enum.Name).ToList();

        Assert.True(missing.Count == 0, $"enums without [CEnumPrefix]: {string.Join(", ", missing)}");
    }

    [Fact]
    public void MjContact_spans_exactly_one_C_mjContact()
    {
        Assert.Equal(MjLayout.ContactSize, Unsafe.SizeOf<MjContact>());
    }

    [Fact]
    public void Every_offset_size_and_enum_value_matches_the_installed_MuJoCo_headers()
    {
        var expected = new List<(string Name, string Expression, long Value)>();
        // Constants without an expression are reported by Every_layout_constant_names_the_C_expression_it_mirrors.
        expected.AddRange(LayoutConstants().Where(c => c.Expression is not null).Select(c => (c.Name, c.Expression!, c.Value)));
        foreach (var (type, prefix) in BoundEnums())
        {
            foreach (var member in Enum.GetNames(type))
            {
                var value = Convert.ToInt64(Enum.Parse(type, member), CultureInfo.InvariantCulture);
                expected.Add(($"{type.Name}.{member}", prefix + member.ToUpperInvariant(), value));
            }
        }

        var actual = CompileAndRun(expected.Select(e => (e.Name, e.Expression)));

        var drift = expected
            .Where(e => !actual.TryGetValue(e.Name, out var c) || c != e.Value)
            .Select(e => $"{e.Name} ({e.Expression}): C# {e.Value}, C {(actual.TryGetValue(e.Name, out var c) ? c : "missing")}")
            .ToList();
        Assert.True(drift.Count == 0, $"{drift.Count} bindings disagree with {HeaderPath}:\n{string.Join('\n', drift)}");
    }

    private Dictionary<string, long> CompileAndRun(IEnumerable<(string Name, string Expression)> entries)
    {
        var gcc = FindOnPath("gcc")
            ?? throw new InvalidOperationException(
                $"gcc was not found on PATH; the layout test compiles C against the MuJoCo headers: {InstallHint}.");
        if (!File.Exists(HeaderPath)) throw new InvalidOperationException($"{HeaderPath} is missing: {InstallHint}.");

        var source = new StringBuilder()
            .AppendLine("#include <stddef.h>")
            .AppendLine("#include <stdio.h>")
            .AppendLine("#include <mujoco/mujoco.h>")
            .AppendLine("int main(void) {");
        foreach (var (name, expression) in entries)
        {
            source.AppendLine(CultureInfo.InvariantCulture, $"  printf(\"%s %ld\\n\", \"{name}\", (long)({expression}));");
        }
        source.AppendLine("  return 0;").AppendLine("}");
        var sourcePath = Path.Combine(_folder, "layout.c");
        var programPath = Path.Combine(_folder, "layout");
        File.WriteAllText(sourcePath, source.ToString());

        var (compileExit, _, compileErrors) = Run(gcc, "-std=c11", "-Wall", "-Werror", "-o", programPath, sourcePath);
        Assert.True(
            compileExit == 0,
            $"gcc could not compile the layout probe ({sourcePath}), a C expression in MjLayout or an enum prefix is wrong:\n" +
            $"{compileErrors}");

        var (runExit, output, runErrors) = Run(programPath);
        Assert.True(runExit == 0, $"the layout probe failed with exit code {runExit}: {runErrors}");

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private static (int ExitCode, string Output, string Errors) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}
