using System.CommandLine;
using Surge.Cli.Commands;
using Surge.Configuration;
using Surge.Outcome;
using Surge.Scripting;

namespace Surge.Cli;

/// <summary>The <c>surge</c> command: parsing, wiring, and turning failures into one line and an exit code.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static async Task<int> Main(string[] args)
    {
        // Every VU's connection is a file descriptor: take all the system allows, before anything opens one.
        Http.DescriptorLimit.Raise();

        var verbose = args.Contains("--verbose");
        var root = new RootCommand("Surge: load tests that tell you where the bottleneck is.")
        {
            RunCommand.Create(),
            RunCommand.CreateAggregate(),
            K8sCommand.Create(),
            FindMaxCommand.Create(),
            DemoCommand.Create(),
            ReportCommand.Create(),
            CompareCommand.Create(),
            HistoryCommand.Create(),
            NewCommand.Create(),
            AgentCommand.Create(),
            MonitorCommand.Create(),
            LabCommand.Create(),
        };
        root.Options.Add(Options.Verbose);
        var parsed = root.Parse(args);
        var unknown = UnknownOption(parsed);
        if (parsed.Errors.Count > 0 || unknown is not null)
        {
            var command = parsed.CommandResult.Command;
            var hint = command == root ? "surge --help" : $"surge {command.Name} --help";
            var message = unknown ?? (command == root ? UnknownCommand(parsed, root) : InOurWords(parsed.Errors[0].Message));
            await Console.Error.WriteLineAsync($"surge: error: {message} (see '{hint}')");
            return ExitCodes.InvalidConfig;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
        }
        catch (ScriptException exception)
        {
            foreach (var line in exception.Details)
            {
                await Console.Error.WriteLineAsync(line);
            }

            return Fail(exception, ExitCodes.ScriptError, verbose);
        }
        catch (Lab.Topology.LabException exception)
        {
            return Fail(exception, ExitCodes.InvalidConfig, verbose);
        }
        catch (ConfigException exception)
        {
            return Fail(exception, ExitCodes.InvalidConfig, verbose);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return Fail(exception, ExitCodes.InvalidConfig, verbose);
        }
        catch (Exception exception)
        {
            return Fail(exception, ExitCodes.GenericError, verbose);
        }
    }

    /// <summary>System.CommandLine's parse errors said the way Surge says things (the rest pass as they are).</summary>
    private static string InOurWords(string message)
    {
        if (System.Text.RegularExpressions.Regex.Match(message, "^Required argument missing for option: '(?<option>[^']+)'") is { Success: true } missing)
        {
            return $"{missing.Groups["option"].Value} needs a value after it";
        }

        if (System.Text.RegularExpressions.Regex.Match(message, "^Option '(?<option>[^']+)' expects a single argument but (?<count>[0-9]+) were provided") is { Success: true } twice)
        {
            return $"{twice.Groups["option"].Value} is given {twice.Groups["count"].Value} times; give it once";
        }

        return message;
    }

    private static int Fail(Exception exception, int exitCode, bool verbose)
    {
        Console.Error.WriteLine($"surge: error: {exception.Message}");
        if (verbose)
        {
            Console.Error.WriteLine(exception);
        }

        return exitCode;
    }

    /// <summary>No command, or one that does not exist (<c>surge rnu</c>): name it, with the closest command.</summary>
    private static string UnknownCommand(ParseResult parsed, RootCommand root)
    {
        var commands = root.Subcommands.Select(c => c.Name).ToList();
        var list = string.Join(", ", commands);
        if (parsed.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-')) is not { } given)
        {
            return parsed.UnmatchedTokens is [var option, ..]
                ? $"unknown option '{option}'; give a command first: {list}"
                : $"no command given; give one of {list}";
        }

        return Suggestions.Closest(given, commands) is { } match
            ? $"unknown command '{given}'; did you mean 'surge {match}'?"
            : $"unknown command '{given}'; the commands are {list}";
    }

    /// <summary>
    /// A misspelt option (<c>--vuz</c>) is taken by the parser for the command's positional argument
    /// (a URL or file), and the error would then be about that: name it as the unknown option it is.
    /// </summary>
    private static string? UnknownOption(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        foreach (var argument in command.Arguments)
        {
            var value = parsed.GetResult(argument)?.Tokens is [var first, ..] ? first.Value : null;
            if (value is { Length: > 1 } && value[0] == '-' && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                var names = command.Options.Concat(parsed.RootCommandResult.Command.Options).SelectMany(o => o.Aliases.Append(o.Name));
                return $"unknown option '{value}'{Suggestions.DidYouMean(value, names)}";
            }
        }

        return null;
    }
}
