namespace Surge.Distributed;

/// <summary>The aggregator refuses a generator: it runs another test, or its segment is taken or not in the sequence.</summary>
internal sealed class JoinRefusedException(string message) : Exception(message);
