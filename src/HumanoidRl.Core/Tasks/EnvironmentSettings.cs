using HumanoidRl.Core.Action;
using HumanoidRl.Core.Observation;

namespace HumanoidRl.Core.Tasks;

/// <summary>How a task's environment runs: rates, episode length, action mapping and actor observation.</summary>
public sealed record EnvironmentSettings
{
    /// <summary>Loop ticks per policy step: policy rate = loop rate / Decimation.</summary>
    public int Decimation { get; init; } = 4;

    public double EpisodeS { get; init; } = 20;

    public ActionMode ActionMode { get; init; } = ActionMode.Torque;

    /// <summary>Torque mode: fraction of the torque limit at action 1. PD mode: rad offset at action 1.</summary>
    public double ActionScale { get; init; } = 1.0;

    public required IReadOnlyList<ObservationTerm> ObservationTerms { get; init; }

    public int ObservationHistory { get; init; } = 1;

    /// <summary>Uniform noise (rad) added to the keyframe's joint angles at reset.</summary>
    public double InitialJointNoiseRad { get; init; }

    /// <summary>Gait clock period; the phase advances at 2 pi / PhasePeriodS.</summary>
    public double PhasePeriodS { get; init; } = 0.8;

    public ObservationLayout Layout(int jointCount) => new(ObservationTerms, jointCount, ObservationHistory);

    /// <summary>Seconds per policy step on a loop of the given period.</summary>
    public double PolicyDtS(double loopPeriodS) => loopPeriodS * Decimation;

    /// <summary>Policy steps in one episode (up to its time limit) on a loop of the given period.</summary>
    public int EpisodePolicySteps(double loopPeriodS) => (int)Math.Round(EpisodeS / PolicyDtS(loopPeriodS));
}
