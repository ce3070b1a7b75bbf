// The C# scenario of the benchmark: the same GET as `surge run --url`, written as a script, so
// bench/run.sh (CASES="wrk surge surge-cs") shows what the scripting layer costs.
// The target comes from BENCH_URL (bench/run.sh sets it).

public sealed class Get : LoadTest
{
    private string? _url;

    private string Url => _url ??= EnvOr("BENCH_URL", "http://127.0.0.1:18080/hello");

    public override TestOptions Options => new() { BaseUrl = Url, Duration = TimeSpan.FromSeconds(10) };

    public async Task Default(Vu vu) => await vu.Http.GetAsync(Url);
}
