using HumanoidRl.Control.Loop;
using HumanoidRl.Control.Policy;
using HumanoidRl.Control.Safety;
using HumanoidRl.Core.Action;
using HumanoidRl.Core.Observation;
using HumanoidRl.Core.Policy;
using HumanoidRl.Core.Sensing;

namespace HumanoidRl.Control.Controller;

/// <summary>
/// A loaded policy ready for the loop: its observation builder (the layout from its own contract, the same Core
/// code training used), ONNX inference at the policy rate, and its action mapping at the loop rate.
/// Allocation-free per tick; owned by the loop thread once swapped in.
/// </summary>
public sealed class PolicyRuntime : IDisposable
{
    private readonly OnnxPolicy _policy;
    private readonly ObservationBuilder _observations;
    private readonly ActionMapping _mapping;
    private readonly float[] _observation;
    private readonly float[] _action;
    private readonly float[] _lastAction;
    private readonly float[] _prewarmAction;
    private readonly long _loopPeriodNs;
    private readonly LatencyHistogram _inferenceTime = new(LatencyHistogram.LoopRangeUs);
    private readonly LatencyHistogram _prewarmTime = new(LatencyHistogram.LoopRangeUs);
    private long _ticks;
    private long _warmCallNs;
    private long _coldCallNs;

    /// <summary>Loads the file and checks its contract against the robot's; mismatches are named field by field.</summary>
    public PolicyRuntime(string path, PolicyContract robot)
    {
        ArgumentNullException.ThrowIfNull(robot);
        _policy = OnnxPolicy.Load(path);
        try
        {
            var contract = _policy.Contract;
            var mismatches = contract.MismatchesAgainst(robot);
            if (mismatches.Count > 0)
                throw new InvalidDataException(
                    $"{_policy.Path}: policy contract does not match the robot config: {string.Join("; ", mismatches)}");
            if (contract.Decimation < 1) throw new InvalidDataException($"{_policy.Path}: decimation {contract.Decimation} must be >= 1");
            ObservationLayout layout;
            try
            {
                layout = PolicyContracts.ParseLayout(contract);
            }
            catch (FormatException error)
            {
                throw new InvalidDataException($"{_policy.Path}: {error.Message}", error);
            }
            _observations = new ObservationBuilder(layout, [.. contract.DefaultPoseRad]);
            _mapping = new ActionMapping(contract.ActionMode, contract.ActionScale, [.. contract.TorqueLimitNm],
                [.. contract.DefaultPoseRad], [.. contract.KpNmPerRad], [.. contract.KdNmSPerRad]);
            _observation = new float[layout.Size];
            _action = new float[contract.ActionSize];
            _lastAction = new float[contract.ActionSize];
            _prewarmAction = new float[contract.ActionSize];
            _loopPeriodNs = contract.LoopPeriodNs;
            CompileLoopCalls();
        }
        catch
        {
            _policy.Dispose();
            throw;
        }
    }

    public PolicyContract Contract => _policy.Contract;

    public string Path => _policy.Path;

    /// <summary>
    /// Duration of each ONNX Runtime call (the policy's Run alone, on the ticks that run inference), a part of the
    /// controller's compute; written by the loop thread, readable from any thread.
    /// </summary>
    public LatencyHistogram InferenceTime => _inferenceTime;

    /// <summary>Duration of each <see cref="Prewarm"/> call: the ONNX Runtime call as it costs when it comes cold.</summary>
    public LatencyHistogram PrewarmTime => _prewarmTime;

    /// <summary>Whether the next <see cref="Tick"/> runs inference (one tick in decimation).</summary>
    public bool InferenceDue => _ticks % Contract.Decimation == 0;

    /// <summary>The latest action the policy produced (normalized).</summary>
    public ReadOnlySpan<float> LastAction => _lastAction;

    /// <summary>Called when Policy mode starts: fresh history, no previous action, clock at zero.</summary>
    public void Reset()
    {
        _observations.Reset();
        Array.Clear(_lastAction);
        Array.Clear(_action);
        _ticks = 0;
    }

