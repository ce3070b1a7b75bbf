using System.Runtime.InteropServices;
using Spectre.Console;
using Surge.Execution;
using Surge.Outcome;

namespace Surge.Cli.Hosting;

/// <summary>
/// Ctrl+C and SIGTERM during a search of many runs (<c>surge find-max</c>): the search takes no further
/// step, and the step in flight stops as <see cref="StopSignals"/> stops a run (gracefully, then at once
/// on a second signal), so the steps so far and the best so far are still printed.
/// </summary>
internal sealed class SearchSignals : IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly CancellationTokenSource _stopped = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private TestRunControl? _current;

    public SearchSignals(IAnsiConsole console)
    {
        _console = console;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled on the first signal: no step starts after it.</summary>
    public CancellationToken Stopped => _stopped.Token;

    /// <summary>Makes <paramref name="control"/> the run a signal stops, until the returned scope ends.</summary>
    public IDisposable Watch(TestRunControl control)
    {
        Volatile.Write(ref _current, control);
        if (_stopped.IsCancellationRequested)
        {
            control.RequestStop(StopReason.Interrupted);
        }

        return new Scope(this);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _stopped.Cancel();
        var hard = Volatile.Read(ref _current)?.RequestStop(StopReason.Interrupted) ?? false;
        _console.MarkupLine(hard
            ? "[yellow]stopping now: this step's iterations in flight are interrupted[/]"
            : "[yellow]stopping the search after this step's iterations in flight finish (signal again to stop at once)[/]");
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _stopped.Dispose();
    }

    private sealed class Scope(SearchSignals owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._current, null);
    }
}
