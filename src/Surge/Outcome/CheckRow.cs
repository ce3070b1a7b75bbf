namespace Surge.Outcome;

/// <summary>One check of the script, over the whole run.</summary>
/// <param name="Group">The group it ran in (<c>::checkout</c>), empty outside groups.</param>
/// <param name="Name">The check's name.</param>
/// <param name="Passes">How often it held.</param>
/// <param name="Fails">How often it did not.</param>
internal sealed record CheckRow(string Group, string Name, long Passes, long Fails);
