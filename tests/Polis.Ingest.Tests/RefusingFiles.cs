namespace Polis.Ingest.Tests;

public sealed class RefusingFiles
{
    [Fact]
    public void Empty_file_is_refused_as_empty()
    {
        var refusal = Files.Refusal([], "notes.txt");

        Assert.Equal(IngestFailure.Empty, refusal.Failure);
        Assert.Equal("notes.txt is empty; choose a file that has content and upload it again.", refusal.Message);
    }

    [Fact]
    public void Endless_stream_claiming_2_GB_is_refused_after_reading_one_byte_past_the_limit()
    {
        var limits = new IngestLimits();
        var stream = new EndlessStream(claimedLength: 2L * 1024 * 1024 * 1024);

        var refusal = Assert.Throws<IngestException>(() => new TextExtractor(limits).Extract(stream, "huge.pdf"));

        Assert.Equal(IngestFailure.TooLarge, refusal.Failure);
        Assert.Equal(limits.MaxBytes + 1, stream.BytesRead);
        Assert.Equal("huge.pdf is larger than the 100 MB limit; split it into smaller files or reduce its size and upload it again.", refusal.Message);
    }

    [Fact]
    public async Task Endless_stream_is_refused_the_same_way_when_read_asynchronously()
    {
        var limits = new IngestLimits(MaxBytes: 1024 * 1024);
        var stream = new EndlessStream(claimedLength: 10);

        var refusal = await Assert.ThrowsAsync<IngestException>(() =>
            new TextExtractor(limits).ExtractAsync(stream, "huge.txt", TestContext.Current.CancellationToken));

        Assert.Equal(IngestFailure.TooLarge, refusal.Failure);
        Assert.Equal(limits.MaxBytes + 1, stream.BytesRead);
    }

    [Fact]
    public void File_of_exactly_the_limit_is_accepted()
    {
        var content = "policing "u8.ToArray();

        var text = Files.Extract(content, "exact.txt", new IngestLimits(MaxBytes: content.Length));

        Assert.Equal("policing", text.Text);
    }

    [Fact]
    public async Task Async_extraction_gives_the_same_result_as_sync()
    {
        await using var stream = File.OpenRead(Files.PathOf("guidebook.pdf"));

        var pdf = await new TextExtractor(new IngestLimits()).ExtractAsync(stream, "guidebook.pdf", TestContext.Current.CancellationToken);

        Assert.Equal(Files.Extract("guidebook.pdf"), pdf);
    }

    // Issue 21, ninth pass: an import reads each file once and extracts from those bytes (and poppler from the file).
    [Fact]
    public void Extraction_from_bytes_held_gives_the_same_result_and_the_same_refusals()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Files.PathOf("guidebook.pdf");

        Assert.Equal(Files.Extract("guidebook.pdf"), new TextExtractor(new IngestLimits()).Extract(File.ReadAllBytes(path), "guidebook.pdf", path, ct));
        Assert.Equal(Files.Extract("guidebook.pdf"), new TextExtractor(new IngestLimits()).Extract(File.ReadAllBytes(path), "guidebook.pdf", onDisk: null, ct));
        var content = "policing "u8.ToArray();
        Assert.Equal("policing", new TextExtractor(new IngestLimits(MaxBytes: content.Length)).Extract(content, "exact.txt", null, ct).Text);
        Assert.Equal(IngestFailure.TooLarge,
            Assert.Throws<IngestException>(() => new TextExtractor(new IngestLimits(MaxBytes: content.Length - 1)).Extract(content, "big.txt", null, ct)).Failure);
        Assert.Equal(Files.Refusal([], "notes.txt").Message,
            Assert.Throws<IngestException>(() => new TextExtractor(new IngestLimits()).Extract(ReadOnlyMemory<byte>.Empty, "notes.txt", null, ct)).Message);
    }

    [Fact]
    public async Task Async_extraction_stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TextExtractor(new IngestLimits()).ExtractAsync(new EndlessStream(10), "x.txt", cancelled.Token));
    }

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("budget.xlsx")]
    [InlineData("README")]
    [InlineData("old.doc")]
    public void Other_file_types_are_refused_as_unsupported(string fileName)
    {
        var refusal = Files.Refusal("plain words"u8.ToArray(), fileName);

        Assert.Equal(IngestFailure.UnsupportedType, refusal.Failure);
        Assert.StartsWith(fileName + " ", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_word_documents_are_told_to_be_saved_as_docx()
    {
        Assert.Equal("old.doc is a type of file (.doc) that cannot be added; open it in Word, save it as .docx and upload that.",
            Files.Refusal("x"u8.ToArray(), "old.doc").Message);
    }

    [Fact]
    public void Messages_name_the_file_without_its_path()
    {
        var refusal = Files.Refusal([], "/home/officer/uploads/notes.txt");

        Assert.StartsWith("notes.txt is empty", refusal.Message, StringComparison.Ordinal);
    }

    // Reports a Length it does not have and never ends, counting what was taken from it.
    private sealed class EndlessStream(long claimedLength) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => claimedLength;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            BytesRead += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
