using System.Diagnostics;
using System.Text;

namespace Polis.Ingest.Tests;

/// <summary>
/// Every parser stops at its budget (nesting depth, decompressed size per part and per file, pages, time) with a
/// refusal that names the file and the limit, quickly and without holding on to memory, and stops when cancelled.
/// </summary>
public sealed class StayingWithinBudgets
{
    private static IngestLimitException Refused(byte[] content, string fileName, IngestLimits? limits = null) =>
        Assert.IsType<IngestLimitException>(Files.Refusal(content, fileName, limits));

    [Fact]
    public void A_web_page_of_100000_nested_elements_is_refused_at_once()
    {
        var page = Hostile.NestedHtml(100_000);
        Assert.True(page.Length > 500_000);

        var clock = Stopwatch.StartNew();
        var refusal = Refused(page, "nested.html");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(IngestFailure.TooDeeplyNested, refusal.Failure);
        Assert.Equal(nameof(IngestLimits.MaxNestingDepth), refusal.Limit);
        Assert.Equal("nested.html nests its elements more than 512 levels deep (the limit), which no real document does, so it was not read; save it again from the program that made it and upload that.", refusal.Message);
    }

    [Theory]
    [InlineData("span")]
    [InlineData("b")]
    [InlineData("table")]
    public void Other_nested_elements_are_refused_too(string tag) =>
        Assert.Equal(IngestFailure.TooDeeplyNested, Refused(Hostile.NestedHtml(20_000, tag), "nested.html").Failure);

