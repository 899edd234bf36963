using System.IO.Compression;
using System.Text;

namespace Polis.Ingest.Tests;

// Hostile files made in the test, byte by byte, so each one shows exactly the trick it plays.
internal static class Hostile
{
    /// <summary>An HTML page of <paramref name="depth"/> nested elements, never closed.</summary>
    public static byte[] NestedHtml(int depth, string tag = "div") =>
        Encoding.ASCII.GetBytes("<!DOCTYPE html><html><body>" + string.Concat(Enumerable.Repeat($"<{tag}>", depth)) + "policing");

    /// <summary>A page of blocks each nested <paramref name="depth"/> deep and closed again, repeated up to about <paramref name="size"/> bytes.</summary>
    public static byte[] RepeatedlyNestedHtml(int depth, int size)
    {
        var one = string.Concat(Enumerable.Repeat("<div>", depth)) + "police reform" + string.Concat(Enumerable.Repeat("</div>", depth));
        return Encoding.ASCII.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat(one, Math.Max(1, size / one.Length))));
    }

    /// <summary>A copy of the fixture DOCX with entries replaced or added.</summary>
    public static byte[] Docx(params (string Name, byte[] Content)[] changes)
    {
        using var buffer = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(Files.Bytes("annual-report.docx")), ZipArchiveMode.Read))
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                if (changes.Any(c => c.Name == entry.FullName)) continue;
                using var from = entry.Open();
                using var to = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
                from.CopyTo(to);
            }
            foreach (var (name, content) in changes)
            {
                using var to = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                to.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public static string EntryText(byte[] docx, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>word/document.xml with one paragraph inside <paramref name="depth"/> nested structured-document tags.</summary>
    public static byte[] DeepDocumentXml(int depth)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
        for (var i = 0; i < depth; i++) xml.Append("<w:sdt><w:sdtContent>");
        xml.Append("<w:p><w:r><w:t>police</w:t></w:r></w:p>");
        for (var i = 0; i < depth; i++) xml.Append("</w:sdtContent></w:sdt>");
        xml.Append("</w:body></w:document>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    /// <summary>
    /// A minimal valid PDF: one page per content stream (given already zlib-compressed: <see cref="Deflate"/> or
    /// <see cref="Zeros"/>), each marked FlateDecode, Helvetica as font, with a correct cross-reference table.
    /// </summary>
    public static byte[] Pdf(params byte[][] pageContents)
    {
        var output = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => output.Write(Encoding.ASCII.GetBytes(s));
        void Object(string body)
        {
            offsets.Add(output.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }
        Write("%PDF-1.4\n%\u00e2\u00e3\n");
        var pages = pageContents.Length;
        // 1 catalog, 2 pages, 3 font, then page i at 4 + 2i and its content at 5 + 2i.
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object($"<< /Type /Pages /Kids [{string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{4 + 2 * i} 0 R"))}] /Count {pages} >>");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        foreach (var content in pageContents)
        {
            Object($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {offsets.Count + 2} 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
            var compressed = content;
            offsets.Add(output.Position);
            Write($"{offsets.Count} 0 obj\n<< /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n");
            output.Write(compressed);
            Write("\nendstream\nendobj\n");
        }
        var xref = output.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    public static byte[] TextPage(string text) => Deflate(Encoding.ASCII.GetBytes($"BT /F1 24 Tf 72 700 Td ({text}) Tj ET"));

    /// <summary>zlib data that inflates to <paramref name="megabytes"/> MB of zeros (about 1 KB per MB).</summary>
    public static byte[] Zeros(int megabytes)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++) zlib.Write(block);
        }
        return output.ToArray();
    }

    public static byte[] Deflate(byte[] content)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(content);
        return output.ToArray();
    }
}
