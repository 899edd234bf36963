using System.Runtime.InteropServices;

namespace Polis.Ingest;

internal static class Buffers
{
    // The upload is read once into memory; parsers that want a Stream get a read-only view, not a copy.
    public static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
