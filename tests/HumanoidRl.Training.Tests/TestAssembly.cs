// Runners seed and draw initial weights from libtorch's one global generator (torch.manual_seed), and
// torch.set_num_threads is process-wide too: test classes running in parallel would interleave those draws and
// make the bit-exact reproducibility tests fail at random. One process trains one run in the CLI, so only the
// tests share them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
