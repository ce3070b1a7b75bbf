using System.Globalization;
using Surge.Lab.Demo;

namespace Surge.IntegrationTests.Lab;

/// <summary>The demo target's timed endpoints, which the timing tests lean on.</summary>
public class DemoServerTests
{
    [Fact]
    public async Task Delay_NeverAnswersBeforeItsTime()
    {
        await using var demo = await DemoServer.StartAsync();
        using var client = new HttpClient { BaseAddress = demo.Url };

        // A bare timer now and then fires a millisecond or two early (about 1 in 300 on the development
        // machine); the server's own high-resolution clock says how long it really waited.
        for (var i = 0; i < 300; i++)
        {
            using var response = await client.GetAsync("delay/5");

            response.EnsureSuccessStatusCode();
            var waited = double.Parse(Assert.Single(response.Headers.GetValues("X-Waited-Ms")), CultureInfo.InvariantCulture);
            Assert.True(waited >= 5.0, $"request {i} waited {waited:F3} ms");
        }
    }
}
