namespace HumanoidRl.Training.Ppo;

/// <summary>Means over the most recent finished episodes.</summary>
/// <param name="EpisodeCount">Finished episodes the means are taken over (0: no episode has finished yet, means are NaN).</param>
/// <param name="MeanReturn">Undiscounted sum of environment rewards per episode.</param>
/// <param name="MeanLength">Policy steps per episode.</param>
/// <param name="FallRate">Fraction of those episodes that ended by termination (a fall) rather than the time limit.</param>
public sealed record EpisodeStatistics(int EpisodeCount, double MeanReturn, double MeanLength, double FallRate);

/// <summary>Accumulates per-environment returns and lengths and keeps a window of finished episodes.</summary>
public sealed class EpisodeTracker
{
    private readonly double[] _returns;
    private readonly int[] _lengths;
    private readonly Queue<(double Return, int Length, bool Fell)> _finished = new();

    public EpisodeTracker(int environmentCount, int windowEpisodes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(environmentCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowEpisodes, 1);
        _returns = new double[environmentCount];
        _lengths = new int[environmentCount];
        WindowEpisodes = windowEpisodes;
    }

    public int WindowEpisodes { get; }

    /// <summary>Episodes finished since the tracker was created.</summary>
    public long TotalEpisodes { get; private set; }

    /// <summary>Records one step of every environment.</summary>
    public void Record(ReadOnlySpan<float> rewards, ReadOnlySpan<byte> terminated, ReadOnlySpan<byte> truncated)
    {
        if (rewards.Length != _returns.Length || terminated.Length != _returns.Length || truncated.Length != _returns.Length)
            throw new ArgumentException(
                $"Episode tracker expects {_returns.Length} rewards/terminated/truncated values, " +
                $"got {rewards.Length}/{terminated.Length}/{truncated.Length}.");
        for (var env = 0; env < _returns.Length; env++)
        {
            _returns[env] += rewards[env];
            _lengths[env]++;
            var fell = terminated[env] != 0;
            if (!fell && truncated[env] == 0) continue;
            _finished.Enqueue((_returns[env], _lengths[env], fell));
            if (_finished.Count > WindowEpisodes) _finished.Dequeue();
            TotalEpisodes++;
            _returns[env] = 0;
            _lengths[env] = 0;
        }
    }

    /// <summary>Forgets the returns and lengths of episodes still running (their environments are being reset).</summary>
    public void AbandonRunningEpisodes()
    {
        Array.Clear(_returns);
        Array.Clear(_lengths);
    }

    public EpisodeStatistics Statistics()
    {
        if (_finished.Count == 0) return new EpisodeStatistics(0, double.NaN, double.NaN, double.NaN);
        double returns = 0, lengths = 0, falls = 0;
        foreach (var (episodeReturn, length, fell) in _finished)
        {
            returns += episodeReturn;
            lengths += length;
            if (fell) falls++;
        }
        var count = _finished.Count;
        return new EpisodeStatistics(count, returns / count, lengths / count, falls / count);
    }
}
