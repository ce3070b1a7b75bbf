using System.Net;
using Surge.Configuration;
using Surge.Execution.Segments;

namespace Surge.Cli.Distributed;

/// <summary>
/// How a run takes part in a test of several generators: as the aggregator (<c>surge aggregate</c>, or
/// <c>surge run --generators N</c>, which also starts the generators), or as a generator that joins one
/// (<c>surge run --execution-segment … --join URL --token T</c>).
/// </summary>
internal sealed record Distribution
{
    /// <summary>The aggregator this generator joins; null for the aggregator itself.</summary>
    public Uri? Join { get; init; }

    /// <summary>How long a generator tries to reach its aggregator (it may start later).</summary>
    public TimeSpan JoinWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The token the aggregator and its generators share.</summary>
    public required string Token { get; init; }

    /// <summary>Where the aggregator listens.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The segments, one generator each (the aggregator's).</summary>
    public ExecutionSegmentSequence? Sequence { get; init; }

    /// <summary>True when this process starts the generators itself (<c>surge run --generators N</c>).</summary>
    public bool Local { get; init; }

    /// <summary>Stop the whole test when a generator is lost.</summary>
    public bool RequireAll { get; init; }

    /// <summary>True for the aggregator.</summary>
    public bool Aggregates => Join is null;

    /// <summary>Reads the distribution flags; null for a plain run.</summary>
    /// <exception cref="ConfigException">The flags do not fit together; one line says what to give.</exception>
    public static Distribution? From(bool aggregate, string? listen, string? join, string? token, int? generators, string? segment, string? sequence, bool requireAll)
    {
        token ??= Environment.GetEnvironmentVariable("SURGE_TOKEN");
        if (aggregate)
        {
            if (segment is not null || join is not null)
            {
                throw new ConfigException("surge aggregate runs no segment itself; give --execution-segment and --join to the generators (surge run)");
            }

            return new Distribution
            {
                Token = Required(token, "surge aggregate needs --token (or $SURGE_TOKEN), which its generators give too, e.g. --token $(openssl rand -hex 16)"),
                Listen = Commands.AgentCommand.Endpoint(listen ?? "127.0.0.1:6565"),
                Sequence = SequenceOf(generators, sequence, "surge aggregate needs --generators N (N equal parts) or --execution-segment-sequence, e.g. 0,1/4,2/4,3/4,1"),
                RequireAll = requireAll,
            };
        }

        if (generators is not null)
        {
            if (join is not null || segment is not null)
            {
                throw new ConfigException("--generators starts the generators and their aggregator on this machine; leave out --join and --execution-segment");
            }

            return new Distribution
            {
                Token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
                Sequence = SequenceOf(generators, sequence, ""),
                Local = true,
                RequireAll = requireAll,
            };
        }

        if (join is null)
        {
            return token is not null || requireAll
                ? throw new ConfigException("--token and --require-all are for distributed tests: give --join URL (a generator) or use surge aggregate")
                : null;
        }

        if (!Uri.TryCreate(join.Contains("://", StringComparison.Ordinal) ? join : "http://" + join, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ConfigException($"--join '{join}' is not the aggregator's address; write it like http://10.0.0.5:6565");
        }

        return segment is null
            ? throw new ConfigException("--join needs --execution-segment, this generator's part of the test, e.g. --execution-segment 1/4:2/4")
            : new Distribution
            {
                Join = url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/"),
                Token = Required(token, "--join needs --token (or $SURGE_TOKEN), the one surge aggregate was started with"),
                RequireAll = requireAll,
            };
    }

    /// <summary>The whole test cut into <paramref name="count"/> equal segments: <c>0,1/3,2/3,1</c>.</summary>
    public static ExecutionSegmentSequence EqualParts(int count) =>
        ExecutionSegmentSequence.Parse(string.Join(",", Enumerable.Range(0, count + 1).Select(i => i == 0 ? "0" : i == count ? "1" : $"{i}/{count}")));

    private static string Required(string? token, string message) =>
        string.IsNullOrWhiteSpace(token) ? throw new ConfigException(message) : token;

    private static ExecutionSegmentSequence SequenceOf(int? generators, string? sequence, string missing)
    {
        if (generators is { } count && sequence is not null)
        {
            var parsed = ExecutionSegmentSequence.Parse(sequence);
            return parsed.Segments.Count == count
                ? parsed
                : throw new ConfigException($"--generators {count} and --execution-segment-sequence {sequence} ({parsed.Segments.Count} segments) disagree; give one of them");
        }

        if (generators is { } n)
        {
            return n is >= 1 and <= 1000 ? EqualParts(n) : throw new ConfigException($"--generators must be from 1 to 1000, not {n}");
        }

        return sequence is not null ? ExecutionSegmentSequence.Parse(sequence) : throw new ConfigException(missing);
    }
}
