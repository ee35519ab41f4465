using System.Runtime.Versioning;

namespace HumanoidRl.Hardware.Virtual;

/// <summary>The server of the configured bus <paramref name="BusName"/>.</summary>
[SupportedOSPlatform("linux")]
public sealed record NamedVirtualBusServer(string BusName, VirtualBusServer Server);
