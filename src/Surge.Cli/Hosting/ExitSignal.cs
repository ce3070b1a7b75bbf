using System.Runtime.InteropServices;

namespace Surge.Cli.Hosting;

/// <summary>Completes when Ctrl+C or SIGTERM arrives: the way long-running commands (demo, agent, monitor) end.</summary>
internal sealed class ExitSignal : IDisposable
{
    private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public ExitSignal()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public Task Signalled => _signalled.Task;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _signalled.TrySetResult();
    }
}
