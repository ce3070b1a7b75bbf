// Load models side by side: a rush of users ramping up and down (closed model, ramping-vus),
// then a steady 20 iterations a second whatever the server does (open model,
// constant-arrival-rate), started once the rush is over. In the open model the latency counts
// from when each iteration was due, so a server that stalls shows in the percentiles; the
// summary has a block per scenario with the achieved rate.
//
//   surge run samples/load-models.cs
//   surge run samples/load-models.cs --rate 200 --duration 30s     (one constant-arrival-rate scenario instead)

public sealed class LoadModels : LoadTest
{
    public override TestOptions Options => new()
    {
        Scenarios =
        {
            ["rush"] = new RampingVusOptions
            {
                StartVus = 0,
                Stages = [new(TimeSpan.FromSeconds(2), 10), new(TimeSpan.FromSeconds(2), 10), new(TimeSpan.FromSeconds(1), 0)],
                GracefulRampDown = TimeSpan.FromSeconds(1),
                Exec = nameof(Browse),
            },
            ["steady"] = new ConstantArrivalRateOptions
            {
                Rate = 20,
                Duration = TimeSpan.FromSeconds(3),
                PreAllocatedVus = 5,
                MaxVusAllowed = 20,
                StartTime = TimeSpan.FromSeconds(5),
                Exec = nameof(Default),
            },
        },
        Thresholds =
        {
            ["http_req_duration{scenario:steady}"] = ["p(95)<500"],
            ["dropped_iterations"] = ["count<10"],
        },
    };

    public async Task Browse(Vu vu)
    {
        var items = await vu.Http.GetAsync("/items", new() { Query = { ["limit"] = "5" } });
        vu.Check(items, "items listed", r => r.Status == 200);
        await vu.SleepAsync(0.2, 0.5);
    }

    // The open model: no sleep. An arrival-rate iteration is one user's visit, and the rate, not
    // think time, sets the pace.
    public async Task Default(Vu vu)
    {
        var item = await vu.Http.GetAsync($"/items/{1 + (vu.Iteration % 20)}", new() { Name = "/items/{id}" });
        vu.Check(item, "item found", r => r.Status == 200);
    }
}
