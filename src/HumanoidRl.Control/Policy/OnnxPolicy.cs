using HumanoidRl.Core.Policy;
using Microsoft.ML.OnnxRuntime;

namespace HumanoidRl.Control.Policy;

/// <summary>
/// An exported HumanoidRl policy run by ONNX Runtime for one robot (batch 1). Input and output buffers are
/// allocated once and bound with an IoBinding, so <see cref="Run"/> does not allocate.
/// </summary>
public sealed class OnnxPolicy : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;
    private readonly float[] _input;
    private readonly float[] _output;

    private OnnxPolicy(string path, InferenceSession session, PolicyContract contract)
    {
        Path = path;
        _session = session;
        Contract = contract;
        _input = new float[contract.ObservationSize];
        _output = new float[contract.ActionSize];
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, _input.Length]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [1, _output.Length]);
        _runOptions = new RunOptions();
        _binding = _session.CreateIoBinding();
        _binding.BindInput(OnnxPolicyWriter.InputName, _inputValue);
        _binding.BindOutput(OnnxPolicyWriter.OutputName, _outputValue);
    }

    public string Path { get; }

    public PolicyContract Contract { get; }

    /// <summary>
    /// Loads and checks a policy file: ONNX that ONNX Runtime accepts, HumanoidRl contract metadata, and
    /// input/output shapes that agree with the contract. Every failure names the file and what is wrong.
    /// </summary>
    public static OnnxPolicy Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"{fullPath}: policy file not found", fullPath);

        using var options = new SessionOptions
        {
            // One robot, one small MLP: inference runs on the calling (loop) thread. With one intra-op and one
            // inter-op thread ONNX Runtime starts no pool threads at all, so none can spin and steal the loop's core.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        InferenceSession session;
        try
        {
            session = new InferenceSession(fullPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{fullPath}: not a loadable ONNX model: {e.Message}", e);
        }
        PolicyContract contract;
        try
        {
            contract = PolicyContract.FromMetadata(session.ModelMetadata.CustomMetadataMap, fullPath);
            CheckShape(fullPath, session.InputMetadata, OnnxPolicyWriter.InputName, contract.ObservationSize, "observation_size");
            CheckShape(fullPath, session.OutputMetadata, OnnxPolicyWriter.OutputName, contract.ActionSize, "action_size");
        }
        catch
        {
            session.Dispose();
            throw;
        }
        var policy = new OnnxPolicy(fullPath, session, contract);
        try
        {
            policy.FirstRun();
            return policy;
        }
        catch
        {
            policy.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A session's first run costs ONNX Runtime's lazy set-up and, the first time in a process, the JIT of this class's run
    /// path (on the VM 2 ms for a process's first session and 0.2 ms for later ones, against 20 us for the next run): done
    /// at load, off the loop thread, so that a policy's first tick does not pay it.
    /// A model that loads but cannot run is refused here, before anything uses it.
    /// </summary>
    private void FirstRun()
    {
        try
        {
            Run(new float[_input.Length], new float[_output.Length]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException(
                $"{Path}: ONNX Runtime loads the model but cannot run it on a [1, {_input.Length}] observation: {e.Message}", e);
        }
    }

    /// <summary>Runs the policy on one observation; the action is written into <paramref name="action"/>.</summary>
    public void Run(ReadOnlySpan<float> observation, Span<float> action)
    {
        if (observation.Length != _input.Length)
            throw new ArgumentException(
                $"observation has {observation.Length} values, the policy takes {_input.Length}", nameof(observation));
        if (action.Length != _output.Length)
            throw new ArgumentException($"action buffer has {action.Length} values, the policy gives {_output.Length}", nameof(action));
        observation.CopyTo(_input);
        _session.RunWithBinding(_runOptions, _binding);
        _output.AsSpan().CopyTo(action);
    }

    public void Dispose()
    {
        _binding.Dispose();
        _runOptions.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _session.Dispose();
    }

    private static void CheckShape(
        string path, IReadOnlyDictionary<string, NodeMetadata> nodes, string name, int width, string contractField)
    {
        if (!nodes.TryGetValue(name, out var node))
            throw new InvalidDataException($"{path}: the model has no '{name}' tensor (has: {string.Join(", ", nodes.Keys)})");
        var dims = node.Dimensions;
        if (dims.Length != 2 || dims[1] != width)
            throw new InvalidDataException(
                $"{path}: '{name}' has shape [{string.Join(", ", dims)}], " +
                $"but the contract's {contractField} is {width} (expected [batch, {width}])");
    }
}
