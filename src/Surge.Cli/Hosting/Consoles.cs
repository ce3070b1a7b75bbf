using Spectre.Console;

namespace Surge.Cli.Hosting;

/// <summary>The two consoles of a run: live progress on stderr, the summary on stdout (as k6 does).</summary>
internal static class Consoles
{
    // Spectre assumes 80 columns when output is redirected; summaries in files and CI logs read better wide.
    private const int RedirectedWidth = 160;

    public static IAnsiConsole Live { get; } = Create(Console.Error, Console.IsErrorRedirected);

    public static IAnsiConsole Summary { get; } = Create(Console.Out, Console.IsOutputRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
