using System.Diagnostics;

namespace Polis.Ingest.Tests;

// ADR 0010: poppler's pdftotext reads a PDF's text when it is installed (tests/run.sh installs poppler-utils); PdfPig
// reads it when pdftotext is absent or fails on the file. Both give the same text for the fixtures.
public sealed class ReadingPdfsWithPoppler
{
    private static readonly IngestLimits WithoutPoppler = new() { PdfToText = null };

    [Fact]
    public void Poppler_is_installed_and_used_by_default()
    {
        Assert.NotNull(new IngestLimits().PdfToText);

        var pdf = Files.Extract("guidebook.pdf");

        Assert.Equal(PdfExtractors.Poppler, pdf.Extractor);
        Assert.Null(pdf.FallbackReason);
        Assert.Contains("The police protect and respect the fundamental rights and freedoms of every person.", pdf.Text, StringComparison.Ordinal);
        Assert.Contains("Полиция защищает и уважает основные права и свободы каждого человека.", pdf.Text, StringComparison.Ordinal);
        Assert.Equal("Guidebook on Democratic Policing", pdf.Title);
        Assert.Equal(2, pdf.PageCount);
    }

    [Fact]
    public void Pages_are_separated_by_a_blank_line()
    {
        var pdf = Files.Extract("guidebook.pdf");

        var paragraphs = pdf.Text.Split("\n\n");
        Assert.Equal(2, paragraphs.Length);
        Assert.StartsWith("Guidebook on Democratic Policing The police protect", paragraphs[0], StringComparison.Ordinal);
        Assert.StartsWith("Руководство по вопросам демократической полиции", paragraphs[1], StringComparison.Ordinal);
        Assert.DoesNotContain("  ", pdf.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_poppler_pdfpig_reads_the_same_words()
    {
        var poppler = Files.Extract("guidebook.pdf");
        var pig = Files.Extract("guidebook.pdf", WithoutPoppler);

        Assert.Equal(PdfExtractors.PdfPig, pig.Extractor);
        Assert.Null(pig.FallbackReason);
        Assert.Contains("The police protect and respect the fundamental rights and freedoms of every person.", pig.Text, StringComparison.Ordinal);
        Assert.Equal(Words(pig.Text), Words(poppler.Text));
        Assert.Equal((pig.Title, pig.Author, pig.PageCount, pig.Language, pig.Created, pig.HasText),
            (poppler.Title, poppler.Author, poppler.PageCount, poppler.Language, poppler.Created, poppler.HasText));
    }

    // Issue 21, sixth pass: when pdftotext reads the text, pdfinfo (the same poppler-utils) gives the page count, title,
    // author and date that PdfPig's opening gave (the same values, above), the language from the catalog's bytes, and the
    // page limit; a file pdfinfo cannot read (encrypted, damaged) goes to PdfPig, whose refusals stand (tests below).
    [Fact]
    public void Pdfinfo_answers_for_pdfpigs_opening_with_the_same_page_limit()
    {
        var pdf = Files.Extract("guidebook.pdf");

        Assert.Equal((PdfExtractors.Poppler, 2, "Guidebook on Democratic Policing", "en"), (pdf.Extractor, pdf.PageCount, pdf.Title, pdf.Language));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 41, 48, TimeSpan.Zero), pdf.Created);
        var refusal = Files.Refusal(Files.Bytes("guidebook.pdf"), "guidebook.pdf", new IngestLimits { MaxPages = 1 });
        Assert.Equal(IngestFailure.TooManyPages, refusal.Failure);
    }

