namespace Surge.Outcome;

/// <summary>One cause of failed requests.</summary>
/// <param name="Name">An HTTP status code (<c>503</c>) or a network error kind (<c>refused</c>, <c>timeout</c>).</param>
/// <param name="Count">Requests it failed.</param>
internal sealed record ErrorCause(string Name, long Count);
