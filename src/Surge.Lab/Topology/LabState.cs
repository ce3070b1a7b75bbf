using System.Text.Json;
using System.Text.Json.Serialization;

namespace Surge.Lab.Topology;

/// <summary>
/// The lab's state file (<c>state.json</c> in the lab folder): who brought it up and every process, cgroup and
/// folder it made, written after each one, so <c>surge lab status</c> and <c>down</c> from another shell, and the
/// next <c>up</c> after a <c>kill -9</c>, find all of it.
/// </summary>
internal sealed class LabState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public int OwnerPid { get; set; }

    public long OwnerStartTicks { get; set; }

    public int Stage { get; set; }

    public string FrontDoor { get; set; } = "";

    public DateTimeOffset Started { get; set; }

    public string CgroupParent { get; set; } = ServerBox.DefaultParent;

    public List<StateProcess> Processes { get; set; } = [];

    public List<string> Cgroups { get; set; } = [];

    public List<string> Folders { get; set; } = [];

    public List<StateServer> Servers { get; set; } = [];

    [JsonIgnore]
    public bool OwnerAlive => UnixProcesses.IsAlive(OwnerPid, OwnerStartTicks);

    public static string PathIn(string directory) => System.IO.Path.Combine(directory, "state.json");

    /// <summary>The state in <paramref name="directory"/>, or null when no lab left one.</summary>
    public static LabState? Read(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LabState>(File.ReadAllText(path), Json);
        }
        catch (JsonException exception)
        {
            throw new LabException($"{path} is not a lab state file ({exception.Message}); remove it if no lab runs");
        }
    }

    /// <summary>Writes the state whole (a temporary file renamed), so a reader never sees half of it.</summary>
    public void Write(string directory)
    {
        var path = PathIn(directory);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>A process the lab started.</summary>
    public sealed record StateProcess(string Server, PartKind Part, int Pid, long StartTicks, string Log);

    /// <summary>A server of the stage, for <c>surge lab status</c>.</summary>
    public sealed record StateServer(string Name, string Address, string Size, string Parts, string? Monitor);
}
