// CSV users: test data loaded once and shared read-only by every VU (k6's SharedArray). Each VU
// logs in as its own user (ForVu); search terms are taken in order across the whole test (Next),
// items at random (Random).
//
//   surge run samples/csv-users.cs

public sealed class CsvUsers : LoadTest
{
    // Paths are relative to this file.
    private static readonly SharedArray<IReadOnlyDictionary<string, string>> Users = SharedArray.Csv("data/users.csv");
    private static readonly SharedArray<Item> Items = SharedArray.Json<Item>("data/items.json");

    public override TestOptions Options => new()
    {
        Vus = 4,
        Duration = TimeSpan.FromSeconds(10),
        Thresholds = { ["checks"] = ["rate>0.99"] },
    };

    public async Task Default(Vu vu)
    {
        var user = Users.ForVu(vu);
        var login = await vu.Http.PostAsync("/login", HttpBody.Json(new { username = user["username"], password = user["password"] }));
        vu.Check(login, "logged in as the CSV user", r => r.Status == 200 && r.Json().GetProperty("user").GetString() == user["username"]);

        var next = Items.Next();
        var item = await vu.Http.GetAsync($"/items/{next.Id}", new() { Name = "/items/{id}" });
        vu.Check(item, "item has the expected name", r => r.Json<Item>()?.Name == next.Name);

        var any = Items.Random();
        await vu.Http.GetAsync($"/items/{any.Id}", new() { Name = "/items/{id}" });
        await vu.SleepAsync(0.2);
    }

    public sealed record Item(int Id, string Name);
}
