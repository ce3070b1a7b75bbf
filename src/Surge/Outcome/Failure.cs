namespace Surge.Outcome;

/// <summary>Errors dominated the run: from when, how much, and why.</summary>
/// <param name="From">The second from which at least half the requests failed.</param>
/// <param name="ErrorRate">Share of failed requests from <paramref name="From"/> on, 0–1.</param>
/// <param name="Causes">The commonest causes, most first: an HTTP status (<c>503</c>) or a network error (<c>refused</c>), with counts.</param>
internal sealed record Failure(TimeSpan From, double ErrorRate, IReadOnlyList<ErrorCause> Causes);
