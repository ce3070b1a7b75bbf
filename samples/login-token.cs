// Login with token correlation: each VU logs in, takes the token from the JSON response and sends
// it with every later request. Setup checks once that the server is up before any VU starts.
//
//   surge run samples/login-token.cs                  (against the built-in demo target)
//   surge run samples/login-token.cs --base-url http://127.0.0.1:8080/ --vus 50 --duration 1m

public sealed class LoginToken : LoadTest
{
    private int _catalogueSize;

    public override TestOptions Options => new()
    {
        Vus = 5,
        Duration = TimeSpan.FromSeconds(10),
        Thresholds = { ["http_req_failed"] = ["rate<0.01"], ["checks{check:cart accepted the token}"] = ["rate>0.99"] },
    };

    // Runs once; what it stores in fields every VU can read.
    public override async Task SetupAsync(Vu vu)
    {
        var items = await vu.Http.GetAsync("/items");
        if (items.Status != 200)
        {
            vu.Abort($"the server is not ready: GET /items answered {items.Status}");
        }

        _catalogueSize = items.Json().GetArrayLength();
    }

    public async Task Default(Vu vu)
    {
        var login = await vu.Http.PostAsync(
            "/login",
            HttpBody.Json(new { username = $"vu{vu.Id}", password = "secret" }),
            new() { Name = "login", Tags = { ["step"] = "auth" } });
        if (!vu.Check(login, "logged in", r => r.Status == 200))
        {
            return;
        }

        var token = login.Json().GetProperty("token").GetString()!;
        var auth = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        for (var i = 0; i < 3; i++)
        {
            var itemId = Random.Shared.Next(1, _catalogueSize + 1);
            var request = new RequestParams { Name = "add to cart" };
            foreach (var (name, value) in auth)
            {
                request.Headers[name] = value;
            }

            var cart = await vu.Http.PostAsync("/cart", HttpBody.Json(new { itemId, quantity = 1 }), request);
            vu.Check(cart, "cart accepted the token", r => r.Status == 201);
        }

        await vu.SleepAsync(0.5);
    }
}
