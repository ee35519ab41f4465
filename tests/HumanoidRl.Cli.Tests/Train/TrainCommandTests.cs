using System.Text.Json;

namespace HumanoidRl.Cli.Tests.Train;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-train-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Sigterm_saves_a_checkpoint_and_resume_continues_from_its_iteration()
    {
        var run = Path.Combine(_folder, "run");
        int interruptedAt;
        using (var training = new CliProcess("train", "--envs", "4", "--iterations", "10000", "--run-dir", run, "--threads", "1"))
        {
            Assert.True(
                training.WaitForLine(line => line.StartsWith("it 2", StringComparison.Ordinal), TimeSpan.FromMinutes(3)), training.Output);
            training.Signal("TERM");
            var (exitCode, stdout, stderr) = training.WaitForExit(TimeSpan.FromMinutes(2));

            Assert.True(exitCode == 130, $"exit {exitCode}: {stdout}\n{stderr}");
            Assert.Contains("interrupted at iteration", stdout, StringComparison.Ordinal);
            interruptedAt = int.Parse(
                stdout.Split("interrupted at iteration ")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var file in new[]
        {
            "run.json", "resolved-config.json", "task.yaml", "robot.yaml", "progress.csv", "learning_curve.png", "policy.onnx",
            "checkpoints/latest.ckpt",
        })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} missing after SIGTERM");
        Assert.Single(Directory.GetFiles(run, "events.out.tfevents.*"));

        var (resumedExit, resumedOut, resumedErr) = CliProcess.Run(
            TimeSpan.FromMinutes(3), "train", "--resume", run, "--iterations", $"{interruptedAt + 1}", "--threads", "1");

        Assert.True(resumedExit == 0, $"{resumedOut}\n{resumedErr}");
        Assert.Contains($"starting at iteration {interruptedAt}", resumedOut, StringComparison.Ordinal);
        Assert.Contains($"it {interruptedAt + 1}/{interruptedAt + 1}", resumedOut, StringComparison.Ordinal);
        Assert.Contains($"completed at iteration {interruptedAt + 1}", resumedOut, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
        Assert.Equal(1, manifest.RootElement.GetProperty("Seed").GetInt64());
    }

    [Fact]
    public void Init_from_a_checkpoint_starts_at_its_iteration_from_a_policy_at_zero_with_a_critic_warm_up_neither_combines_with_resume()
    {
        var parent = Path.Combine(_folder, "parent");
        var (parentExit, parentOut, parentErr) = CliProcess.Run(
            TimeSpan.FromMinutes(3), "train", "--envs", "2", "--iterations", "1", "--run-dir", parent, "--threads", "1");
        Assert.True(parentExit == 0, $"{parentOut}\n{parentErr}");
        var checkpoint = Path.Combine(parent, "checkpoints", "latest.ckpt");
        var child = Path.Combine(_folder, "child");

        var (exitCode, stdout, stderr) = CliProcess.Run(TimeSpan.FromMinutes(3),
            "train", "--init-from", checkpoint, "--envs", "2", "--iterations", "2", "--run-dir", child, "--threads", "1");

        Assert.True(exitCode == 0, $"{stdout}\n{stderr}");
        Assert.Contains("starting at iteration 1", stdout, StringComparison.Ordinal);
        Assert.Contains("completed at iteration 2", stdout, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(child, "run.json")));
        Assert.Equal(Path.GetFullPath(checkpoint), manifest.RootElement.GetProperty("InitializedFrom").GetString());

        var (bothExit, _, bothErr) = CliProcess.Run(TimeSpan.FromMinutes(1), "train", "--resume", child, "--init-from", checkpoint);

        Assert.NotEqual(0, bothExit);
        Assert.Contains("give one of them", bothErr, StringComparison.Ordinal);

        var fromPolicy = Path.Combine(_folder, "from-policy");
        var (policyExit, policyOut, policyErr) = CliProcess.Run(TimeSpan.FromMinutes(3),
            "train", "--init-from", Path.Combine(parent, "policy.onnx"), "--envs", "2", "--iterations", "1", "--run-dir", fromPolicy,
            "--threads", "1");

        Assert.True(policyExit == 0, $"{policyOut}\n{policyErr}");
        Assert.Contains("starting at iteration 0", policyOut, StringComparison.Ordinal);
        using var policyManifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(fromPolicy, "run.json")));
        // Three 20 s episodes of 2500 policy steps at 24 steps per iteration.
        Assert.Equal(315, policyManifest.RootElement.GetProperty("CriticOnlyBeforeIteration").GetInt32());

        var (warmupExit, _, warmupErr) = CliProcess.Run(TimeSpan.FromMinutes(1), "train", "--resume", fromPolicy, "--critic-warmup", "5");

        Assert.NotEqual(0, warmupExit);
        Assert.Contains("--critic-warmup applies to a new run", warmupErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Starting_over_an_existing_run_is_refused_with_the_way_to_resume()
    {
        var run = Path.Combine(_folder, "run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "run.json"), "{}");

        var (exitCode, _, stderr) = CliProcess.Run(TimeSpan.FromMinutes(1), "train", "--envs", "2", "--iterations", "1", "--run-dir", run);

        Assert.Equal(2, exitCode);
        Assert.Contains("already holds a training run; resume it with --resume", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_export_path_that_cannot_be_written_is_refused_before_training_starts()
    {
        var blocker = Path.Combine(_folder, "a-file");
        File.WriteAllText(blocker, "");
        var run = Path.Combine(_folder, "run");

        var (fileExit, _, fileErr) = CliProcess.Run(
            TimeSpan.FromMinutes(1), "train", "--envs", "2", "--iterations", "1", "--run-dir", run,
            "--export", Path.Combine(blocker, "policy.onnx"));
        var (folderExit, _, folderErr) = CliProcess.Run(
            TimeSpan.FromMinutes(1), "train", "--envs", "2", "--iterations", "1", "--run-dir", run, "--export", _folder);

        Assert.Equal(2, fileExit);
        Assert.Contains(
            $"--export {Path.Combine(blocker, "policy.onnx")}: cannot write into {blocker} (", fileErr, StringComparison.Ordinal);
        Assert.Equal(2, folderExit);
        Assert.Contains($"--export {_folder}: is a folder", folderErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void A_malformed_task_file_is_reported_with_file_line_and_field()
    {
        var task = Path.Combine(_folder, "bad.yaml");
        File.WriteAllText(task, "task:\n  name: x\n  robot_config: nowhere.yaml\nenvironment:\n  decimation: zero\n");

        var (exitCode, _, stderr) = CliProcess.Run(TimeSpan.FromMinutes(1), "train", "--config", task, "--iterations", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains($"{task}:5: environment.decimation: must be a whole number", stderr, StringComparison.Ordinal);
        Assert.Contains($"{task}:3: task.robot_config: file not found", stderr, StringComparison.Ordinal);
    }
}

public sealed class ExportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrl-export-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Repository(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HumanoidRl.sln"))) return Path.Combine(folder.FullName, relative);
        }
        throw new InvalidOperationException("repository root not found");
    }

    private static string[] Snapshot(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(folder, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}")];

    [Fact]
    public void Export_leaves_the_run_untouched_accepts_edits_that_keep_the_contract_and_a_moved_run_and_refuses_edits_that_change_it()
    {
        var task = Path.Combine(_folder, "balance.yaml");
        var text = File.ReadAllText(Repository("robot-config/tasks/balance.yaml"))
            .Replace(
                "robot_config: ../humanoid16.yaml",
                $"robot_config: {Repository("robot-config/humanoid16.yaml")}",
                StringComparison.Ordinal);
        File.WriteAllText(task, text);
        var run = Path.Combine(_folder, "run");
        var (trained, stdout, stderr) = CliProcess.Run(
            TimeSpan.FromMinutes(3), "train", "--config", task, "--envs", "2", "--iterations", "1", "--run-dir", run, "--threads", "1");
        Assert.True(trained == 0, $"{stdout}\n{stderr}");

        File.WriteAllText(task, text.Replace("iterations: 700", "iterations: 900", StringComparison.Ordinal));
        var before = Snapshot(run);
        var (kept, keptOut, keptErr) = CliProcess.Run(
            TimeSpan.FromMinutes(2), "export", "--run", run, "--out", Path.Combine(_folder, "a.onnx"));
        Assert.True(kept == 0, $"{keptOut}\n{keptErr}");
        Assert.True(File.Exists(Path.Combine(_folder, "a.onnx")));
        Assert.Equal(before, Snapshot(run)); // exporting reads the run and writes nothing into it

        // The folder name is only the policy's training_run label, not part of what its weights mean.
        var moved = Path.Combine(_folder, "moved");
        Directory.Move(run, moved);
        var (movedExit, movedOut, movedErr) = CliProcess.Run(
            TimeSpan.FromMinutes(2), "export", "--run", moved, "--out", Path.Combine(_folder, "m.onnx"));
        Assert.True(movedExit == 0, $"{movedOut}\n{movedErr}");

        File.WriteAllText(task, text.Replace("action_scale: 1.0", "action_scale: 0.5", StringComparison.Ordinal));
        var (changed, _, changedErr) = CliProcess.Run(
            TimeSpan.FromMinutes(2), "export", "--run", moved, "--out", Path.Combine(_folder, "b.onnx"));
        Assert.Equal(2, changed);
        Assert.Contains("action_scale: run started with 1, configs now give 0.5", changedErr, StringComparison.Ordinal);
    }
}
