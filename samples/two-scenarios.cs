// Two scenarios side by side: many browsers and a few buyers, each with its own exec function,
// VUs, tags and environment. The summary has a line per scenario; the tags let thresholds tell
// them apart.
//
//   surge run samples/two-scenarios.cs
//   surge run samples/two-scenarios.cs -e SECONDS=60     (k6's -e: environment for the script)

public sealed class TwoScenarios : LoadTest
{
    public override TestOptions Options
    {
        get
        {
            var duration = TimeSpan.FromSeconds(int.Parse(EnvOr("SECONDS", "10"), System.Globalization.CultureInfo.InvariantCulture));
            return new()
            {
                Scenarios =
                {
                    ["browsers"] = new ConstantVusOptions
                    {
                        Vus = 8, Duration = duration, Exec = nameof(Browse), Tags = new Dictionary<string, string> { ["kind"] = "read" },
                    },
                    ["buyers"] = new ConstantVusOptions
                    {
                        Vus = 2, Duration = duration, Exec = nameof(Buy),
                        Tags = new Dictionary<string, string> { ["kind"] = "write" },
                        Env = new Dictionary<string, string> { ["QUANTITY"] = "2" },
                    },
                },
                Thresholds =
                {
                    ["http_req_duration{kind:read}"] = ["p(95)<300"],
                    ["http_req_duration{kind:write}"] = ["p(95)<800"],
                },
            };
        }
    }

    public async Task Browse(Vu vu)
    {
        var item = await vu.Http.GetAsync($"/items/{1 + (vu.Iteration % 20)}", new() { Name = "/items/{id}" });
        vu.Check(item, "item found", r => r.Status == 200);
        await vu.SleepAsync(0.1, 0.3);
    }

    public async Task Buy(Vu vu)
    {
        var login = await vu.Http.PostAsync("/login", HttpBody.Json(new { username = $"buyer{vu.Id}", password = "secret" }));
        var quantity = int.Parse(vu.Env["QUANTITY"], System.Globalization.CultureInfo.InvariantCulture);
        // The demo target also sets a session cookie at login; the VU's cookie jar sends it back.
        var cart = await vu.Http.PostAsync("/cart", HttpBody.Json(new { itemId = 3, quantity }));
        vu.Check(cart, "cart via session cookie", r => r.Status == 201);
        vu.Check(login, "login has a cookie", _ => vu.Http.Cookies.Count > 0);
        await vu.SleepAsync(0.5);
    }
}