    [Fact]
    public void Stray_end_tags_and_implicitly_closed_elements_do_not_change_the_count()
    {
        // </span> closes nothing (no span is open), so it cannot hide the divs; a page of 2,000 unclosed paragraphs
        // and list items is flat, as a browser builds it.
        var hidden = Encoding.ASCII.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<div></span>", 2000)) + "x");
        Assert.Equal(IngestFailure.TooDeeplyNested, Refused(hidden, "hidden.html").Failure);

        var flat = Encoding.ASCII.GetBytes("<html><body><ul>" + string.Concat(Enumerable.Repeat("<li><p>Police reform <br>", 2000)) + "</ul>");
        Assert.StartsWith("Police reform", Files.Extract(flat, "flat.html").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_web_page_that_takes_longer_than_the_time_budget_is_refused_within_seconds()
    {
        // Nesting within the limit, repeated across a megabyte: legal, but slow for the parser.
        var page = Hostile.RepeatedlyNestedHtml(500, 1_000_000);
        var limits = new IngestLimits { Timeout = TimeSpan.FromMilliseconds(300) };

        var clock = Stopwatch.StartNew();
        var refusal = Refused(page, "slow.html", limits);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(IngestFailure.TooSlow, refusal.Failure);
        Assert.Equal("slow.html could not be read within 300 milliseconds (the limit for one file), so it was not stored; save it again from the program that made it, or split it, and upload that.", refusal.Message);
    }

    [Fact]
    public void A_pdf_whose_content_stream_inflates_to_256_MB_is_refused_without_the_memory()
    {
        var bomb = Hostile.Pdf(Hostile.Zeros(256));
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes");

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var refusal = Refused(bomb, "bomb.pdf");
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(IngestFailure.ZipBomb, refusal.Failure);
        Assert.Equal(nameof(IngestLimits.MaxStreamBytes), refusal.Limit);
        Assert.StartsWith("bomb.pdf would expand to more than 64 MB in one part (the limit)", refusal.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        // Inflated into a counter, never into memory: what was allocated is a small multiple of the file itself.
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void A_pdf_whose_streams_together_inflate_past_the_file_limit_is_refused()
    {
        var pdf = Hostile.Pdf(Hostile.Zeros(3), Hostile.Zeros(3));
        var limits = new IngestLimits(MaxStreamBytes: 4 * 1024 * 1024, MaxUncompressedBytes: 5 * 1024 * 1024);

        var refusal = Refused(pdf, "two.pdf", limits);

        Assert.Equal(nameof(IngestLimits.MaxUncompressedBytes), refusal.Limit);
        Assert.StartsWith("two.pdf would expand to more than 5 MB in all (the limit)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_within_the_budgets_is_read_through_the_bounded_filters()
    {
        var pdf = Files.Extract(Hostile.Pdf(Hostile.TextPage("Community policing"), Hostile.TextPage("Border management")), "two-pages.pdf");

        Assert.Equal(2, pdf.PageCount);
        Assert.Contains("Community policing", pdf.Text, StringComparison.Ordinal);
        Assert.Contains("Border management", pdf.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_with_more_pages_than_the_limit_is_refused_naming_it()
    {
        var pdf = Hostile.Pdf(Hostile.TextPage("one"), Hostile.TextPage("two"), Hostile.TextPage("three"));

        var refusal = Refused(pdf, "long.pdf", new IngestLimits(MaxPages: 2));

        Assert.Equal(IngestFailure.TooManyPages, refusal.Failure);
        Assert.Equal("long.pdf has 3 pages, more than the limit of 2; split it into smaller files and upload them.", refusal.Message);
    }

    [Fact]
    public void A_word_document_nested_20000_deep_is_refused()
    {
        var docx = Hostile.Docx(("word/document.xml", Hostile.DeepDocumentXml(20_000)));

        var clock = Stopwatch.StartNew();
        var refusal = Refused(docx, "deep.docx");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(IngestFailure.TooDeeplyNested, refusal.Failure);
        Assert.Contains("more than 512 levels deep", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_document_nested_within_the_limit_is_read()
    {
        var docx = Files.Extract(Hostile.Docx(("word/document.xml", Hostile.DeepDocumentXml(100))), "sdt.docx");

        Assert.Equal("police", docx.Text);
    }

    [Fact]
    public void A_word_document_whose_text_inflates_past_the_part_limit_is_refused_naming_it()
    {
        // Real XML, so the ratio check on declared sizes is not what stops it: 80 MB of paragraphs squeezed into a small file.
        var body = new StringBuilder("""<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
        var paragraph = "<w:p><w:r><w:t>police reform</w:t></w:r></w:p>";
        while (body.Length < 80 * 1024 * 1024) body.Append(paragraph);
        body.Append("</w:body></w:document>");
        var docx = Hostile.Docx(("word/document.xml", Encoding.UTF8.GetBytes(body.ToString())));
        Assert.True(docx.Length < 2 * 1024 * 1024, $"{docx.Length} bytes");

        var refusal = Refused(docx, "bomb.docx", new IngestLimits(MaxCompressionRatio: int.MaxValue));

        Assert.Equal(nameof(IngestLimits.MaxStreamBytes), refusal.Limit);
        Assert.StartsWith("bomb.docx would expand to more than 64 MB in one part (the limit)", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blockquotes", 10_000)]
    [InlineData("lists", 2_000)]
    [InlineData("emphasis", 10_000)]
    public void A_markdown_nesting_bomb_is_refused(string kind, int depth)
    {
        var markdown = kind switch
        {
            "blockquotes" => new string('>', depth) + " police",
            "lists" => string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i * 2) + "- police\n")),
            _ => string.Concat(Enumerable.Repeat("*a ", depth)) + string.Concat(Enumerable.Repeat("a* ", depth)),
        };

        var refusal = Refused(Encoding.UTF8.GetBytes(markdown), "bomb.md");

        Assert.Equal(IngestFailure.TooDeeplyNested, refusal.Failure);
        Assert.Contains("more than 128 levels deep", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_that_is_slow_to_parse_is_stopped_by_the_time_budget()
    {
        // Unclosed brackets cost Markdig quadratic time without nesting anything.
        var markdown = string.Concat(Enumerable.Repeat(new string('[', 5000) + "x\n\n", 60));

        var clock = Stopwatch.StartNew();
        var refusal = Refused(Encoding.ASCII.GetBytes(markdown), "brackets.md", new IngestLimits { Timeout = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(IngestFailure.TooSlow, refusal.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    // The stream cancels the token once it has been read to the end, so the cancellation reaches the parser
    // itself: nothing but the parser's own check can stop the extraction.
    [Theory]
    [InlineData("guidebook.pdf")]
    [InlineData("annual-report.docx")]
    [InlineData("page-with-script.html")]
    [InlineData("notes.md")]
    [InlineData("russian-utf16.txt")]
    public async Task Each_parser_stops_when_the_caller_cancels(string fixture)
    {
        using var cancellation = new CancellationTokenSource();
        await using var content = new CancelAtEnd(Files.Bytes(fixture), cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TextExtractor(new IngestLimits()).ExtractAsync(content, fixture, cancellation.Token));
        Assert.True(content.Ended);
    }

    [Fact]
    public async Task A_slow_extraction_stops_within_a_second_of_being_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        await using var content = new CancelAtEnd(Hostile.RepeatedlyNestedHtml(500, 1_000_000), cancellation, TimeSpan.FromMilliseconds(200));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TextExtractor(new IngestLimits()).ExtractAsync(content, "slow.html", cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    private sealed class CancelAtEnd(byte[] bytes, CancellationTokenSource cancellation, TimeSpan? delay = null) : MemoryStream(bytes, writable: false)
    {
        public bool Ended { get; private set; }

        public override int Read(Span<byte> buffer) => Cancel(base.Read(buffer));

        public override int Read(byte[] buffer, int offset, int count) => Cancel(base.Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Cancel(base.Read(buffer.Span)));

        private int Cancel(int read)
        {
            if (read > 0) return read;
            Ended = true;
            if (delay is { } later) cancellation.CancelAfter(later);
            else cancellation.Cancel();
            return read;
        }
    }
}
