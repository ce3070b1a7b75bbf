namespace Surge.Tests.Monitoring.Prometheus;

/// <summary>The recorded and hand-written node_exporter pages under <c>Fixtures/</c>.</summary>
internal static class PrometheusFixtures
{
    /// <summary>A real node_exporter 1.5.0 page (Debian's prometheus-node-exporter, six collectors, two cores).</summary>
    public const string NodeExporter = "node-exporter-1.5.0.txt";

    /// <summary>A two-core host; <see cref="SecondScrape"/> is the same host one second later.</summary>
    public const string FirstScrape = "node-scrape-1.txt";

    /// <summary>
    /// One second after <see cref="FirstScrape"/>: core 0 busy 75 %, core 1 busy 10 %, received 251,000 bytes
    /// (250,000 on eth0, 1,000 on eth1, lo ignored), sent 100,000, read 417,792, written 1,048,576.
    /// </summary>
    public const string SecondScrape = "node-scrape-2.txt";

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Monitoring", "Prometheus", "Fixtures", name));
}
