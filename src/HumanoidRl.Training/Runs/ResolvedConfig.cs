using System.Text.Json;
using System.Text.Json.Serialization;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;

namespace HumanoidRl.Training.Runs;

/// <summary>
/// resolved-config.json: the task and robot configs as the trainer used them, every default filled in, so a
/// run can be understood without knowing which defaults the code had at the time.
/// </summary>
public static class ResolvedConfig
{
    public const string FileName = "resolved-config.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(string runFolder, TaskConfig task, RobotConfig robot) =>
        AtomicFile.WriteAllText(Path.Combine(runFolder, FileName), JsonSerializer.Serialize(new { task, robot }, Json));
}
