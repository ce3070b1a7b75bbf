namespace Surge.Cli.Commands;

/// <summary>The flags of <c>surge run</c>, parsed but not yet checked.</summary>
internal sealed record RunSettings
{
    public string? Url { get; init; }

    public int Vus { get; init; } = 1;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public string Method { get; init; } = "GET";

    public IReadOnlyList<string> Headers { get; init; } = [];

    public string? Body { get; init; }

    public string? BodyFile { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Thresholds { get; init; } = [];

    public IReadOnlyList<string> Goals { get; init; } = [];

    public bool Insecure { get; init; }
}
