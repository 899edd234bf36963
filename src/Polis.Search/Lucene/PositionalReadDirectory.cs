using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace Polis.Search;

/// <summary>
/// The index files of a folder, read with positional reads (<see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>,
/// pread on Unix) on one shared handle per file. <see cref="SimpleFSDirectory"/>, which this replaces, seeks and reads a
/// shared <see cref="FileStream"/> under a lock, so concurrent searches queued on that lock (about a third of the
/// uncached search API's time under 32 connections, issue 21's profile); a positional read needs no lock and no second
/// buffer. Writes are <see cref="FSDirectory"/>'s own. Memory-mapped files stay out for the reason given on
/// <see cref="LuceneSearchIndex.OpenFiles"/>.
/// </summary>
internal sealed class PositionalReadDirectory(DirectoryInfo path) : FSDirectory(path, null)
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var file = Path.Combine(Directory.FullName, name);
        var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return new Input($"PositionalReadInput(path=\"{file}\")", handle, 0, RandomAccess.GetLength(handle), BufferedIndexInput.GetBufferSize(context), owner: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        var file = Path.Combine(Directory.FullName, name);
        return new Slicer(file, File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), BufferedIndexInput.GetBufferSize(context));
    }

    private sealed class Slicer(string file, SafeFileHandle handle, int bufferSize) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            new Input($"PositionalReadInput({sliceDescription} in path=\"{file}\" slice={offset}:{offset + length})", handle, offset, length, bufferSize, owner: false);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, RandomAccess.GetLength(handle));

        protected override void Dispose(bool disposing)
        {
            if (disposing) handle.Dispose();
        }
    }

    // Clones share the handle (Lucene closes only the input it opened); each keeps its own position and buffer.
    private sealed class Input(string description, SafeFileHandle handle, long start, long length, int bufferSize, bool owner)
        : BufferedIndexInput(description, bufferSize)
    {
        private bool owns = owner;

        public override long Length => length;

        protected override void ReadInternal(byte[] b, int offset, int len)
        {
            var position = Position;
            if (position + len > length) throw new EndOfStreamException("read past EOF: " + this);
            var span = b.AsSpan(offset, len);
            var at = start + position;
            while (!span.IsEmpty)
            {
                var read = RandomAccess.Read(handle, span, at);
                if (read <= 0) throw new EndOfStreamException("read past EOF: " + this);
                span = span[read..];
                at += read;
            }
        }

        protected override void SeekInternal(long pos)
        {
        }

        public override object Clone()
        {
            var clone = (Input)base.Clone();
            clone.owns = false;
            return clone;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && owns) handle.Dispose();
        }
    }
}
