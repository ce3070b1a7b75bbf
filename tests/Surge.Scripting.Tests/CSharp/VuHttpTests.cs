using Surge.Lab.Demo;
using Surge.Metrics;
using Surge.Run;
using Surge.Scripting.CSharp;

namespace Surge.Scripting.Tests.CSharp;

/// <summary>Every method, body kind and request parameter of the script's HTTP client, as the server sees them.</summary>
public sealed class VuHttpTests : IDisposable
{
    private readonly ScriptFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Requests_ArriveAsWritten_AndResponsesReadBack()
    {
        _files.Write("people.csv", "name,age\nann,31\nbob,42\n");
        var path = _files.Write("http.cs", """
            public sealed class Http : LoadTest
            {
                private static readonly SharedArray<Person> People = SharedArray.Csv<Person>("people.csv");

                public override TestOptions Options => new()
                {
                    Vus = 1,
                    Duration = TimeSpan.FromMilliseconds(200),
                    Headers = { ["X-Default"] = "d", ["Content-Type"] = "text/x-default" },
                };

                public async Task Default(Vu vu)
                {
                    if (vu.Iteration > 0)
                    {
                        await vu.SleepAsync(TimeSpan.FromMilliseconds(50));
                        return;
                    }

                    var put = await vu.Http.PutAsync("/echo", HttpBody.Text("plain text"), new() { Query = { ["a b"] = "c&d" } });
                    Echo(vu, put, "put", "PUT", "text/plain; charset=utf-8", "plain text");
                    vu.Check(put, "put query", r => r.Json().GetProperty("query").GetProperty("a b").GetString() == "c&d");
                    vu.Check(put, "default header", r => r.Json().GetProperty("headers").GetProperty("X-Default").GetString() == "d");

                    var patch = await vu.Http.PatchAsync("/echo", HttpBody.Bytes(new byte[] { 65, 66 }), new() { Headers = { ["X-Default"] = "own" } });
                    Echo(vu, patch, "patch", "PATCH", "application/octet-stream", "AB");
                    vu.Check(patch, "own header wins", r => r.Json().GetProperty("headers").GetProperty("X-Default").GetString() == "own");

                    var delete = await vu.Http.DeleteAsync("/echo", HttpBody.Form([new("k", "v w")]));
                    Echo(vu, delete, "delete", "DELETE", "application/x-www-form-urlencoded", "k=v%20w");

                    var options = await vu.Http.SendAsync("OPTIONS", "/echo", "text body");
                    Echo(vu, options, "options", "OPTIONS", "text/plain; charset=utf-8", "text body");

                    var head = await vu.Http.HeadAsync("/echo");
                    vu.Check(head, "head has no body", r => r.Status == 200 && r.BodyBytes.Length == 0);

                    var missing = await vu.Http.GetAsync("/status/404", new() { ExpectedStatuses = [404], Tags = { ["kind"] = "expected-miss" } });
                    vu.Check(missing, "404 read", r => r.Status == 404 && r.BodyText == "status 404");

                    var late = await vu.Http.GetAsync("/delay/2000", new() { Timeout = TimeSpan.FromMilliseconds(200), Name = "late" });
                    vu.Check(late, "timed out", r => r.Status == 0 && r.Error == HttpErrorKind.Timeout);

                    var person = People.Random();
                    vu.Check(person, "typed CSV row", p => p.Name is "ann" or "bob" && p.Age > 30);
                }

                private static void Echo(Vu vu, HttpResponse response, string name, string method, string contentType, string body)
                {
                    var echo = response.Json();
                    vu.Check(echo.GetProperty("method").GetString(), $"{name} method", m => m == method);
                    vu.Check(echo.GetProperty("contentType").GetString(), $"{name} content type", c => c == contentType);
                    vu.Check(echo.GetProperty("body").GetString(), $"{name} body", b => b == body);
                }

                public sealed class Person
                {
                    public string Name { get; set; } = "";

                    public int Age { get; set; }
                }
            }
            """);
        var script = CSharpScriptLoader.Load(path, new Dictionary<string, string>());
        await using var demo = await DemoServer.StartAsync();

        var summary = (await RunService.RunAsync(PlanBuilder.Build(script, new RunOverrides(), demo.Url), [])).Summary;

        var failed = summary.Checks().Where(c => c.Fails > 0 || c.Passes != 1).Select(c => c.Name).ToList();
        Assert.Empty(failed);
        Assert.Equal(19, summary.Checks().Count);
        Assert.Equal(0, summary.Metric("http_req_failed", TagSet.Of("kind", "expected-miss")).Trues);
        Assert.Equal(1, summary.Metric("http_req_failed", TagSet.Of("name", "late")).Trues);
        Assert.Equal(["timeout"], summary.ErrorCounts().Select(e => e.Key));
    }
}
