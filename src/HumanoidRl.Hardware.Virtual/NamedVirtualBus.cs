namespace HumanoidRl.Hardware.Virtual;

/// <summary>A virtual bus standing in for the configured bus <paramref name="BusName"/>.</summary>
public sealed record NamedVirtualBus(string BusName, VirtualBus Bus);
