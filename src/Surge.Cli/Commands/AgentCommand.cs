using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using Surge.Cli.Agent;
using Surge.Cli.Hosting;
using Surge.Configuration;
using Surge.Outcome;

namespace Surge.Cli.Commands;

/// <summary>
/// <c>surge agent</c>: run on a server under test; streams its host's CPU, memory, network and disk,
/// named processes and cgroups (containers, services), every second to <c>surge run --monitor agent://HOST:PORT</c>.
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Address:port to listen on. 127.0.0.1 unless you say otherwise (e.g. 0.0.0.0:9661 to be reached from the load generator).", DefaultValueFactory = _ => "127.0.0.1:9661" };
        var token = new Option<string?>("--token") { Description = "The token clients must send (default: $SURGE_AGENT_TOKEN, else a random one, printed)." };
        var processes = new Option<string[]>("--process") { Description = "A process to watch by name, e.g. postgres, java (repeatable)." };
        var cgroups = new Option<string[]>("--cgroup") { Description = "A cgroup to watch, [LABEL=]PATH, e.g. api=/sys/fs/cgroup/system.slice/docker-ID.scope: CPU of its quota, memory of its limit (repeatable)." };
        var command = new Command("agent", "Serve this server's CPU, memory, network and disk, named processes and cgroups, each second to surge run --monitor agent://HOST:PORT.")
        {
            listen, token, processes, cgroups,
        };
        command.SetAction(async (parse, _) =>
        {
            var endpoint = Endpoint(parse.GetValue(listen)!);
            var names = parse.GetValue(processes) ?? [];
            var key = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("SURGE_AGENT_TOKEN");
            var generated = string.IsNullOrEmpty(key);
            if (generated)
            {
                key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            }

            string[] watched = [.. names.Select(n => $"{n}=process:{n}"), .. (parse.GetValue(cgroups) ?? []).Select(CgroupSpec)];

            // Checked before listening, so a bad --process or --cgroup fails at once.
            MonitorSources.Create(watched, null).ToList().ForEach(m => m.Dispose());
            await using var server = await AgentServer.StartAsync(endpoint, key!, () => MonitorSources.Create(["local", .. watched], null));
            using var exit = new ExitSignal();
            await Console.Error.WriteLineAsync($"surge agent listening on {server.Url} (GET /samples, one JSON line per second)");
            if (!IPAddress.IsLoopback(endpoint.Address))
            {
                await Console.Error.WriteLineAsync($"  listening beyond this machine ({endpoint.Address}); only clients with the token are served");
            }

            await Console.Error.WriteLineAsync(generated
                ? $"  token: {key}   (on the load generator: surge run --monitor agent://HOST:{endpoint.Port} --monitor-token {key})"
                : "  token: as given");
            await exit.Signalled;
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>api=/sys/fs/cgroup/x</c> to <c>api=cgroup:/sys/fs/cgroup/x</c>; an <c>=</c> after the first <c>/</c> is part of the path.</summary>
    private static string CgroupSpec(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return equals > 0 && (slash < 0 || equals < slash) ? $"{text[..equals]}=cgroup:{text[(equals + 1)..]}" : $"cgroup:{text}";
    }

    internal static IPEndPoint Endpoint(string text) =>
        !IPEndPoint.TryParse(text, out var endpoint) || !text.Contains(':', StringComparison.Ordinal)
            ? throw new ConfigException($"--listen '{text}' needs the form ADDRESS:PORT, e.g. 127.0.0.1:9661 or 0.0.0.0:9661")
            : endpoint.Port == 0 ? throw new ConfigException($"--listen '{text}': give the port the load generator will connect to (1-65535), e.g. {endpoint.Address}:9661")
            : endpoint;
}
