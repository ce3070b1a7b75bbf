using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Surge.Lab.Tests.Support;
using Surge.Lab.Topology;

namespace Surge.Lab.Tests.Topology;

/// <summary>What goes wrong bringing a lab up or down is one clear line, and leaves nothing running.</summary>
public sealed class FaultTests
{
    [LabFact(stage: 1)]
    public async Task Up_Twice_SaysALabIsUp_AndTheFirstKeepsRunning()
    {
        var options = TestLab.Options(1);
        await using var lab = await RunningLab.UpAsync(options, _ => { }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<LabException>(() => RunningLab.UpAsync(options, _ => { }, CancellationToken.None));
        Assert.StartsWith("a lab is already up (stage 1, brought up by process ", error.Message);
        Assert.EndsWith("run 'surge lab down' first", error.Message);
        using var client = new HttpClient();
        Assert.Equal("ok", await client.GetStringAsync(new Uri(lab.Plan.FrontDoorUrl, "health")));
    }

    [LabFact(stage: 1)]
    public async Task Up_PortInUse_NamesTheAddressAndServer_AndStartsNothing()
    {
        var options = TestLab.Options(1);
        using var taken = new TcpListener(IPAddress.Parse($"{TestLab.AddressPrefix}11"), LabPlan.HttpPort);
        taken.Start();
        var error = await Assert.ThrowsAsync<LabException>(() => RunningLab.UpAsync(options, _ => { }, CancellationToken.None));
        Assert.StartsWith($"{TestLab.AddressPrefix}11:{LabPlan.HttpPort} (app1) cannot be used: ", error.Message);
        Assert.Null(RunningLab.Status(options.Directory));
        Assert.Empty(Directory.EnumerateDirectories(options.Directory));
    }

    [LabFact(stage: 1)]
    public async Task Up_PostgresFailsToStart_SaysItWithItsLogLine_AndLeavesNothing()
    {
        var options = TestLab.Options(1) with { DatabaseSettings = ["shared_buffers=not-a-size"] };
        var error = await Assert.ThrowsAsync<LabException>(() => RunningLab.UpAsync(options, _ => { }, CancellationToken.None));
        Assert.StartsWith("PostgreSQL on app1 did not start: ", error.Message);
        Assert.Contains("shared_buffers", error.Message);
        Assert.Null(RunningLab.Status(options.Directory));
        Assert.Equal(["logs"], Directory.EnumerateDirectories(options.Directory).Select(Path.GetFileName));
        Assert.DoesNotContain(new[] { "", "cpu", "memory" }, h => Directory.Exists(Path.Combine("/sys/fs/cgroup", h, options.CgroupParent)));
    }

    [LabFact(stage: 2)]
    public async Task Down_AfterTheLabProcessWasKilled_StopsTheOrphans_AndLeavesNothing()
    {
        var options = TestLab.Options(2);
        var (up, footprint) = await UpAsync(options);
        using var owner = up;
        up.Kill();
        await up.WaitForExitAsync();
        Assert.False(RunningLab.Status(options.Directory)!.OwnerAlive);

        using var down = Surge("lab", "down", "--lab-dir", options.Directory);
        var said = await down.StandardOutput.ReadToEndAsync();
        await down.WaitForExitAsync();
        Assert.Equal(0, down.ExitCode);
        Assert.Equal("the lab is down", said.Trim());
        footprint.AssertNothingLeft();
    }

    [LabFact(stage: 1)]
    public async Task Up_CtrlC_BringsTheLabDown_AndLeavesNothing()
    {
        var options = TestLab.Options(1);
        var (up, footprint) = await UpAsync(options);
        using var owner = up;
        using (var interrupt = Process.Start("kill", ["-INT", up.Id.ToString()]))
        {
            await interrupt.WaitForExitAsync();
        }

        await up.WaitForExitAsync();
        Assert.Equal(0, up.ExitCode);
        footprint.AssertNothingLeft();
    }

    /// <summary>Runs <c>surge lab up</c> for the options' stage until it says it is ready, and records what it made.</summary>
    private static async Task<(Process Up, TestLab.Footprint Footprint)> UpAsync(LabOptions options)
    {
        var up = Surge(
            "lab", "up", "--stage", options.Stage.ToString(), "--users", options.Users.ToString(), "--past-entries", options.PastEntries.ToString(),
            "--lab-dir", options.Directory, "--address-prefix", options.AddressPrefix, "--cgroup-parent", options.CgroupParent);
        for (var line = await up.StandardError.ReadLineAsync(); line is not null; line = await up.StandardError.ReadLineAsync())
        {
            if (line.StartsWith("Ready.", StringComparison.Ordinal))
            {
                return (up, TestLab.Record(options, LabPlan.For(options)));
            }
        }

        up.Dispose();
        throw new Xunit.Sdk.XunitException("the lab did not come up");
    }

    private static Process Surge(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Surge.Cli.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }
}
