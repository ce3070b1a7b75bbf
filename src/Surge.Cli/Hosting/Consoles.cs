using Spectre.Console;

namespace Surge.Cli.Hosting;

/// <summary>The two consoles of a run: live progress on stderr, the summary on stdout (as k6 does).</summary>
internal static class Consoles
{
    // Spectre assumes 80 columns when output is redirected; summaries in files and CI logs read better wide.
    private const int RedirectedWidth = 160;

    // Live lines in a log are one event each: wrapped, a notice could no longer be found with grep.
    private const int RedirectedLiveWidth = 4000;

    public static IAnsiConsole Live { get; } = Create(Console.Error, Console.IsErrorRedirected ? RedirectedLiveWidth : null);

    public static IAnsiConsole Summary { get; } = Create(Console.Out, Console.IsOutputRedirected ? RedirectedWidth : null);

    private static IAnsiConsole Create(TextWriter writer, int? width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (width is { } columns)
        {
            console.Profile.Width = columns;
        }

        return console;
    }
}
