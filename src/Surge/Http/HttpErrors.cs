using System.Net.Sockets;
using System.Security.Authentication;

namespace Surge.Http;

/// <summary>Sorts network exceptions into the error kinds the summary counts.</summary>
internal static class HttpErrors
{
    public static HttpErrorKind Classify(Exception exception) => exception switch
    {
        MalformedResponseException { ClosedEarly: true } => HttpErrorKind.Reset,
        MalformedResponseException => HttpErrorKind.Protocol,
        ResponseBodyTooLargeException => HttpErrorKind.BodyTooLarge,
        AuthenticationException => HttpErrorKind.Tls,
        SocketException socket => Classify(socket.SocketErrorCode),
        IOException { InnerException: { } inner } => Classify(inner),
        IOException => HttpErrorKind.Reset,
        ObjectDisposedException => HttpErrorKind.Reset,
        OperationCanceledException => HttpErrorKind.Timeout,
        _ => HttpErrorKind.Other,
    };

    private static HttpErrorKind Classify(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => HttpErrorKind.Refused,
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown
            or SocketError.NotConnected or SocketError.OperationAborted or SocketError.Interrupted => HttpErrorKind.Reset,
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.NoRecovery => HttpErrorKind.Dns,
        SocketError.TimedOut => HttpErrorKind.Timeout,
        SocketError.TooManyOpenSockets => HttpErrorKind.Descriptors,
        _ => HttpErrorKind.Other,
    };

    /// <summary>The tag value for an error kind (<c>refused</c>, <c>reset</c>, ...).</summary>
    public static string TagValue(HttpErrorKind kind) => kind switch
    {
        HttpErrorKind.Refused => "refused",
        HttpErrorKind.Reset => "reset",
        HttpErrorKind.Timeout => "timeout",
        HttpErrorKind.Dns => "dns",
        HttpErrorKind.Tls => "tls",
        HttpErrorKind.Protocol => "protocol",
        HttpErrorKind.Descriptors => "descriptors",
        HttpErrorKind.BodyTooLarge => "body_too_large",
        _ => "other",
    };
}
