namespace HumanoidRl.Daemon.Streaming;

/// <summary>
/// An item that <see cref="FanOut{T}"/> hands to several subscribers and that is reused once all are done with it:
/// the fan-out takes a reference for each subscriber that accepts it, and each releases its own after writing it.
/// </summary>
public interface ISharedItem
{
    void Retain();

    void Release();
}
