namespace HumanoidRl.Core.Environments;

/// <summary>
/// N environments stepped together at the policy rate. Buffers are owned by the environment, laid out
/// env-major ([env * size + i]) and overwritten by every <see cref="Step"/>; copy what must outlive a step.
/// </summary>
public interface IVectorEnvironment : IDisposable
{
    int EnvironmentCount { get; }

    /// <summary>Actor observation length (only what the real robot can measure).</summary>
    int ObservationSize { get; }

    /// <summary>Critic observation length (actor observation plus privileged simulator state).</summary>
    int CriticObservationSize { get; }

    /// <summary>
    /// Where the critic observation holds the base's velocity, <see cref="BaseVelocitySize"/> values (forward, lateral,
    /// vertical in m/s, heading frame), the target of the actor's optional velocity estimation; -1 when it holds none.
    /// </summary>
    int CriticBaseVelocityIndex => -1;

    /// <summary>Values of the base velocity in the critic observation.</summary>
    const int BaseVelocitySize = 3;

    /// <summary>Action length; actions are normalized to [-1, 1].</summary>
    int ActionSize { get; }

    ReadOnlySpan<float> Observations { get; }

    ReadOnlySpan<float> CriticObservations { get; }

    /// <summary>Reward of the last step, per environment.</summary>
    ReadOnlySpan<float> Rewards { get; }

    /// <summary>1 where the last step ended the episode by failure (a fall): no bootstrap.</summary>
    ReadOnlySpan<byte> Terminated { get; }

    /// <summary>1 where the last step hit the time limit: PPO bootstraps the value.</summary>
    ReadOnlySpan<byte> Truncated { get; }

    /// <summary>Resets every environment with a fresh randomization drawn from the seed.</summary>
    void Reset(int seed);

    /// <summary>
    /// Applies actions ([env * ActionSize + j]) for one policy step. Environments whose episode ended are
    /// reset automatically, so the observations after the step are those of their next episode.
    /// </summary>
    void Step(ReadOnlySpan<float> actions);
}
