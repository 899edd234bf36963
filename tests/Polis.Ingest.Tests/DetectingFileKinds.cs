using System.Text;

namespace Polis.Ingest.Tests;

public sealed class DetectingFileKinds
{
    [Theory]
    [InlineData("guidebook.pdf", "guidebook.pdf", FileKind.Pdf)]
    [InlineData("guidebook.pdf", "GUIDEBOOK.PDF", FileKind.Pdf)]
    [InlineData("annual-report.docx", "annual-report.docx", FileKind.Docx)]
    [InlineData("page-with-script.html", "page.html", FileKind.Html)]
    [InlineData("page-with-script.html", "page.htm", FileKind.Html)]
    [InlineData("russian-cp1251.txt", "russian.txt", FileKind.PlainText)]
    [InlineData("russian-utf16.txt", "russian.txt", FileKind.PlainText)]
    [InlineData("notes.md", "notes.md", FileKind.Markdown)]
    [InlineData("notes.md", "notes.markdown", FileKind.Markdown)]
    [InlineData("page-with-script.html", "page-source.txt", FileKind.PlainText)]
    public void Content_that_agrees_with_the_extension_gets_its_kind(string fixture, string fileName, FileKind expected)
    {
        Assert.Equal(expected, FileInspector.Detect(Head(fixture), fileName));
    }

    [Theory]
    [InlineData("really-a-zip.pdf", "report.pdf")]
    [InlineData("guidebook.pdf", "report.docx")]
    [InlineData("guidebook.pdf", "page.html")]
    [InlineData("annual-report.docx", "notes.md")]
    [InlineData("photo.txt", "photo.txt")]
    [InlineData("page-with-script.html", "page.pdf")]
    [InlineData("notes.md", "notes.docx")]
    public void Content_that_is_clearly_another_kind_is_refused(string fixture, string fileName)
    {
        var refusal = Assert.Throws<IngestException>(() => FileInspector.Detect(Head(fixture), fileName));

        Assert.Equal(IngestFailure.ContentDoesNotMatchExtension, refusal.Failure);
    }

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("report.doc")]
    [InlineData("archive.zip")]
    [InlineData("no-extension")]
    public void Other_extensions_are_refused_as_unsupported(string fileName)
    {
        var refusal = Assert.Throws<IngestException>(() => FileInspector.Detect("text"u8, fileName));

        Assert.Equal(IngestFailure.UnsupportedType, refusal.Failure);
    }

    [Fact]
    public void Windows_program_named_txt_is_refused_but_a_sentence_starting_with_mz_is_text()
    {
        byte[] program = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0];

        Assert.Throws<IngestException>(() => FileInspector.Detect(program, "readme.txt"));
        Assert.Equal(FileKind.PlainText, FileInspector.Detect(Encoding.ASCII.GetBytes("MZ stands for Mark Zbikowski."), "readme.txt"));
    }

    private static byte[] Head(string fixture) => Files.Bytes(fixture).Take(FileInspector.HeadLength).ToArray();
}
