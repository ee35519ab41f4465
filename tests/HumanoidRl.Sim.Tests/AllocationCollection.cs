namespace HumanoidRl.Sim.Tests;

/// <summary>
/// Tests that count process-wide allocations run alone: xunit would otherwise run other test classes in
/// parallel and their allocations would be counted too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "process-wide allocation counting";
}
