using System.CommandLine;
using HumanoidRl.Training.Runs;

namespace HumanoidRl.Cli.Train;

/// <summary>`humanoid-rl export`: a run's checkpoint as a self-describing ONNX policy.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Training run folder.", Required = true };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file (default: the run's latest)." };
        var output = new Option<string>("--out") { Description = "ONNX file to write, e.g. models/NAME.onnx.", Required = true };
        var command = new Command("export",
            "Export a trained policy to ONNX: the actor's mean action with the observation normalizer folded in, " +
            "standard operators only, and the policy contract (joint order, observation layout, action mode and scales, gains, " +
            "default pose, rates, robot config hash) in metadata_props.")
        {
            run, checkpoint, output,
        };
        command.SetAction(parse =>
        {
            try
            {
                using var session = TrainingSession.OpenForExport(parse.GetValue(run)!, parse.GetValue(checkpoint));
                var path = Path.GetFullPath(parse.GetValue(output)!);
                session.ExportPolicy(path);
                Console.WriteLine($"exported iteration {session.Runner.Iteration} of {session.RunFolder} to {path}");
                return 0;
            }
            catch (Exception e)
                when (e is IOException or InvalidDataException or InvalidOperationException or Core.Config.ConfigFileException)
            {
                Console.Error.WriteLine($"export: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
