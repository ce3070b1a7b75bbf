namespace Surge.Http;

/// <summary>
/// Collects one response body, refusing to hold more than a limit: its array never grows past the
/// limit, so a huge or endless body costs at most the limit in memory, not the body's size.
/// </summary>
internal sealed class ResponseBodyBuffer
{
    private const int FirstCapacity = 256;
    private readonly int _maxBytes;
    private byte[] _array = [];
    private int _written;

    /// <param name="maxBytes">The most bytes a body may have; above <see cref="Array.MaxLength"/> means that.</param>
    public ResponseBodyBuffer(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxBytes = (int)Math.Min(maxBytes, Array.MaxLength); // TestPlan.Validate refuses larger limits
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _written);

    /// <summary>Forgets the bytes written (a request sent again on a fresh connection); keeps the array.</summary>
    public void Clear() => _written = 0;

    /// <summary>Makes room for <paramref name="length"/> more bytes at once (a Content-Length known in advance).</summary>
    /// <exception cref="ResponseBodyTooLargeException">They would not fit under the limit.</exception>
    public void Expect(long length)
    {
        if (length > _maxBytes - _written)
        {
            throw TooLarge(_written + length);
        }

        // Up to 1 MiB at once; a larger declared length grows as its bytes come, so a server that says
        // 64 MiB and sends little (or many VUs at once) does not commit the memory up front.
        EnsureCapacity(_written + (int)Math.Min(length, UpFront), exact: true);
    }

    private const int UpFront = 1 << 20;

    /// <summary>Appends bytes.</summary>
    /// <exception cref="ResponseBodyTooLargeException">They would not fit under the limit.</exception>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _maxBytes - _written)
        {
            throw TooLarge(null);
        }

        EnsureCapacity(_written + bytes.Length, exact: false);
        bytes.CopyTo(_array.AsSpan(_written));
        _written += bytes.Length;
    }

    private void EnsureCapacity(int needed, bool exact)
    {
        if (needed <= _array.Length)
        {
            return;
        }

        // Doubling keeps copies rare; capping at the limit keeps a body under the limit from costing twice it.
        var capacity = exact ? needed : Math.Min(Math.Max(needed, Math.Max(FirstCapacity, _array.Length * 2L)), _maxBytes);
        var grown = GC.AllocateUninitializedArray<byte>((int)capacity);
        _array.AsSpan(0, _written).CopyTo(grown);
        _array = grown;
    }

    private ResponseBodyTooLargeException TooLarge(long? declared) => new(
        (declared is { } length ? $"The response body ({length} bytes, says its Content-Length)" : "The response body")
        + $" is larger than the limit of {_maxBytes} bytes; raise MaxResponseBodyBytes (maxResponseBodyBytes in YAML) or discard response bodies.");
}
