// Custom metrics: a Trend, a Counter, a Rate and a Gauge of the script's own, shown in the summary
// (CUSTOM) and used in thresholds like any built-in metric.
//
//   surge run samples/custom-metrics.cs

public sealed class CustomMetrics : LoadTest
{
    private readonly Trend _checkoutTime = new("checkout_time", isTime: true);
    private readonly Counter _ordersPlaced = new("orders_placed");
    private readonly Rate _fastCheckouts = new("fast_checkouts");
    private readonly Gauge _lastOrderTotal = new("last_order_total");

    public override TestOptions Options => new()
    {
        Vus = 4,
        Duration = TimeSpan.FromSeconds(10),
        Thresholds =
        {
            ["checkout_time"] = ["p(95)<500"],
            ["orders_placed"] = ["count>10"],
            ["fast_checkouts"] = ["rate>0.9"],
        },
    };

    public async Task Default(Vu vu)
    {
        var login = await vu.Http.PostAsync("/login", HttpBody.Json(new { username = $"vu{vu.Id}", password = "secret" }));
        var auth = new RequestParams { Headers = { ["Authorization"] = $"Bearer {login.Json().GetProperty("token").GetString()}" } };
        await vu.Http.PostAsync("/cart", HttpBody.Json(new { itemId = 1 + (int)(vu.Iteration % 20), quantity = 1 }), auth);

        var order = await vu.Http.PostAsync("/checkout", null, auth);
        if (vu.Check(order, "checked out", r => r.Status == 200))
        {
            _checkoutTime.Add(order.Duration);
            _ordersPlaced.Add(1);
            _fastCheckouts.Add(order.Duration < TimeSpan.FromMilliseconds(100));
            _lastOrderTotal.Add(order.Json().GetProperty("total").GetInt32());
        }

        await vu.SleepAsync(0.1);
    }
}
