// Load tests in this assembly measure latency and throughput; running them one at a time keeps
// them from loading the same two cores at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
