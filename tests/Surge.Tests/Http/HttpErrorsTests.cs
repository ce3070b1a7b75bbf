using System.Net.Sockets;
using System.Security.Authentication;
using Surge.Http;

namespace Surge.Tests.Http;

public class HttpErrorsTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused, HttpErrorKind.Refused)]
    [InlineData(SocketError.ConnectionReset, HttpErrorKind.Reset)]
    [InlineData(SocketError.HostNotFound, HttpErrorKind.Dns)]
    [InlineData(SocketError.TryAgain, HttpErrorKind.Dns)]
    [InlineData(SocketError.TimedOut, HttpErrorKind.Timeout)]
    [InlineData(SocketError.NetworkUnreachable, HttpErrorKind.Other)]
    public void Classify_SocketErrors_ByKind(SocketError error, HttpErrorKind expected) =>
        Assert.Equal(expected, HttpErrors.Classify(new SocketException((int)error)));

    [Fact]
    public void Classify_WrappedAndOtherExceptions_ByKind()
    {
        Assert.Equal(HttpErrorKind.Reset, HttpErrors.Classify(new IOException("x", new SocketException((int)SocketError.ConnectionReset))));
        Assert.Equal(HttpErrorKind.Tls, HttpErrors.Classify(new AuthenticationException("bad certificate")));
        Assert.Equal(HttpErrorKind.Reset, HttpErrors.Classify(new MalformedResponseException("closed", closedEarly: true)));
        Assert.Equal(HttpErrorKind.Protocol, HttpErrors.Classify(new MalformedResponseException("garbage")));
    }
}
