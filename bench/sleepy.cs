// Memory per VU (bench/memory.sh): each VU sends one GET, then sleeps a second, as in the issue's
// k6 comparison (k6 0.48 on this machine: 230 MiB at 1,000 VUs, 541 MiB at 3,000).
// BENCH_URLS (comma-separated) spreads the VUs over several addresses: one source and destination
// address pair gives at most about 28,000 connections (the ephemeral port range).

public sealed class Sleepy : LoadTest
{
    private string[]? _urls;

    private string[] Urls => _urls ??= EnvOr("BENCH_URLS", EnvOr("BENCH_URL", "http://127.0.0.1:18080/hello")).Split(',');

    public override TestOptions Options => new() { BaseUrl = Urls[0], Duration = TimeSpan.FromSeconds(15) };

    public async Task Default(Vu vu)
    {
        await vu.Http.GetAsync(Urls[vu.Id % Urls.Length]);
        await vu.SleepAsync(1);
    }
}
