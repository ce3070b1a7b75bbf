// Groups: a shopper's visit in three steps. Each group's time is recorded in group_duration, and
// requests, checks and metrics inside carry the tag group=::browse (nested: ::checkout::pay).
//
//   surge run samples/groups.cs

public sealed class Groups : LoadTest
{
    public override TestOptions Options => new()
    {
        Vus = 5,
        Duration = TimeSpan.FromSeconds(10),
        Thresholds = { ["group_duration{group:::browse}"] = ["p(95)<1000"] },
    };

    public async Task Default(Vu vu)
    {
        var token = await vu.GroupAsync("login", async () =>
        {
            var login = await vu.Http.PostAsync("/login", HttpBody.Form([new("username", $"vu{vu.Id}"), new("password", "secret")]));
            vu.Check(login, "logged in", r => r.Status == 200);
            return login.Json().GetProperty("token").GetString();
        });

        await vu.GroupAsync("browse", async () =>
        {
            var items = await vu.Http.GetAsync("/items");
            vu.Check(items, "catalogue is JSON", r => r.Header("Content-Type")?.Contains("json", StringComparison.Ordinal) == true);
            var first = items.Json()[0].GetProperty("id").GetInt32();
            var item = await vu.Http.GetAsync($"/items/{first}", new() { Name = "/items/{id}" });
            vu.Check(item, "item found", r => r.Status == 200);
            await vu.SleepAsync(0.2, 0.5);
        });

        await vu.GroupAsync("checkout", async () =>
        {
            var auth = new RequestParams { Headers = { ["Authorization"] = $"Bearer {token}" } };
            await vu.Http.PostAsync("/cart", HttpBody.Json(new { itemId = 2, quantity = 1 }), auth);
            await vu.GroupAsync("pay", async () =>
            {
                var order = await vu.Http.PostAsync("/checkout", null, new() { Headers = { ["Authorization"] = $"Bearer {token}" } });
                vu.Check(order, "order placed", r => r.Status == 200 && r.Json().GetProperty("total").GetInt32() > 0);
            });
        });
    }
}
