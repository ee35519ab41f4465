using System.CommandLine;
using HumanoidRl.Core.Policy;
using HumanoidRl.Training.Export;
using HumanoidRl.Training.Runs;

namespace HumanoidRl.Cli.Train;

/// <summary>`humanoid-rl average`: one policy whose weights are the mean of several exported ones.</summary>
internal static class AverageCommand
{
    public static Command Create()
    {
        var policies = new Argument<string[]>("policies")
        {
            Description = "Two or more exported policies (.onnx) with one contract and network shape.", Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "ONNX file to write, e.g. models/NAME.onnx.", Required = true };
        var command = new Command("average",
            "Average the weights of exported policies: a model soup of runs fine-tuned from one parent, or weight averaging over a run's " +
            "later checkpoints. Every contract field must match; each policy's first layer is rewritten onto the averaged observation " +
            "normalizer before the weights are averaged. The result names its members in metadata 'averaged_from'. Policies that did not " +
            "start from one parent average to noise: evaluate the result (`humanoid-rl eval`) like any other policy.")
        {
            policies, output,
        };
        command.SetAction(parse =>
        {
            try
            {
                var members = parse.GetValue(policies)!
                    .Select(Path.GetFullPath)
                    .Select(p => new AveragingMember(p, RunManifest.Fingerprint(p), OnnxPolicyReader.Read(p)))
                    .ToList();
                var averaged = PolicyAveraging.Average(members);
                var path = Path.GetFullPath(parse.GetValue(output)!);
                var version = typeof(AverageCommand).Assembly.GetName().Version?.ToString() ?? "0";
                PolicyExport.WriteFile(path, OnnxPolicyWriter.Write(averaged.Weights, averaged.Metadata, version));
                Console.WriteLine($"averaged {members.Count} policies ({averaged.Metadata["training_run"]}) into {path}");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"average: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
