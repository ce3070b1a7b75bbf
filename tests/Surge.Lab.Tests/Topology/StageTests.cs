using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using StackExchange.Redis;
using Surge.Lab.Tests.Support;
using Surge.Lab.Topology;

namespace Surge.Lab.Tests.Topology;

/// <summary>Each stage comes up with real servers, answers through its front door, and goes down leaving nothing.</summary>
public sealed partial class StageTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    [LabTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Stage_ComesUp_AnswersItsSmokeRequestsThroughTheFrontDoor_AndGoesDownLeavingNothing(int stage)
    {
        var options = TestLab.Options(stage);
        TestLab.Footprint footprint;
        await using (var lab = await RunningLab.UpAsync(options, _ => { }, CancellationToken.None))
        {
            footprint = TestLab.Record(options, lab.Plan);
            var front = lab.Plan.FrontDoorUrl;
            await SmokeAsync(front, userId: 7);
            var images = await ImagesAsync(front);
            Assert.Equal(4, images.Count);
            var expectedImageHost = stage switch { 1 or 2 => front.Host, 3 => lab.Plan.Running(PartKind.Static)!.Address.ToString(), _ => lab.Plan.Running(PartKind.Cdn)!.Address.ToString() };
            Assert.All(images, i => Assert.Equal(expectedImageHost, i.Host));
            foreach (var image in images)
            {
                Assert.Equal(options.ImageBytes, (await Client.GetByteArrayAsync(image)).Length);
            }

            if (stage >= 4)
            {
                // The edge fetched each image from the origin once; the second request is its own copy.
                using var again = await Client.GetAsync(images[0]);
                Assert.Equal("HIT", again.Headers.GetValues("X-Cache").Single());
            }

            if (stage == 2)
            {
                Assert.DoesNotContain("Seq Scan", await MyEntriesPlanAsync(lab));
            }

            if (stage == 5)
            {
                // No load balancer yet: whatever users send reaches app1 alone.
                Assert.Equal(["app1"], await ServedByAsync(front, 10));
            }
        }

        footprint.AssertNothingLeft();
    }

    [LabFact(stage: 2)]
    public async Task SlowQuery_LeavesOutTheIndexMyEntriesNeeds_SoItScansEveryEntry()
    {
        var options = TestLab.Options(2) with { SlowQuery = true };
        await using var lab = await RunningLab.UpAsync(options, _ => { }, CancellationToken.None);
        Assert.StartsWith("Seq Scan on entries", await MyEntriesPlanAsync(lab));
        await SmokeAsync(lab.Plan.FrontDoorUrl, userId: 7);
    }

    [LabFact]
    public async Task Stage6_LoadBalancer_SpreadsRequestsOverEveryAppServer()
    {
        var options = TestLab.Options(6, appServers: 3);
        TestLab.Footprint footprint;
        await using (var lab = await RunningLab.UpAsync(options, _ => { }, CancellationToken.None))
        {
            footprint = TestLab.Record(options, lab.Plan);
            Assert.Equal("lb", lab.Plan.FrontDoor.Name);
            await SmokeAsync(lab.Plan.FrontDoorUrl, userId: 11);
            Assert.Equal(["app1", "app2", "app3"], await ServedByAsync(lab.Plan.FrontDoorUrl, 30));
        }

        footprint.AssertNothingLeft();
    }

    [LabFact]
    public async Task Stage7_Replica_ReplicatesAWriteOnThePrimary()
    {
        var options = TestLab.Options(7);
        TestLab.Footprint footprint;
        await using (var lab = await RunningLab.UpAsync(options, _ => { }, CancellationToken.None))
        {
            footprint = TestLab.Record(options, lab.Plan);
            await SmokeAsync(lab.Plan.FrontDoorUrl, userId: 13);
            await using var replica = new NpgsqlConnection(lab.ReplicaConnection);
            await replica.OpenAsync();
            await using (var recovery = new NpgsqlCommand("SELECT pg_is_in_recovery()", replica))
            {
                Assert.True((bool)(await recovery.ExecuteScalarAsync())!, "the replica is not a standby");
            }

            // The entry written through the front door (to the primary) by the smoke requests, read on the replica.
            await using var read = new NpgsqlCommand("SELECT count(*) FROM entries WHERE event_id = 1 AND user_id = 13", replica);
            var found = 0L;
            for (var attempt = 0; attempt < 100 && found == 0; attempt++)
            {
                found = (long)(await read.ExecuteScalarAsync())!;
                if (found == 0)
                {
                    await Task.Delay(100);
                }
            }

            Assert.Equal(1, found);
        }

        footprint.AssertNothingLeft();
    }

    [LabFact]
    public async Task Stage8_Cache_ServesRepeatedReads()
    {
        var options = TestLab.Options(8);
        TestLab.Footprint footprint;
        await using (var lab = await RunningLab.UpAsync(options, _ => { }, CancellationToken.None))
        {
            footprint = TestLab.Record(options, lab.Plan);
            await SmokeAsync(lab.Plan.FrontDoorUrl, userId: 17);
            await using var redis = await ConnectionMultiplexer.ConnectAsync($"{lab.CacheEndpoint},allowAdmin=true");
            var server = redis.GetServer(lab.CacheEndpoint!);
            var before = await HitsAsync(server);
            for (var i = 0; i < 10; i++)
            {
                using var winners = await Client.GetAsync(new Uri(lab.Plan.FrontDoorUrl, "winners"));
                Assert.Equal(HttpStatusCode.OK, winners.StatusCode);
            }

            // The first read may fill the cache (its lifetime is 5 s); at least the next nine are hits.
            Assert.InRange(await HitsAsync(server) - before, 9, 10);
        }

        footprint.AssertNothingLeft();
    }

    /// <summary>The first line of the plan of "my entries": a sequential scan without the index on entries(user_id).</summary>
    private static async Task<string> MyEntriesPlanAsync(RunningLab lab)
    {
        await using var connection = new NpgsqlConnection(lab.DatabaseConnection + ";Pooling=false");
        await connection.OpenAsync();
        await using var plan = new NpgsqlCommand("EXPLAIN SELECT * FROM entries WHERE user_id = 7", connection);
        return (string)(await plan.ExecuteScalarAsync())!;
    }

    private static async Task<long> HitsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("stats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return long.Parse(stats["keyspace_hits"]);
    }

    /// <summary>The service's requests through the front door: home, event, login, enter (once only), my entries, winners.</summary>
    private static async Task SmokeAsync(Uri front, int userId)
    {
        Assert.Contains("The chicken giveaway", await Client.GetStringAsync(front));
        using var eventDoc = JsonDocument.Parse(await Client.GetStringAsync(new Uri(front, "events/1")));
        Assert.True(eventDoc.RootElement.GetProperty("remaining").GetInt64() > 0);
        using var login = await Client.PostAsJsonAsync(new Uri(front, "login"), new { name = $"user{userId}", password = $"pw{userId}" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var wrong = await Client.PostAsJsonAsync(new Uri(front, "login"), new { name = $"user{userId}", password = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var enter = await Client.PostAsJsonAsync(new Uri(front, "events/1/entries"), new { userId });
        Assert.Equal(HttpStatusCode.Created, enter.StatusCode);
        using var twice = await Client.PostAsJsonAsync(new Uri(front, "events/1/entries"), new { userId });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        using var entries = JsonDocument.Parse(await Client.GetStringAsync(new Uri(front, $"users/{userId}/entries")));
        Assert.NotEqual(0, entries.RootElement.GetProperty("entries").GetArrayLength());
        using var winners = JsonDocument.Parse(await Client.GetStringAsync(new Uri(front, "winners")));
        Assert.NotEqual(0, winners.RootElement.GetProperty("winners").GetArrayLength());
    }

    private static async Task<List<Uri>> ImagesAsync(Uri front)
    {
        var html = await Client.GetStringAsync(front);
        return ImageSource().Matches(html).Select(m => new Uri(front, m.Groups[1].Value)).ToList();
    }

    private static async Task<List<string>> ServedByAsync(Uri front, int requests)
    {
        var servers = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests; i++)
        {
            using var response = await Client.GetAsync(new Uri(front, "health"));
            servers.Add(response.Headers.GetValues("X-Served-By").Single());
        }

        return [.. servers];
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImageSource();
}
