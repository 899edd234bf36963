using System.Buffers.Binary;

namespace Polis.Search.Tests;

public sealed class OpeningALexiconFile : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly byte[] good;

    public OpeningALexiconFile()
    {
        var options = LexiconFiles.WriteSmallSet(folder.Path, folder.File(Lexicon.FileName));
        LexiconBuilder.Build(options, null, Index.Ct);
        good = File.ReadAllBytes(options.OutputPath);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_good_file_opens_and_describes_itself()
    {
        var lexicon = Lexicon.Open(folder.File(Lexicon.FileName));

        Assert.Equal(good.Length, lexicon.Info.FileBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(good)), lexicon.Info.Sha256);
        Assert.Equal(["en", "ru", "fr", "de", "es"], lexicon.Info.Languages);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var path = folder.File("nowhere.bin");

        var e = Assert.Throws<LexiconException>(() => Lexicon.Open(path));

        AssertNamesFileAndRemedy(e, path);
        Assert.Contains("There is no lexicon", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_lexicon_is_recognised()
    {
        var path = Write("garbage.bin", System.Text.Encoding.UTF8.GetBytes("This is a text file, not a lexicon at all."));

        var e = Assert.Throws<LexiconException>(() => Lexicon.Open(path));

        AssertNamesFileAndRemedy(e, path);
        Assert.Contains("not a Polis lexicon", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(64)]
    [InlineData(1000)]
    public void A_truncated_file_is_reported_as_truncated(int keep)
    {
        var path = Write("truncated.bin", good[..keep]);

        var e = Assert.Throws<LexiconException>(() => Lexicon.Open(path));

        AssertNamesFileAndRemedy(e, path);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_another_format_version_is_refused()
    {
        var bytes = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 99);
        var path = Write("future.bin", bytes);

        var e = Assert.Throws<LexiconException>(() => Lexicon.Open(path));

        AssertNamesFileAndRemedy(e, path);
        Assert.Contains("format version 99", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void A_file_with_one_flipped_byte_fails_its_checksum(double where)
    {
        var bytes = (byte[])good.Clone();
        var at = 64 + (int)((bytes.Length - 64) * where);
        bytes[at] ^= 0x10;
        var path = Write("flipped.bin", bytes);

        var e = Assert.Throws<LexiconException>(() => Lexicon.Open(path));

        AssertNamesFileAndRemedy(e, path);
        Assert.Contains("corrupt", e.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_bytes_appended_is_corrupt()
    {
        var path = Write("longer.bin", [.. good, 0, 0, 0, 0]);

        var e = Assert.Throws<LexiconException>(() => Lexicon.Open(path));

        AssertNamesFileAndRemedy(e, path);
        Assert.Contains("corrupt", e.Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertNamesFileAndRemedy(LexiconException e, string path)
    {
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("polis lexicon build", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FilePath);
    }
}
