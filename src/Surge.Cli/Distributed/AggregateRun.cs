using System.Net.Sockets;
using Surge.Configuration;
using Surge.Distributed;
using Surge.Execution;
using Surge.Outcome;
using Surge.Outputs;

namespace Surge.Cli.Distributed;

/// <summary>
/// The aggregator's run (<c>surge aggregate</c>, <c>surge run --generators N</c>): listens for the
/// generators, starts them too when they are local, and gives the outputs the merged seconds.
/// </summary>
internal static class AggregateRun
{
    /// <summary>Runs the merged test; null when it was stopped before every generator had joined.</summary>
    /// <exception cref="ConfigException">The address cannot be listened on, or a local generator failed before the start.</exception>
    public static async Task<RunOutcome?> RunAsync(TestPlan plan, IReadOnlyList<ITestOutput> outputs, TestRunControl control, Distribution distribution, IReadOnlyList<string> args)
    {
        var sequence = distribution.Sequence!;
        var aggregator = new Aggregator(plan, sequence, outputs, new AggregatorOptions { RequireAll = distribution.RequireAll }, TimeProvider.System);
        AggregatorServer server;
        try
        {
            server = await AggregatorServer.StartAsync(distribution.Listen, distribution.Token, aggregator);
        }
        catch (IOException exception) when (exception.InnerException is SocketException || exception.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigException($"--listen {distribution.Listen} cannot be listened on ({exception.Message.Split(':')[0]}); give another port");
        }

        await using (server)
        {
            using var stopping = control.GracefulStop.Register(() => aggregator.Stop(StopReason.Interrupted));
            if (!distribution.Local)
            {
                await Console.Error.WriteLineAsync($"surge aggregate listening on {server.Url}; waiting for {sequence.Segments.Count} generator(s), one per segment of {sequence}");
                await Console.Error.WriteLineAsync(
                    $"  on each generator: surge run … --execution-segment-sequence {sequence} --execution-segment {sequence.Segments[0]} --join http://HOST:{distribution.Listen.Port} --token …");
            }

            using var generators = distribution.Local ? LocalGenerators.Start(args, sequence, server.Url, distribution.Token, aggregator) : null;
            using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(control.GracefulStop, generators?.FailedBeforeStart ?? CancellationToken.None);
            try
            {
                return await aggregator.RunAsync(giveUp.Token);
            }
            catch (OperationCanceledException)
            {
                generators?.Kill();
                if (generators?.Failure is { } failure)
                {
                    throw new ConfigException($"{failure}; the test did not start");
                }

                await Console.Error.WriteLineAsync($"surge: stopped before every generator joined ({aggregator.Joined} of {sequence.Segments.Count}); nothing was run");
                return null;
            }
        }
    }
}
