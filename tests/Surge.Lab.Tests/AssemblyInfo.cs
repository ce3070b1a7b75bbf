// Each test brings up real servers on the same loopback addresses; one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
