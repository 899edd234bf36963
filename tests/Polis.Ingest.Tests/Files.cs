namespace Polis.Ingest.Tests;

// The committed fixtures under Files/ (see FixtureSources/make-fixtures.sh for how each was made).
internal static class Files
{
    public static string PathOf(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Files", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static ExtractedFile Extract(string name, IngestLimits? limits = null)
    {
        using var stream = File.OpenRead(PathOf(name));
        return new TextExtractor(limits ?? new IngestLimits()).Extract(stream, name);
    }

    public static ExtractedFile Extract(byte[] content, string fileName, IngestLimits? limits = null) =>
        new TextExtractor(limits ?? new IngestLimits()).Extract(new MemoryStream(content), fileName);

    public static IngestException Refusal(byte[] content, string fileName, IngestLimits? limits = null) =>
        Assert.ThrowsAny<IngestException>(() => Extract(content, fileName, limits));

    public static IngestException Refusal(string name) => Refusal(Bytes(name), name);
}
