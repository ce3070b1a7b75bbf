using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Surge.Lab.Demo;

/// <summary>
/// The demo target's small shop, for scenarios with a real user journey: log in for a token,
/// browse items, fill a cart, check out. State lives in memory, per demo server.
/// </summary>
internal sealed class DemoShop
{
    public static readonly IReadOnlyList<(string Route, string Description)> Endpoints =
    [
        ("POST /login", "JSON or form {username, password}: 200 {token, user} and a session cookie; 401 without a password"),
        ("GET /items", "the catalogue: a JSON array of {id, name, price}; ?limit=N"),
        ("GET /items/{id}", "one item, or 404"),
        ("POST /cart", "with the token (Authorization: Bearer) or the cookie, JSON {itemId, quantity}: 201 {cartSize}; 401 otherwise"),
        ("GET /cart", "the cart: {items, total}"),
        ("POST /checkout", "empties the cart after about 20 ms: {orderId, total}"),
    ];

    private const string SessionCookie = "session";
    private static readonly Item[] Catalogue =
        [.. Enumerable.Range(1, 20).Select(i => new Item(i, $"Chicken box #{i}", 9_000 + (i * 500)))];

    /// <summary>
    /// Sessions kept at most: scripts log in on every iteration, so a long run against the demo would
    /// otherwise grow its memory without end. The oldest session goes first.
    /// </summary>
    private const int MaxSessions = 100_000;

    private readonly ConcurrentDictionary<string, Cart> _carts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _sessionsByAge = new();

    public void Map(WebApplication app)
    {
        app.MapPost("/login", (Delegate)LoginAsync);
        app.MapGet("/items", (int? limit) => Results.Json(Catalogue.Take(Math.Clamp(limit ?? Catalogue.Length, 0, Catalogue.Length))));
        app.MapGet("/items/{id:int}", (int id) => id is >= 1 and <= 20 ? Results.Json(Catalogue[id - 1]) : Results.Json(new { error = $"no item {id}" }, statusCode: 404));
        app.MapPost("/cart", (Delegate)AddToCartAsync);
        app.MapGet("/cart", (HttpContext context) => CartOf(context) is { } cart ? Results.Json(cart.View()) : Unauthorized());
        app.MapPost("/checkout", async (HttpContext context, CancellationToken ct) =>
        {
            if (CartOf(context) is not { } cart)
            {
                return Unauthorized();
            }

            await DemoServer.WaitAtLeastAsync(20, ct);
            var total = cart.Clear();
            return Results.Json(new { orderId = Guid.NewGuid().ToString("N")[..12], total });
        });
    }

    private static IResult Unauthorized() =>
        Results.Json(new { error = "log in first: POST /login, then send Authorization: Bearer <token>" }, statusCode: 401);

    private async Task<IResult> LoginAsync(HttpContext context)
    {
        string? username = null;
        string? password = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            username = form["username"];
            password = form["password"];
        }
        else
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                username = body.RootElement.TryGetProperty("username", out var u) ? u.GetString() : null;
                password = body.RootElement.TryGetProperty("password", out var p) ? p.GetString() : null;
            }
            catch (JsonException)
            {
                return Results.Json(new { error = "send JSON {\"username\": ..., \"password\": ...}" }, statusCode: 400);
            }
        }

        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return Results.Json(new { error = "username and password are required" }, statusCode: 401);
        }

        var token = Guid.NewGuid().ToString("N");
        _carts[token] = new Cart();
        _sessionsByAge.Enqueue(token);
        // The queue's count, not the dictionary's: that one takes every lock of the dictionary, on every login.
        while (_sessionsByAge.Count > MaxSessions && _sessionsByAge.TryDequeue(out var oldest))
        {
            _carts.TryRemove(oldest, out _);
        }

        context.Response.Cookies.Append(SessionCookie, token, new CookieOptions { Path = "/", HttpOnly = true });
        return Results.Json(new { token, user = username });
    }

    private async Task<IResult> AddToCartAsync(HttpContext context)
    {
        if (CartOf(context) is not { } cart)
        {
            return Unauthorized();
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var itemId = body.RootElement.GetProperty("itemId").GetInt32();
            var quantity = body.RootElement.TryGetProperty("quantity", out var q) ? q.GetInt32() : 1;
            if (itemId is < 1 or > 20 || quantity < 1)
            {
                return Results.Json(new { error = "itemId must be 1-20 and quantity at least 1" }, statusCode: 400);
            }

            return Results.Json(new { cartSize = cart.Add(Catalogue[itemId - 1], quantity) }, statusCode: 201);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Results.Json(new { error = "send JSON {\"itemId\": 1, \"quantity\": 1}" }, statusCode: 400);
        }
    }

    private Cart? CartOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : context.Request.Cookies[SessionCookie];
        return token is not null && _carts.TryGetValue(token, out var cart) ? cart : null;
    }

    private sealed record Item(int Id, string Name, int Price);

    private sealed class Cart
    {
        private readonly List<(Item Item, int Quantity)> _lines = [];

        public int Add(Item item, int quantity)
        {
            lock (_lines)
            {
                _lines.Add((item, quantity));
                return _lines.Sum(l => l.Quantity);
            }
        }

        public int Clear()
        {
            lock (_lines)
            {
                var total = _lines.Sum(l => l.Item.Price * l.Quantity);
                _lines.Clear();
                return total;
            }
        }

        public object View()
        {
            lock (_lines)
            {
                return new
                {
                    items = _lines.Select(l => new { id = l.Item.Id, name = l.Item.Name, quantity = l.Quantity }).ToArray(),
                    total = _lines.Sum(l => l.Item.Price * l.Quantity),
                };
            }
        }
    }
}
