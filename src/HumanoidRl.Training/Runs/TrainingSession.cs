using System.Diagnostics;
using System.Runtime.InteropServices;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Robot;
using HumanoidRl.Core.Tasks;
using HumanoidRl.Sim.Environment;
using HumanoidRl.Training.Export;
using HumanoidRl.Training.Native;
using HumanoidRl.Training.Ppo;

namespace HumanoidRl.Training.Runs;

/// <summary>Why <see cref="TrainingSession.Run"/> returned.</summary>
public enum TrainingOutcome
{
    Completed,
    TimeBudgetReached,
    Interrupted,
}

/// <summary>
/// One training run in its folder: the randomized humanoid environments, the PPO runner, checkpoints
/// (atomic, periodic and on interruption), TensorBoard events, progress.csv, the learning curve and the
/// exported policy. <see cref="Resume"/> continues from the latest checkpoint with weights, optimizer,
/// normalizers, generator state, command curriculum and iteration restored.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    public const string CheckpointFolder = "checkpoints";
    public const string LatestCheckpoint = "latest.ckpt";
    public const string PolicyFileName = "policy.onnx";
    public const string ContractFileName = "contract.json";

    private readonly HumanoidTask _task;
    private readonly HumanoidVectorEnvironment _environments;
    // Opened by the first Run: a session opened to export must leave the run folder as it found it.
    private TensorBoardLog? _tensorBoard;
    private ProgressLog? _progress;
    private readonly int _checkpointEvery;
    // The iteration latest.ckpt holds (-1: none written or read by this session).
    private int _checkpointIteration = -1;

    private TrainingSession(string runFolder, RunManifest manifest, TaskConfig task, RobotConfig robot, int threads, int checkpointEvery)
    {
        TorchSharpLoader.Ensure();
        RunFolder = runFolder;
        Manifest = manifest;
        _checkpointEvery = checkpointEvery;
        _task = new HumanoidTask(task, robot);
        var curriculum = CommandCurriculum.ForTask(task, manifest.Environments);
        _environments = new HumanoidVectorEnvironment(_task, manifest.Environments, threads, curriculum);
        Runner = new OnPolicyRunner(_environments, new TrainingSettings
        {
            Ppo = task.Ppo,
            Policy = task.Policy,
            Seed = manifest.Seed,
            UpdateTorchThreadCount = threads,
        }, curriculum);
        Contract = PolicyContracts.ForTask(robot, task, Path.GetFileName(runFolder));
    }

    public string RunFolder { get; }

    public RunManifest Manifest { get; private set; }

    public OnPolicyRunner Runner { get; }

    public PolicyContract Contract { get; }

    public string LatestCheckpointPath => Path.Combine(RunFolder, CheckpointFolder, LatestCheckpoint);

    /// <summary>
    /// Starts a new run in an empty folder. With <see cref="TrainingRunOptions.InitFrom"/> naming a checkpoint the
    /// run takes the whole training state of another run (weights, normalizers, optimizer and learning rate,
    /// generator, command curriculum, iteration) and continues it under this task config, e.g. with changed reward
    /// weights. Naming an exported policy (.onnx, for when the checkpoints are gone) it takes the actor, its
    /// normalizer and the action std the file recorded, and starts at iteration 0 with a fresh critic. Either way
    /// the source's policy contract (the checkpoint's run's contract.json, the policy's metadata) must match this
    /// config's, or the weights would be read against another observation layout or action meaning; a refused
    /// start leaves no run folder behind.
    /// </summary>
    public static TrainingSession Start(string taskFile, TaskConfig task, RobotConfig robot, TrainingRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(robot);
        ArgumentNullException.ThrowIfNull(options);
        var folder = Path.GetFullPath(options.RunFolder);
        if (File.Exists(Path.Combine(folder, RunManifest.FileName)))
            throw new InvalidOperationException(
                $"{folder}: already holds a training run; resume it with --resume {options.RunFolder} or choose another --run-dir");
        var contract = PolicyContracts.ForTask(robot, task, Path.GetFileName(folder));
        ArgumentOutOfRangeException.ThrowIfNegative(options.CriticWarmupIterations);
        var initFrom = options.InitFrom is { } source ? Path.GetFullPath(source) : null;
        var fromCheckpoint = initFrom is not null && !IsExportedPolicy(initFrom);
        if (fromCheckpoint) VerifyInitCheckpoint(initFrom!, contract);
        var takenOverPolicy = initFrom is not null && !fromCheckpoint ? VerifyInitPolicy(initFrom, contract) : null;
        var createdFolder = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        var manifest = new RunManifest
        {
            TaskFile = Path.GetFullPath(taskFile),
            TaskFileSha256 = RunManifest.Fingerprint(taskFile),
            RobotConfigFile = Path.GetFullPath(robot.SourcePath),
            RobotConfigSha256 = RunManifest.Fingerprint(robot.SourcePath),
            Seed = options.Seed,
            Environments = options.Environments,
            TargetIterations = options.Iterations,
            BudgetMinutes = options.Minutes,
            SourceRevision = SourceRevision.Describe(Path.GetDirectoryName(Path.GetFullPath(taskFile))!),
            StartedUtc = DateTime.UtcNow.ToString("O"),
            CommandLine = options.CommandLine,
            Machine = $"{Environment.MachineName}, {Environment.ProcessorCount} cores, "
                + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            InitializedFrom = initFrom,
            InitializedFromSha256 = initFrom is null ? null : RunManifest.Fingerprint(initFrom),
        };
        TrainingSession? session = null;
        try
        {
            session = new TrainingSession(folder, manifest, task, robot, options.Threads, options.CheckpointEveryIterations);
            if (fromCheckpoint)
            {
                session.ContinueFrom(initFrom!);
                if (session.Runner.Iteration >= options.Iterations)
                    throw new ArgumentException(
                        $"{initFrom}: the checkpoint is at iteration {session.Runner.Iteration}; --iterations counts from the start "
                        + $"of its run, so give more than {session.Runner.Iteration}");
            }
            else
            {
                if (takenOverPolicy is not null)
                    session.Runner.TakeOverPolicy(takenOverPolicy.Weights,
                        PolicyExport.TrainingActionStd(takenOverPolicy.Metadata, session.Runner.ActorCritic.ActionSize, initFrom!),
                        initFrom!);
                session._environments.Reset(unchecked((int)options.Seed));
            }
            session.Runner.CriticOnlyBeforeIteration = session.Runner.Iteration + options.CriticWarmupIterations;
            session.Manifest = manifest = manifest with { CriticOnlyBeforeIteration = session.Runner.CriticOnlyBeforeIteration };
            manifest.Write(folder);
            File.Copy(taskFile, Path.Combine(folder, "task.yaml"), overwrite: true);
            ResolvedConfig.Write(folder, task, robot);
            AtomicFile.WriteAllText(
                Path.Combine(folder, ContractFileName), System.Text.Json.JsonSerializer.Serialize(contract.ToMetadata()));
            File.Copy(robot.SourcePath, Path.Combine(folder, "robot.yaml"), overwrite: true);
            return session;
        }
        catch
        {
            session?.Dispose();
            if (createdFolder) Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Contract fields a new run may change from its source: labels, and the gait clock's period (the weights still
    /// read sin/cos of the phase, which then turns faster or slower).
    /// </summary>
    private static readonly HashSet<string> ChangeableOnInit = ["training_run", "task", "phase_period_s"];

    /// <summary>Whether --init-from names an exported policy (by its .onnx extension) rather than a checkpoint.</summary>
    public static bool IsExportedPolicy(string path) => string.Equals(Path.GetExtension(path), ".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws unless the checkpoint's run's recorded contract matches this run's.</summary>
    private static void VerifyInitCheckpoint(string path, PolicyContract contract)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: checkpoint to initialize from not found", path);
        // Checkpoints live in RUN/checkpoints/; the run's contract.json says what its weights mean.
        var recordedContract = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path)!)!, ContractFileName);
        if (!File.Exists(recordedContract))
            throw new FileNotFoundException(
                $"{path}: no {ContractFileName} in its run folder ({recordedContract}), so what its weights mean is unknown",
                recordedContract);
        VerifyContractMatches(ReadContractRecord(recordedContract), recordedContract, contract, ChangeableOnInit,
            $"{path}: its policy does not fit this task config", "its run has");
    }

    /// <summary>
    /// The exported policy, once its contract (the file's metadata) is known to match this run's. A policy that reads
    /// the same observation frame over fewer frames is widened to this run's history (<see cref="HistoryWidening"/>).
    /// </summary>
    private static OnnxPolicyFile VerifyInitPolicy(string path, PolicyContract contract)
    {
        var policy = OnnxPolicyReader.Read(path);
        var source = PolicyContract.FromMetadata(policy.Metadata, path);
        var sourceHistory = HistoryWidening.ShorterSourceHistory(source, contract);
        // A policy to be widened is compared as widened: everything but its history must match.
        var compared = sourceHistory is null
            ? policy.Metadata
            : (source with { ObservationLayout = contract.ObservationLayout, ObservationSize = contract.ObservationSize }).ToMetadata();
        VerifyContractMatches(
            compared, path, contract, ChangeableOnInit, $"{path}: this policy does not fit this task config", "the policy has");
        if (sourceHistory is not { } history) return policy;
        var frameSize = source.ObservationSize / history;
        return policy with { Weights = HistoryWidening.Widen(policy.Weights, frameSize, history, contract.ObservationSize / frameSize) };
    }

    /// <summary>
    /// Reopens a run from its folder and its latest checkpoint (or the given one); refuses configs that changed
    /// since it started.
    /// </summary>
    public static TrainingSession Resume(string runFolder, int threads, int? targetIterations = null, string? checkpointPath = null) =>
        Open(runFolder, threads, targetIterations, checkpointPath, forExport: false);

    /// <summary>
    /// Reopens a run to export a checkpoint. Config edits that leave the policy contract as it was at the start of
    /// the run (a budget, a servo's torque constant) are fine; anything that changes the contract is refused
    /// naming the fields.
    /// </summary>
    public static TrainingSession OpenForExport(string runFolder, string? checkpointPath = null) =>
        Open(runFolder, threads: 1, targetIterations: null, checkpointPath, forExport: true);

    private static TrainingSession Open(string runFolder, int threads, int? targetIterations, string? checkpointPath, bool forExport)
    {
        var folder = Path.GetFullPath(runFolder);
        var manifest = RunManifest.Read(folder);
        var recordedContract = Path.Combine(folder, ContractFileName);
        if (!forExport || !File.Exists(recordedContract)) manifest.VerifyConfigsUnchanged();
        if (targetIterations is { } target) manifest = manifest with { TargetIterations = target };
        var task = TaskConfigLoader.Load(manifest.TaskFile);
        var robot = RobotConfigLoader.Load(manifest.RobotConfigFile);
        if (forExport && File.Exists(recordedContract))
            // The folder's name is only a label (training_run): a moved or renamed run still exports.
            VerifyContractMatches(ReadContractRecord(recordedContract), recordedContract,
                PolicyContracts.ForTask(robot, task, Path.GetFileName(folder)), ignoring: new HashSet<string> { "training_run" },
                $"{recordedContract}: the configs changed what this run's policy means", "run started with");
        var session = new TrainingSession(folder, manifest, task, robot, threads, checkpointEvery: 25);
        var checkpoint = checkpointPath is null ? session.LatestCheckpointPath : Path.GetFullPath(checkpointPath);
        if (!File.Exists(checkpoint))
            throw new FileNotFoundException($"{checkpoint}: the run has no checkpoint to resume from", checkpoint);
        session.ContinueFrom(checkpoint);
        session.Runner.CriticOnlyBeforeIteration = manifest.CriticOnlyBeforeIteration;
        return session;
    }

    /// <summary>
    /// Restores the training state of a checkpoint (a resume, or --init-from). Environment episodes restart from a
    /// seed tied to the iteration, so a continued run is reproducible.
    /// </summary>
    private void ContinueFrom(string checkpoint)
    {
        Runner.LoadCheckpoint(checkpoint);
        _checkpointIteration = Runner.Iteration;
        _environments.Reset(unchecked((int)Manifest.Seed + Runner.Iteration));
    }

    /// <summary>
    /// Recoveries to one checkpoint before a libtorch error is taken as persistent. TorchSharp 0.107 frees the Scalars
    /// it makes for a call from the finalizer thread, which can race with the call: a rare, transient libtorch
    /// error that a repeat of the same iterations does not meet again.
    /// </summary>
    public const int MaxLibTorchRecoveriesPerCheckpoint = 3;

    /// <summary>
    /// Trains until the target iteration, the time budget or a stop request; checkpoints before returning. A libtorch
    /// error during an iteration leaves the weights half updated: the run goes back to its latest checkpoint and
    /// carries on (reported through <paramref name="onRecovery"/>), up to
    /// <see cref="MaxLibTorchRecoveriesPerCheckpoint"/> times per checkpoint; past that the error is rethrown and the
    /// latest checkpoint is left as it was.
    /// </summary>
    public TrainingOutcome Run(
        CancellationToken stop, Action<IterationStatistics, TimeSpan?>? onIteration = null, Action<LibTorchRecovery>? onRecovery = null)
    {
        var clock = Stopwatch.StartNew();
        var startIteration = Runner.Iteration;
        var tensorBoard = _tensorBoard ??= new TensorBoardLog(RunFolder);
        var progress = _progress ??= new ProgressLog(RunFolder);
        var outcome = TrainingOutcome.Completed;
        var iterationInDoubt = false;
        int recoveredTo = -1, recoveriesThere = 0;
        try
        {
            while (Runner.Iteration < Manifest.TargetIterations)
            {
                if (stop.IsCancellationRequested)
                {
                    outcome = TrainingOutcome.Interrupted;
                    break;
                }
                if (Manifest.BudgetMinutes is { } minutes && clock.Elapsed.TotalMinutes >= minutes)
                {
                    outcome = TrainingOutcome.TimeBudgetReached;
                    break;
                }
                iterationInDoubt = true;
                var iteration = Runner.Iteration + 1;
                try
                {
                    var statistics = Runner.Learn(1)[0];
                    tensorBoard.Add(statistics);
                    progress.Add(statistics, clock.Elapsed.TotalSeconds);
                    if (Runner.Iteration % _checkpointEvery == 0) SaveCheckpoint();
                    onIteration?.Invoke(statistics, Eta(clock.Elapsed, Runner.Iteration - startIteration));
                }
                catch (ExternalException error) when (File.Exists(LatestCheckpointPath)
                    && (_checkpointIteration != recoveredTo || recoveriesThere < MaxLibTorchRecoveriesPerCheckpoint))
                {
                    recoveriesThere = _checkpointIteration == recoveredTo ? recoveriesThere + 1 : 1;
                    recoveredTo = _checkpointIteration;
                    ContinueFrom(LatestCheckpointPath);
                    startIteration = Math.Min(startIteration, Runner.Iteration);
                    onRecovery?.Invoke(new LibTorchRecovery(
                        iteration, Runner.Iteration, LibTorchRecovery.FirstLine(error.Message), recoveriesThere));
                }
                iterationInDoubt = false;
            }
        }
        finally
        {
            if (!iterationInDoubt) SaveCheckpoint();
            LearningCurve.Write(RunFolder, progress, $"{Contract.Task}: {Path.GetFileName(RunFolder)}");
        }
        ExportPolicy(Path.Combine(RunFolder, PolicyFileName));
        return outcome;
    }

    private static Dictionary<string, string> ReadContractRecord(string path) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))
        ?? throw new InvalidDataException($"{path}: empty contract record");

    private static void VerifyContractMatches(
        IReadOnlyDictionary<string, string> raw,
        string recordedPath,
        PolicyContract current,
        IReadOnlySet<string> ignoring,
        string problem,
        string recordedLabel)
    {
        // Through the parser, so keys added to the contract since (with their defaults) compare equal.
        var recorded = PolicyContract.FromMetadata(raw, recordedPath).ToMetadata();
        var changed = current.ToMetadata()
            .Where(entry => !ignoring.Contains(entry.Key) && (!recorded.TryGetValue(entry.Key, out var before) || before != entry.Value))
            .Select(entry =>
                $"{entry.Key}: {recordedLabel} {recorded.GetValueOrDefault(entry.Key, "(none)")}, configs now give {entry.Value}")
            .ToList();
        if (changed.Count > 0) throw new InvalidDataException($"{problem}: {string.Join("; ", changed)}");
    }

    public void SaveCheckpoint()
    {
        Runner.SaveCheckpoint(LatestCheckpointPath);
        _checkpointIteration = Runner.Iteration;
        if (Runner.Iteration > 0 && Runner.Iteration % 100 == 0)
            File.Copy(
                LatestCheckpointPath, Path.Combine(RunFolder, CheckpointFolder, $"model_{Runner.Iteration:D6}.ckpt"), overwrite: true);
    }

    public void ExportPolicy(string path) => PolicyExport.WriteFile(path, PolicyExport.ToOnnx(Runner, Contract));

    public void Dispose()
    {
        Runner.Dispose();
        _environments.Dispose();
        _task.Dispose();
    }

    private TimeSpan? Eta(TimeSpan elapsed, int iterationsDone)
    {
        if (iterationsDone == 0) return null;
        var perIteration = elapsed / iterationsDone;
        var byIterations = perIteration * (Manifest.TargetIterations - Runner.Iteration);
        if (Manifest.BudgetMinutes is not { } minutes) return byIterations;
        var byBudget = TimeSpan.FromMinutes(minutes) - elapsed;
        return byBudget < byIterations ? byBudget : byIterations;
    }
}
