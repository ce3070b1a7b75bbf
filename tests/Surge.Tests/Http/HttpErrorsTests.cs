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
        Assert.Equal(HttpErrorKind.BodyTooLarge, HttpErrors.Classify(new ResponseBodyTooLargeException("too big")));
    }

    [Fact]
    public void TagValue_EveryKindButNone_HasItsOwnLowercaseValue()
    {
        var kinds = Enum.GetValues<HttpErrorKind>().Where(k => k != HttpErrorKind.None).ToList();
        var values = kinds.Select(HttpErrors.TagValue).ToList();

        Assert.Equal(kinds.Count, values.Distinct().Count());
        Assert.All(values, v => Assert.Matches("^[a-z_]+$", v));
        Assert.Equal("body_too_large", HttpErrors.TagValue(HttpErrorKind.BodyTooLarge));
    }
}
