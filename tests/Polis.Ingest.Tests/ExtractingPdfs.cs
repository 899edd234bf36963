using UglyToad.PdfPig;

namespace Polis.Ingest.Tests;

public sealed class ExtractingPdfs
{
    [Fact]
    public void Printed_guidebook_yields_its_english_and_russian_text_title_language_and_pages()
    {
        var pdf = Files.Extract("guidebook.pdf");

        Assert.Equal(FileKind.Pdf, pdf.Kind);
        Assert.Equal("application/pdf", pdf.MediaType);
        Assert.True(pdf.HasText);
        Assert.Contains("The police protect and respect the fundamental rights and freedoms of every person.", pdf.Text, StringComparison.Ordinal);
        Assert.Contains("Полиция защищает и уважает основные права и свободы каждого человека.", pdf.Text, StringComparison.Ordinal);
        Assert.Equal("Guidebook on Democratic Policing", pdf.Title);
        Assert.Equal("en", pdf.Language);
        Assert.Equal(2, pdf.PageCount);
        Assert.NotNull(pdf.Created);
        Assert.Null(pdf.Author);
    }

    // PdfPig's content order separates paragraphs; pdftotext's reading order separates blocks and pages only
    // (ReadingPdfsWithPoppler, ADR 0010).
    [Fact]
    public void Pages_and_paragraphs_are_separated_by_a_blank_line_by_pdfpig()
    {
        var pdf = Files.Extract("guidebook.pdf", new IngestLimits { PdfToText = null });

        var paragraphs = pdf.Text.Split("\n\n");
        Assert.Equal("Guidebook on Democratic Policing", paragraphs[0]);
        Assert.Contains("Руководство по вопросам демократической полиции", paragraphs);
        Assert.DoesNotContain("  ", pdf.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", pdf.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbols_cited_in_a_pdf_are_found_in_its_text()
    {
        var cited = DocumentSymbol.FindAll(Files.Extract("guidebook.pdf").Text).Select(s => s.Canonical);

        Assert.Equal(["PC.DEC/1049", "MC.DEC/9/11", "MC(9).DEC/9"], cited);
    }

    [Fact]
    public void Scanned_pdf_with_only_an_image_is_kept_without_text()
    {
        using (var raw = PdfDocument.Open(Files.PathOf("scanned.pdf")))
            Assert.NotEmpty(raw.GetPage(1).GetImages());   // the fixture really is a picture of text

        var pdf = Files.Extract("scanned.pdf");

        Assert.False(pdf.HasText);
        Assert.Equal("", pdf.Text);
        Assert.Equal(1, pdf.PageCount);
        Assert.Equal("Scanned letter", pdf.Title);
    }

    [Fact]
    public void Password_protected_pdf_is_refused_as_encrypted()
    {
        var refusal = Files.Refusal("encrypted.pdf");

        Assert.Equal(IngestFailure.Encrypted, refusal.Failure);
        Assert.Equal("encrypted.pdf is encrypted; remove the password and upload it again.", refusal.Message);
    }

    [Fact]
    public void Pdf_cut_short_is_refused_as_corrupt()
    {
        var refusal = Files.Refusal("truncated.pdf");

        Assert.Equal(IngestFailure.Corrupt, refusal.Failure);
        Assert.StartsWith("truncated.pdf is damaged or is not a valid PDF document", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_archive_named_pdf_is_refused_as_not_matching_its_extension()
    {
        var refusal = Files.Refusal("really-a-zip.pdf");

        Assert.Equal(IngestFailure.ContentDoesNotMatchExtension, refusal.Failure);
        Assert.Contains("really-a-zip.pdf", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("ZIP archive", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_named_docx_is_refused_as_not_matching_its_extension()
    {
        var refusal = Files.Refusal(Files.Bytes("guidebook.pdf"), "report.docx");

        Assert.Equal(IngestFailure.ContentDoesNotMatchExtension, refusal.Failure);
        Assert.Equal("report.docx is named as a Word document but contains a PDF document; "
            + "check that you chose the right file, or give it the right extension.", refusal.Message);
    }
}
