using System.Text.Json;
using Surge.Metrics;
using Surge.Timeline;

namespace Surge.Reports.Html;

/// <summary>
/// One second of the run as the report's charts read it: throughput, latency percentiles, errors by
/// kind, VUs, dropped iterations and every monitored target's resources.
/// </summary>
/// <remarks>
/// The same row goes into the report's data block and, one by one, over the dashboard's event
/// stream, so the live page and the report file draw from identical numbers. Percentiles come from
/// the second's merged HDR histograms, never from averages of percentiles.
/// </remarks>
internal static class ReportSecond
{
    private static readonly double[] Percentiles = [50, 90, 95, 99];

    /// <summary>The row as one line of JSON.</summary>
    public static string Json(TimelineSecond second, DateTimeOffset start, bool openModel)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, second, start, openModel);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter json, TimelineSecond second, DateTimeOffset start, bool openModel)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(second);
        var length = Math.Max(second.Length.TotalSeconds, 1e-3);
        json.WriteStartObject();
        json.WriteNumber("t", Round((start + second.Elapsed).ToUnixTimeMilliseconds() / 1000.0, 3));
        json.WriteNumber("e", Round(second.Elapsed.TotalSeconds, 3));
        json.WriteNumber("tps", Round(second.Of("http_reqs").Where(s => s.Series.Tags["error"] is null).Sum(s => s.Sum) / length, 2));
        if (openModel)
        {
            var dropped = second.Sum("dropped_iterations") / length;
            json.WriteNumber("off", Round((second.Sum("iterations") / length) + dropped, 2));
        }

        var durations = MetricAggregate.Create(MetricType.Trend);
        foreach (var series in second.Of("http_req_duration"))
        {
            durations.Add(series.ToAggregate());
        }

        foreach (var percentile in Percentiles)
        {
            var name = "p" + percentile.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (durations.Count == 0)
            {
                json.WriteNull(name);
            }
            else
            {
                json.WriteNumber(name, Round(durations.PercentileMicros(percentile) / 1000, 3));
            }
        }

        json.WriteNumber("vus", second.Of("vus").Sum(s => s.Value));
        json.WriteNumber("drop", Round(second.Sum("dropped_iterations") / length, 2));
        json.WriteStartObject("err");
        foreach (var kind in second.Of("http_reqs").Select(s => (Kind: ErrorKind(s), s.Sum)).Where(p => p.Kind is not null).GroupBy(p => p.Kind!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(kind.Key, Round(kind.Sum(p => p.Sum) / length, 2));
        }

        json.WriteEndObject();
        if (second.GeneratorCpuPercent is { } generatorCpu)
        {
            json.WriteNumber("gen", generatorCpu);
        }

        json.WriteStartObject("res");
        foreach (var sample in second.Resources)
        {
            // [CPU %, memory used, network rx, network tx, disk read, disk write] (bytes and bytes/s); null where not sampled.
            json.WriteStartArray(sample.Target);
            Optional(json, sample.CpuPercent, 1);
            Optional(json, sample.MemoryUsedBytes, 0);
            Optional(json, sample.NetworkRxBytesPerSecond, 0);
            Optional(json, sample.NetworkTxBytesPerSecond, 0);
            Optional(json, sample.DiskReadBytesPerSecond, 0);
            Optional(json, sample.DiskWriteBytesPerSecond, 0);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        if (second.Events.Count > 0)
        {
            json.WriteStartArray("ev");
            foreach (var testEvent in second.Events)
            {
                json.WriteStartArray();
                json.WriteStringValue(EventKinds.Name(testEvent.Kind));
                json.WriteStringValue(testEvent.Message);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>A request's error kind: its transport error (refused, timeout ...), else "HTTP 5xx"/"HTTP 4xx" for a failing status.</summary>
    private static string? ErrorKind(SeriesSecond series)
    {
        if (series.Series.Tags["error"] is { } error)
        {
            return error;
        }

        return int.TryParse(series.Series.Tags["status"], out var status) && status >= 400 ? $"HTTP {status / 100}xx" : null;
    }

    private static void Optional(Utf8JsonWriter json, double? value, int decimals)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumberValue(Round(number, decimals));
        }
        else
        {
            json.WriteNullValue();
        }
    }

    internal static double Round(double value, int decimals) => double.IsFinite(value) ? Math.Round(value, decimals, MidpointRounding.AwayFromZero) : 0;
}
