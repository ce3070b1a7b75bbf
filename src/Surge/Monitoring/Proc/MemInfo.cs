namespace Surge.Monitoring.Proc;

/// <summary>The memory figures of <c>/proc/meminfo</c>, in bytes.</summary>
/// <param name="TotalBytes">MemTotal: usable RAM.</param>
/// <param name="AvailableBytes">MemAvailable: what new work could get without swapping.</param>
/// <param name="SwapTotalBytes">SwapTotal.</param>
/// <param name="SwapFreeBytes">SwapFree.</param>
internal sealed record MemInfo(long TotalBytes, long AvailableBytes, long SwapTotalBytes, long SwapFreeBytes)
{
    /// <summary>Memory in use: total − available.</summary>
    public long UsedBytes => TotalBytes - AvailableBytes;

    /// <summary>Swap in use: total − free.</summary>
    public long SwapUsedBytes => SwapTotalBytes - SwapFreeBytes;
}
