using Spectre.Console;
using Surge.Outcome;

namespace Surge.Reports.Console;

/// <summary>Prints the <c>█ DIAGNOSIS</c> section of the summary: the diagnosis's lines in the chosen language.</summary>
internal sealed class DiagnosisRenderer(IAnsiConsole console, DiagnosisLanguage language)
{
    /// <summary>Renders <paramref name="diagnosis"/>; nothing when there is none.</summary>
    public void Render(Diagnosis? diagnosis)
    {
        if (diagnosis is null)
        {
            return;
        }

        console.MarkupLine("  [bold]█ DIAGNOSIS[/]");
        foreach (var line in DiagnosisText.Lines(diagnosis, language))
        {
            console.MarkupLine("    " + Markup.Escape(line));
        }

        console.WriteLine();
    }
}
