using Surge.Lab.Topology;

namespace Surge.Lab.Tests.Topology;

/// <summary>The stages as servers: what each adds, where users come in, and the sizes.</summary>
public sealed class LabPlanTests
{
    private static LabOptions Options(int stage) => new() { Stage = stage, AppCommand = ["surge"] };

    [Theory]
    [InlineData(1, "app1", "app1")]
    [InlineData(2, "db app1", "app1")]
    [InlineData(3, "db static app1", "app1")]
    [InlineData(4, "db static cdn app1", "app1")]
    [InlineData(5, "db static cdn app1 app2", "app1")]
    [InlineData(6, "db static cdn app1 app2 lb", "lb")]
    [InlineData(7, "db db-replica static cdn app1 app2 lb", "lb")]
    [InlineData(8, "db db-replica cache static cdn app1 app2 lb", "lb")]
    public void Stage_HasItsServers_AndItsFrontDoor(int stage, string servers, string frontDoor)
    {
        var plan = LabPlan.For(Options(stage));
        Assert.Equal(servers, string.Join(' ', plan.Servers.Select(s => s.Name)));
        Assert.Equal(frontDoor, plan.FrontDoor.Name);
        Assert.Equal(plan.Servers.Count, plan.Servers.Select(s => s.Address).Distinct().Count());
        Assert.All(plan.Servers, s => Assert.StartsWith("127.0.1.", s.Address.ToString()));
    }

    [Fact]
    public void Stage1_OneServer_RunsTheDatabaseAndTheApp()
    {
        var server = Assert.Single(LabPlan.For(Options(1)).Servers);
        Assert.Equal([PartKind.Database, PartKind.App], server.Parts);
        Assert.Equal(ServerSize.SmallDatabase, server.Size);
    }

    [Fact]
    public void ScaleUpAndAppServers_GiveBiggerAndMoreServers()
    {
        var plan = LabPlan.For(Options(6) with { AppServers = 4, ScaleUp = ["db", "app2"] });
        Assert.Equal(["app1", "app2", "app3", "app4"], plan.AppServers.Select(s => s.Name));
        Assert.Equal(new ServerSize(1, 2048), plan.Servers.Single(s => s.Name == "db").Size);
        Assert.Equal(new ServerSize(1, 1024), plan.Servers.Single(s => s.Name == "app2").Size);
        Assert.Equal(ServerSize.Small, plan.Servers.Single(s => s.Name == "app1").Size);
    }

    [Fact]
    public void Validate_SaysEveryMistakeAtOnce()
    {
        var errors = (Options(2) with { AppServers = 0, ScaleUp = ["cache"], AddressPrefix = "10.0.0." }).Validate();
        Assert.Equal(
            [
                "--app-servers must be 1 to 8, not 0",
                "--scale-up cache: stage 2 has no server of that name; it has db, app1",
                "--address-prefix must be a loopback prefix like 127.0.1., not '10.0.0.'",
            ],
            errors);
        Assert.Equal(["--stage must be 1 to 8, not 9"], Options(9).Validate());
    }
}
