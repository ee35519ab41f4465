namespace HumanoidRl.Daemon.Config;

/// <summary>The daemon config's hardware section (serial-bus backend only).</summary>
public sealed record HardwareSettings
{
    public const int DefaultReplyTimeoutMarginMs = 5;

    /// <summary>Bus name -> serial device replacing the robot config's port (e.g. a sim serve-bus link).</summary>
    public IReadOnlyDictionary<string, string> PortOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Added to each reply's computed wire time before the reply counts as a timeout.</summary>
    public int ReplyTimeoutMarginMs { get; init; } = DefaultReplyTimeoutMarginMs;
}
