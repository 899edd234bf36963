using System.IO.Compression;
using System.Text;

namespace Polis.Ingest.Tests;

public sealed class ExtractingWordDocuments
{
    [Fact]
    public void Report_yields_paragraphs_and_table_cells_in_document_order_with_core_properties()
    {
        var docx = Files.Extract("annual-report.docx");

        Assert.Equal(FileKind.Docx, docx.Kind);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.MediaType);
        Assert.True(docx.HasText);
        Assert.Equal(
            [
                "Annual Report on Police-Related Activities 2012",
                "The Secretary General reports on activities of the executive structures.",
                "Генеральный секретарь представляет ежегодный доклад о деятельности, связанной с полицией.",
                "Executive structure", "Activities", "Mission to Serbia", "Cybercrime investigation course",
                "This report follows MC.DEC/9/11 and SEC.GAL/62/10.",
            ],
            docx.Text.Split("\n\n"));
        Assert.Equal("Annual Report 2012", docx.Title);
        Assert.Equal("Secretariat", docx.Author);
        Assert.Equal("en-GB", docx.Language);
        Assert.Equal(new DateTimeOffset(2013, 6, 28, 9, 30, 0, TimeSpan.Zero), docx.Created);
        Assert.Null(docx.PageCount);
    }

    [Fact]
    public void Docx_cut_short_is_refused_as_corrupt()
    {
        var refusal = Files.Refusal("truncated.docx");

        Assert.Equal(IngestFailure.Corrupt, refusal.Failure);
        Assert.StartsWith("truncated.docx is damaged or is not a valid Word document", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_protected_docx_is_refused_as_encrypted()
    {
        var refusal = Files.Refusal("encrypted.docx");

        Assert.Equal(IngestFailure.Encrypted, refusal.Failure);
        Assert.Equal("encrypted.docx is encrypted; remove the password and upload it again.", refusal.Message);
    }

    [Fact]
    public void Old_format_office_file_named_docx_is_refused_as_not_matching_its_extension()
    {
        // No tool here writes a .doc; the compound-file signature and an empty body are all the check looks at.
        byte[] compoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var refusal = Files.Refusal(compoundFile, "minutes.docx");

        Assert.Equal(IngestFailure.ContentDoesNotMatchExtension, refusal.Failure);
        Assert.Contains("old-format Microsoft Office file", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_that_is_not_an_office_package_is_refused_as_corrupt()
    {
        var zip = Zip(("notes.txt", Encoding.UTF8.GetBytes("just a zip")));

        Assert.Equal(IngestFailure.Corrupt, Files.Refusal(zip, "notes.docx").Failure);
    }

    [Fact]
    public void Excel_workbook_named_docx_is_refused_as_not_matching_its_extension()
    {
        var workbook = Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("xl/workbook.xml", Encoding.UTF8.GetBytes("<workbook/>")));

        var refusal = Files.Refusal(workbook, "budget.docx");

        Assert.Equal(IngestFailure.ContentDoesNotMatchExtension, refusal.Failure);
        Assert.Contains("Excel workbook", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_of_600_MB_of_zeros_compressed_to_a_few_hundred_KB_is_refused_as_a_zip_bomb()
    {
        var bomb = Zip(("[Content_Types].xml", ContentTypes), ("word/document.xml", new byte[600 * 1024 * 1024]));
        Assert.True(bomb.Length < 2 * 1024 * 1024);

        var refusal = Files.Refusal(bomb, "bomb.docx");

        Assert.Equal(IngestFailure.ZipBomb, refusal.Failure);
        Assert.StartsWith("bomb.docx would expand to more than 64 MB in one part (the limit), far more than a real document holds", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_entry_compressed_beyond_the_ratio_limit_is_refused_as_a_zip_bomb()
    {
        // 4 MB is far below MaxUncompressedBytes; only its 1000:1 ratio gives it away.
        var bomb = Zip(("[Content_Types].xml", ContentTypes), ("word/document.xml", new byte[4 * 1024 * 1024]));

        Assert.Equal(IngestFailure.ZipBomb, Files.Refusal(bomb, "small-bomb.docx").Failure);
    }

    [Fact]
    public void Bomb_that_understates_its_sizes_is_refused_as_corrupt_instead_of_being_inflated()
    {
        var bomb = Zip(("[Content_Types].xml", ContentTypes), ("word/document.xml", new byte[64 * 1024 * 1024]));
        UnderstateSize(bomb, "word/document.xml", 1000);

        Assert.Equal(IngestFailure.Corrupt, Files.Refusal(bomb, "liar.docx").Failure);
    }

    [Fact]
    public void Limits_can_be_lowered_for_smaller_deployments()
    {
        var limits = new IngestLimits(MaxUncompressedBytes: 1024 * 1024, MaxCompressionRatio: int.MaxValue);

        var refusal = Files.Refusal(Zip(("word/document.xml", new byte[2 * 1024 * 1024])), "big.docx", limits);

        Assert.Equal(IngestFailure.ZipBomb, refusal.Failure);
    }

    private static readonly byte[] ContentTypes = Encoding.UTF8.GetBytes(
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""");

    internal static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }
        return buffer.ToArray();
    }

    // Rewrites the uncompressed size in the entry's local header and central-directory record, as a crafted
    // bomb would, leaving the compressed data as it is.
    private static void UnderstateSize(byte[] zip, string entryName, int size)
    {
        var name = Encoding.ASCII.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 + name.Length < zip.Length; i++)
        {
            if (zip.AsSpan(i, 4).SequenceEqual("PK\x03\x04"u8) && zip.AsSpan(i + 30, name.Length).SequenceEqual(name))
                patched += BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), size) ? 1 : 0;
            if (zip.AsSpan(i, 4).SequenceEqual("PK\x01\x02"u8) && zip.AsSpan(i + 46, name.Length).SequenceEqual(name))
                patched += BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size) ? 1 : 0;
        }
        Assert.Equal(2, patched);
    }
}
