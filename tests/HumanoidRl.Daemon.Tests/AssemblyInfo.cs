// Daemon tests run real control loops (free-running ones use a whole core); on a 2-core machine they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
