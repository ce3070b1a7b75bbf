// Memory per VU (bench/memory.sh): each VU sends one GET, then sleeps a second, as in the issue's
// k6 comparison (k6 0.48 on this machine: 230 MiB at 1,000 VUs, 541 MiB at 3,000).

public sealed class Sleepy : LoadTest
{
    private string? _url;

    private string Url => _url ??= EnvOr("BENCH_URL", "http://127.0.0.1:18080/hello");

    public override TestOptions Options => new() { BaseUrl = Url, Duration = TimeSpan.FromSeconds(15) };

    public async Task Default(Vu vu)
    {
        await vu.Http.GetAsync(Url);
        await vu.SleepAsync(1);
    }
}
