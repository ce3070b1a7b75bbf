namespace Surge.Http;

/// <summary>The phases of one request in microseconds, as k6 splits them.</summary>
/// <param name="BlockedMicros">DNS lookup and waiting before the connection could be used.</param>
/// <param name="ConnectingMicros">TCP connect.</param>
/// <param name="TlsHandshakingMicros">TLS handshake.</param>
/// <param name="SendingMicros">Writing the request.</param>
/// <param name="WaitingMicros">From the request written to the first response byte.</param>
/// <param name="ReceivingMicros">From the first to the last response byte.</param>
public readonly record struct HttpTimings(
    long BlockedMicros,
    long ConnectingMicros,
    long TlsHandshakingMicros,
    long SendingMicros,
    long WaitingMicros,
    long ReceivingMicros)
{
    /// <summary>Sending + waiting + receiving: k6's <c>http_req_duration</c>.</summary>
    public long DurationMicros => SendingMicros + WaitingMicros + ReceivingMicros;

    /// <summary>The duration in milliseconds.</summary>
    public double Duration => DurationMicros / 1000.0;
}
