using System.Runtime.InteropServices;
using Spectre.Console;
using Surge.Execution;
using Surge.Outcome;

namespace Surge.Cli.Hosting;

/// <summary>
/// Ctrl+C and SIGTERM stop the test: the first time gracefully, the second time at once. Either
/// way the run ends normally, so the summary is printed and every file is complete.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly TestRunControl _control;
    private readonly IAnsiConsole _console;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public StopSignals(TestRunControl control, IAnsiConsole console)
    {
        _control = control;
        _console = console;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        var hard = _control.RequestStop(StopReason.Interrupted);
        _console.MarkupLine(hard
            ? "[yellow]stopping now: iterations in flight are interrupted[/]"
            : "[yellow]stopping gracefully: iterations in flight may finish (signal again to stop at once)[/]");
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
    }
}
