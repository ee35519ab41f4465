namespace HumanoidRl.Training.Runs;

/// <summary>A libtorch error a run recovered from by going back to its latest checkpoint.</summary>
/// <param name="FailedIteration">The iteration that failed.</param>
/// <param name="ResumedFromIteration">The checkpoint's iteration, where training carries on.</param>
/// <param name="Error">libtorch's message, first line.</param>
/// <param name="Attempt">Recoveries to this checkpoint so far, this one included.</param>
public sealed record LibTorchRecovery(int FailedIteration, int ResumedFromIteration, string Error, int Attempt)
{
    /// <summary>The first line of a libtorch message (the rest is its native stack).</summary>
    public static string FirstLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Split('\n', 2)[0].Trim();
    }
}