    [Fact]
    public void When_pdftotext_fails_pdfpig_reads_the_text_and_the_reason_is_kept()
    {
        var pdf = Files.Extract("guidebook.pdf", new IngestLimits { PdfToText = "/bin/false" });

        Assert.Equal(PdfExtractors.PdfPig, pdf.Extractor);
        Assert.StartsWith("pdftotext exited with code 1", pdf.FallbackReason, StringComparison.Ordinal);
        Assert.Contains("The police protect and respect the fundamental rights and freedoms of every person.", pdf.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdftotext_that_cannot_be_started_falls_back_too()
    {
        var pdf = Files.Extract("guidebook.pdf", new IngestLimits { PdfToText = "/nonexistent/pdftotext" });

        Assert.Equal(PdfExtractors.PdfPig, pdf.Extractor);
        Assert.NotNull(pdf.FallbackReason);
        Assert.True(pdf.HasText);
    }

    [Theory]
    [InlineData("truncated.pdf", IngestFailure.Corrupt)]
    [InlineData("encrypted.pdf", IngestFailure.Encrypted)]
    public void A_damaged_or_encrypted_pdf_gets_the_same_refusal_with_poppler_as_without(string fixture, IngestFailure failure)
    {
        var withPoppler = Files.Refusal(fixture);
        var without = Assert.ThrowsAny<IngestException>(() => Files.Extract(fixture, WithoutPoppler));

        Assert.Equal(failure, withPoppler.Failure);
        Assert.Equal(without.Message, withPoppler.Message);
    }

    [Fact]
    public void A_decompression_bomb_is_refused_before_pdftotext_reads_it()
    {
        var bomb = Hostile.Pdf(Hostile.Zeros(256));

        var refusal = Assert.IsType<IngestLimitException>(Files.Refusal(bomb, "bomb.pdf"));

        Assert.Equal(IngestFailure.ZipBomb, refusal.Failure);
        Assert.Equal(nameof(IngestLimits.MaxStreamBytes), refusal.Limit);
    }

    [Fact]
    public void Endless_output_is_cut_at_the_text_limit_and_the_process_stopped()
    {
        // A pdftotext that never stops writing.
        var script = Script("exec yes police reform");
        try
        {
            var limits = new IngestLimits(MaxTextChars: 10_000) { PdfToText = script };

            var clock = Stopwatch.StartNew();
            var pdf = Files.Extract("guidebook.pdf", limits);

            Assert.Equal(PdfExtractors.Poppler, pdf.Extractor);
            Assert.InRange(pdf.Text.Length, 9_000, 10_000);
            Assert.StartsWith("police reform police reform", pdf.Text, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void A_pdftotext_that_hangs_is_stopped_by_the_time_budget()
    {
        var script = Script("exec sleep 60");
        try
        {
            var limits = new IngestLimits { Timeout = TimeSpan.FromSeconds(1), PdfToText = script };

            var clock = Stopwatch.StartNew();
            var refusal = Assert.IsType<IngestLimitException>(Files.Refusal(Files.Bytes("guidebook.pdf"), "guidebook.pdf", limits));

            Assert.Equal(IngestFailure.TooSlow, refusal.Failure);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    // Issue 21, seventh pass: a long PDF is read by one pdftotext per page range at once (one per core), so one long manual
    // does not leave the other cores idle; the ranges' outputs joined in order are the whole file's output.
    [Fact]
    public void A_long_pdf_is_read_in_page_ranges_at_once_and_joined_into_the_same_text()
    {
        var real = new IngestLimits().PdfToText!;
        var folder = Path.Combine(Path.GetTempPath(), $"pdftotext-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // The real pdftotext behind a script that notes its arguments, with the real pdfinfo beside it.
            var runs = Path.Combine(folder, "runs");
            var counting = Path.Combine(folder, "pdftotext");
            File.WriteAllText(counting, $"#!/bin/sh\necho \"$@\" >> '{runs}'\nexec '{real}' \"$@\"\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(counting, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.CreateSymbolicLink(Path.Combine(folder, "pdfinfo"), PopplerText.InfoBeside(real)!);

            var whole = Files.Extract("guidebook.pdf");
            var parts = Files.Extract("guidebook.pdf", new IngestLimits { PdfToText = counting, PdfPagesPerPart = 1, PdfParts = 4 });

            // Files.Extract reads a file stream: poppler is given the file's name (cheaper than its standard input).
            var file = Files.PathOf("guidebook.pdf");
            Assert.Equal([$"-enc UTF-8 -eol unix -f 1 -l 1 {file} -", $"-enc UTF-8 -eol unix -f 2 -l 2 {file} -"], File.ReadAllLines(runs).Order(StringComparer.Ordinal));
            Assert.Equal((PdfExtractors.Poppler, null, whole.Text, whole.PageCount, whole.Title), (parts.Extractor, parts.FallbackReason, parts.Text, parts.PageCount, parts.Title));
            var bytes = Files.Bytes("guidebook.pdf");
            Assert.Equal(PopplerText.Run(real, bytes, 1_000_000, CancellationToken.None), PopplerText.Run(real, bytes, 1_000_000, [(1, 1), (2, 2)], CancellationToken.None));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_pdf_read_from_its_file_gives_what_it_gives_from_standard_input()
    {
        var fromFile = Files.Extract("guidebook.pdf");
        var fromBytes = Files.Extract(Files.Bytes("guidebook.pdf"), "guidebook.pdf");

        Assert.Equal(PdfExtractors.Poppler, fromBytes.Extractor);
        Assert.Equal(fromBytes, fromFile);
    }

    [Theory]
    [InlineData(150, 2, "")]
    [InlineData(201, 2, "1-100 101-201")]
    [InlineData(896, 2, "1-448 449-896")]
    [InlineData(896, 1, "")]
    [InlineData(700, 8, "1-175 176-350 351-525 526-700")]
    public void Page_ranges_are_one_per_core_for_pdfs_over_the_part_size(int pages, int cores, string expected)
    {
        var parts = PdfText.PartsOf(pages, new IngestLimits { PdfParts = cores });

        Assert.Equal(expected, string.Join(' ', parts.Select(p => $"{p.First}-{p.Last}")));
    }

    // A stand-in for pdftotext: a shell script (the arguments it is given are ignored).
    private static string Script(string body)
    {
        var script = Path.Combine(Path.GetTempPath(), $"pdftotext-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static SortedSet<string> Words(string text) =>
        new(text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