    /// <summary>
    /// One loop tick: at the policy rate, a new observation and inference; every tick, the action mapped to
    /// torques. Returns false (with the fault) when the policy output is not finite.
    /// </summary>
    public bool Tick(SensorFrame frame, ReadOnlySpan<float> command, Span<double> torqueNm, long nowNs, out FaultEvent fault)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_ticks % Contract.Decimation == 0)
        {
            var phase = 2 * Math.PI * (_ticks * _loopPeriodNs / 1e9) / Contract.PhasePeriodS;
            _observations.Build(new ObservationInput(frame, _lastAction, command, phase), _observation);
            var inferenceStartNs = LinuxClock.NowNs();
            _policy.Run(_observation, _action);
            var callNs = LinuxClock.NowNs() - inferenceStartNs;
            _inferenceTime.Record(callNs);
            // A running mean over about eight calls: one slow call does not cut the next warm-up short.
            _warmCallNs = _warmCallNs == 0 ? callNs : _warmCallNs + ((callNs - _warmCallNs) / 8);
            if (SafetyLayer.CheckPolicyOutput(_action, nowNs, out fault)) return false;
            ActionMapping.ClampNormalized(_action, _lastAction);
        }
        _ticks++;
        _mapping.ToTorques(_lastAction, frame.JointPositionRad, frame.JointVelocityRadPerS, torqueNm);
        fault = default;
        return true;
    }

    /// <summary>
    /// Runs inference once on the last observation and discards the result, so that the next tick's call finds ONNX
    /// Runtime's code and data in cache. Called by <see cref="WarmUpBefore"/> shortly before an inference tick's deadline.
    /// </summary>
    public void Prewarm()
    {
        var startNs = LinuxClock.NowNs();
        _policy.Run(_observation, _prewarmAction);
        _coldCallNs = LinuxClock.NowNs() - startNs;
        _prewarmTime.Record(_coldCallNs);
    }

    /// <summary>
    /// After <see cref="Prewarm"/>: runs the same call again while one more, at twice a warm call's cost, still ends
    /// before <paramref name="deadlineNs"/>, because on a shared host ONNX Runtime's code and data cool again within a few
    /// hundred microseconds.
    /// </summary>
    /// <returns>How many calls ran.</returns>
    public int KeepWarm(long deadlineNs)
    {
        // Before the first inference the warm-up's own cold call is the estimate: an ample one.
        var callEstimateNs = _warmCallNs > 0 ? _warmCallNs : _coldCallNs;
        var calls = 0;
        while (deadlineNs - LinuxClock.NowNs() > 2 * callEstimateNs)
        {
            _policy.Run(_observation, _prewarmAction);
            calls++;
        }
        return calls;
    }

    /// <summary>
    /// Before a tick that will run inference: waits to <paramref name="leadNs"/> before the timer's next deadline (spinning
    /// as the deadline wait does, when realtime.spin_us reaches that far), warms the policy up to shortly before the
    /// deadline, then busy-waits to it, because a sleep and its wake-up would let the caches cool again.
    /// </summary>
    public PrewarmOutcome WarmUpBefore(DeadlineTimer timer, long leadNs)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var deadlineNs = timer.NextDeadlineNs;
        timer.WaitUntilBeforeDeadline(leadNs);
        // A tick already late is not made later by a warm-up: its own call costs less than both together.
        if (LinuxClock.NowNs() >= deadlineNs) return PrewarmOutcome.Skipped;
        Prewarm();
        // Ran past its lead: the tick starts late by the excess.
        var pastDeadline = LinuxClock.NowNs() > deadlineNs;
        var repeats = 0;
        var repeatsPastDeadline = false;
        if (!pastDeadline)
        {
            repeats = KeepWarm(deadlineNs);
            // Each repeat starts only while one fits, so only one that took far longer than a warm call ends past the deadline.
            repeatsPastDeadline = LinuxClock.NowNs() > deadlineNs;
        }
        LinuxClock.SpinUntilNs(deadlineNs);
        return new PrewarmOutcome(pastDeadline, repeats, repeatsPastDeadline);
    }

    public void Dispose() => _policy.Dispose();

    /// <summary>
    /// Makes each call the loop makes on a policy once, on a still frame at the default pose, then forgets it all, so
    /// that the JIT compiles them here, on the thread that loads the policy: compiled in the loop, they would overrun the
    /// first ticks in Policy mode.
    /// </summary>
    private void CompileLoopCalls()
    {
        _ = InferenceDue;
        var frame = new SensorFrame(Contract.JointNames.Count);
        for (var j = 0; j < frame.JointCount; j++) frame.JointPositionRad[j] = Contract.DefaultPoseRad[j];
        Tick(frame, stackalloc float[3], stackalloc double[frame.JointCount], LinuxClock.NowNs(), out _);
        Prewarm();
        KeepWarm(LinuxClock.NowNs());
        Reset();
        _inferenceTime.Clear();
        _prewarmTime.Clear();
        _warmCallNs = 0;
        _coldCallNs = 0;
    }
}
