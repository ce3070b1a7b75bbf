using Surge.Execution;
using Surge.Http;

namespace Surge.Cli.Commands;

/// <summary>The iteration of quick mode: send one request (encoded once, reused by every VU).</summary>
internal sealed class SingleRequest(HttpRequest request)
{
    public ValueTask RunAsync(Vu vu, CancellationToken cancellationToken) => vu.Http.SendAndForgetAsync(request);
}
