using System.Text;

namespace Polis.Ingest.Tests;

public sealed class RefusingMacrosAndEncryption
{
    private const string Expected = "report.docx is a Word document with macros, which are not accepted; save it in Word as a Word Document (.docx) without macros and upload that.";

    [Fact]
    public void A_macro_enabled_document_renamed_docx_is_refused_by_its_content_type()
    {
        var types = Hostile.EntryText(Files.Bytes("annual-report.docx"), "[Content_Types].xml").Replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml", StringComparison.Ordinal);
        Assert.Contains("macroEnabled", types, StringComparison.Ordinal);

        var refusal = Files.Refusal(Hostile.Docx(("[Content_Types].xml", Encoding.UTF8.GetBytes(types))), "report.docx");

        Assert.Equal(IngestFailure.MacroEnabled, refusal.Failure);
        Assert.Equal(Expected, refusal.Message);
    }

    [Fact]
    public void A_document_carrying_a_vba_project_is_refused_whatever_its_content_types_say()
    {
        var refusal = Files.Refusal(Hostile.Docx(("word/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3])), "report.docx");

        Assert.Equal(IngestFailure.MacroEnabled, refusal.Failure);
        Assert.Equal(Expected, refusal.Message);
    }

    [Fact]
    public void A_document_with_an_entry_flagged_encrypted_is_refused_as_encrypted()
    {
        var docx = Files.Bytes("annual-report.docx");
        var patched = 0;
        // Bit 0 of the general-purpose flags: in each local header (offset 6) and central-directory record (offset 8).
        for (var i = 0; i + 10 < docx.Length; i++)
        {
            if (docx.AsSpan(i, 4).SequenceEqual("PK\x03\x04"u8)) { docx[i + 6] |= 1; patched++; }
            else if (docx.AsSpan(i, 4).SequenceEqual("PK\x01\x02"u8)) { docx[i + 8] |= 1; patched++; }
        }
        Assert.True(patched >= 2);

        var refusal = Files.Refusal(docx, "report.docx");

        Assert.Equal(IngestFailure.Encrypted, refusal.Failure);
        Assert.Equal("report.docx is encrypted; remove the password and upload it again.", refusal.Message);
    }

    [Fact]
    public void A_password_protected_word_document_is_an_ole_file_and_is_refused_as_encrypted()
    {
        var encrypted = Files.Bytes("encrypted.docx");
        Assert.Equal([0xD0, 0xCF, 0x11, 0xE0], encrypted[..4]);

        Assert.Equal(IngestFailure.Encrypted, Files.Refusal(encrypted, "encrypted.docx").Failure);
    }
}
