using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Section = Polis.Search.LexiconFormat.Section;

namespace Polis.Search;

/// <summary>
/// The dictionary lexicon: translations of words and short phrases between English, Russian, French, German and
/// Spanish, built by <see cref="LexiconBuilder"/> from installed dictionaries. Open it once and share it: it is
/// immutable and thread-safe. The whole file is held in memory and looked up in place (hash tables over its bytes).
/// </summary>
public sealed class Lexicon : ITermTranslator
{
    /// <summary>The lexicon's file name in the data folder.</summary>
    public const string FileName = "polis-lexicon.bin";

    private const string Rebuild = "Run `polis lexicon build` to make a new one.";

    private readonly byte[] file;
    private readonly int[] offsets = new int[(int)Section.Count];
    private readonly int[] lengths = new int[(int)Section.Count];
    private readonly string?[] strings;
    private readonly string[]?[] phraseStems;
    private readonly int stemMask;
    private readonly int headMask;
    private readonly Lazy<LexiconInfo> info;

    private Lexicon(string path, byte[] file)
    {
        this.file = file;
        var payload = file.AsSpan(LexiconFormat.HeaderSize);
        var count = payload.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(payload) : -1;
        if (count != (int)Section.Count || payload.Length < 4 + (8 * count))
        {
            throw Corrupt(path, "its table of sections is damaged");
        }
        for (var i = 0; i < count; i++)
        {
            var offset = BinaryPrimitives.ReadInt32LittleEndian(payload[(4 + (8 * i))..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(payload[(8 + (8 * i))..]);
            if (offset < 0 || length < 0 || (long)offset + length > payload.Length || offset % 4 != 0)
            {
                throw Corrupt(path, $"section {(Section)i} lies outside the file");
            }
            offsets[i] = LexiconFormat.HeaderSize + offset;
            lengths[i] = length;
        }
        Validate(path);
        strings = new string?[Ints(Section.StringOffsets).Length - 1];
        phraseStems = new string[]?[Bytes(Section.PhraseLanguage).Length];
        stemMask = Ints(Section.StemHash).Length - 1;
        headMask = Ints(Section.HeadHash).Length - 1;
        LexiconInfo described;
        try
        {
            described = ReadInfo() with { FileBytes = file.Length };
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException)
        {
            throw Corrupt(path, "its description (sources, counts) cannot be read", e);
        }
        // The file's own SHA-256 (the header holds the payload's) is only for display: computed when first asked for.
        info = new Lazy<LexiconInfo>(() => described with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(file)) });
    }

    /// <summary>What the lexicon holds and where it comes from.</summary>
    public LexiconInfo Info => info.Value;

    /// <summary>Reads and checks a lexicon file (magic, version, length, SHA-256, structure).</summary>
    /// <exception cref="LexiconException">The file is missing, not a Polis lexicon, of another format version, truncated or corrupt.</exception>
    public static Lexicon Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LexiconException($"There is no lexicon at {path}. {Rebuild}", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LexiconException($"The lexicon {path} cannot be read ({e.Message}). Check its permissions, or run `polis lexicon build` to make a new one.", path, e);
        }
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The lexicon is read in place and needs a little-endian processor.");
        }

        var magic = LexiconFormat.Magic;
        if (bytes.Length < magic.Length || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
        {
            throw new LexiconException(
                bytes.Length < magic.Length && magic.StartsWith(bytes)
                    ? $"The lexicon {path} is truncated: it holds only {bytes.Length} bytes. {Rebuild}"
                    : $"{path} is not a Polis lexicon (it does not start with \"POLISLEX\"). {Rebuild}",
                path);
        }
        if (bytes.Length < LexiconFormat.HeaderSize)
        {
            throw new LexiconException($"The lexicon {path} is truncated: it holds {bytes.Length} bytes, less than its {LexiconFormat.HeaderSize}-byte header. {Rebuild}", path);
        }
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version != LexiconFormat.Version)
        {
            throw new LexiconException(
                $"The lexicon {path} has format version {version}, but this version of Polis reads version {LexiconFormat.Version}. {Rebuild}", path);
        }
        var payloadLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16));
        var actual = bytes.Length - LexiconFormat.HeaderSize;
        if (payloadLength > actual)
        {
            throw new LexiconException(
                $"The lexicon {path} is truncated: its header announces {payloadLength:D} bytes of data but the file holds {actual:D}. {Rebuild}", path);
        }
        if (payloadLength < actual)
        {
            throw new LexiconException(
                $"The lexicon {path} is corrupt: it holds {actual - payloadLength:D} bytes more than its header announces. {Rebuild}", path);
        }
        var checksum = SHA256.HashData(bytes.AsSpan(LexiconFormat.HeaderSize));
        if (!checksum.AsSpan().SequenceEqual(bytes.AsSpan(LexiconFormat.ChecksumOffset, LexiconFormat.ChecksumSize)))
        {
            throw new LexiconException(
                $"The lexicon {path} is corrupt: its SHA-256 checksum does not match its contents (damaged on disk or in a copy). {Rebuild}", path);
        }
        return new Lexicon(path, bytes);
    }

    // The longest headword at each position of the query (up to MaxStems stems), with one match per target language
    // and source: its Dictionary translations first, then its Software ones, then the secondary dictionary's (Source
    // Dictionary, Secondary), then its Pivot ones, each best first. Allocates only the result.
    internal IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems)
    {
        var language = LexiconLanguages.IndexOf(sourceLanguage);
        if (!LexiconLanguages.IsIndexed(language) || stems.Count == 0)
        {
            return [];
        }
        var n = stems.Count;
        Span<int> ids = n <= 64 ? stackalloc int[n] : new int[n];
        var any = false;
        for (var i = 0; i < n; i++)
        {
            ids[i] = FindStem(stems[i]);
            any |= ids[i] >= 0;
        }
        if (!any)
        {
            return [];
        }

        // Every headword starting at each position, by length; then, per target language, the longest headword that
        // translates into that language. A multi-word entry with German targets only ("files and folders") must not
        // keep the words it covers from their own Russian or Spanish translations.
        var max = LexiconBuilder.MaxStems;
        Span<int> heads = n <= 16 ? stackalloc int[n * max] : new int[n * max];
        heads.Fill(-1);
        for (var at = 0; at < n; at++)
        {
            for (var length = 1; length <= max && at + length <= n && ids[at + length - 1] >= 0; length++)
            {
                heads[(at * max) + length - 1] = FindHead(language, ids.Slice(at, length));
            }
        }
        var matches = new List<TermMatch>();
        for (var target = 0; target < LexiconLanguages.Indexed.Count; target++)
        {
            if (target == language)
            {
                continue;
            }
            for (var at = 0; at < n;)
            {
                var length = max;
                while (length > 0 && (heads[(at * max) + length - 1] is var head && (head < 0 || !Translates(head, target))))
                {
                    length--;   // longest first
                }
                if (length == 0)
                {
                    at++;
                    continue;
                }
                AddMatches(matches, heads[(at * max) + length - 1], at, length, target);
                at += length;
            }
        }
        matches.Sort((x, y) => x.FirstStem != y.FirstStem ? x.FirstStem.CompareTo(y.FirstStem) : y.StemCount.CompareTo(x.StemCount));
        return matches;
    }

    // Whether a headword has a translation into the language.
    private bool Translates(int head, int language)
    {
        var starts = Ints(Section.HeadTargetStart);
        var phrases = Ints(Section.TargetPhrase);
        var languages = Bytes(Section.PhraseLanguage);
        for (var t = starts[head]; t < starts[head + 1]; t++)
        {
            if (languages[phrases[t]] == language)
            {
                return true;
            }
        }
        return false;
    }

    IReadOnlyList<TermMatch> ITermTranslator.Translate(string sourceLanguage, IReadOnlyList<string> stems) => Translate(sourceLanguage, stems);

    // The matches of one headword into one language: one per source (dictionary, software, secondary dictionary, pivot), best first.
    private void AddMatches(List<TermMatch> matches, int head, int first, int count, int targetLanguage)
    {
        var starts = Ints(Section.HeadTargetStart);
        var phrases = Ints(Section.TargetPhrase);
        var weights = Bytes(Section.TargetWeight);
        var sources = Bytes(Section.TargetSource);
        var languages = Bytes(Section.PhraseLanguage);
        var surfaces = Ints(Section.PhraseSurface);
        var end = starts[head + 1];
        for (var t = starts[head]; t < end;)
        {
            var language = languages[phrases[t]];
            var source = sources[t];
            var group = t + 1;
            while (group < end && languages[phrases[group]] == language && sources[group] == source)
            {
                group++;
            }
            if (language != targetLanguage)
            {
                t = group;
                continue;
            }
            var targets = new string[group - t];
            var targetWeights = new float[group - t];
            var targetStems = new string[group - t][];
            for (var k = t; k < group; k++)
            {
                var phrase = phrases[k];
                targets[k - t] = String(surfaces[phrase]);
                targetWeights[k - t] = weights[k] / 255f;
                targetStems[k - t] = PhraseStems(phrase);
            }
            matches.Add(new TermMatch(first, count, LexiconLanguages.All[language], targets)
            {
                Source = source == LexiconFormat.SecondaryDictionary ? TranslationSource.Dictionary : (TranslationSource)source,
                Secondary = source == LexiconFormat.SecondaryDictionary,
                Weights = targetWeights,
                TargetStems = targetStems,
            });
            t = group;
        }
    }

    private int FindStem(string stem)
    {
        if (stem.Length == 0 || stem.Length > LexiconFormat.MaxStemChars)
        {
            return -1;
        }
        Span<byte> utf8 = stackalloc byte[LexiconFormat.MaxStemChars * 3];
        var length = Encoding.UTF8.GetBytes(stem, utf8);
        var key = utf8[..length];
        var table = Ints(Section.StemHash);
        var offsets = Ints(Section.StringOffsets);
        var bytes = Bytes(Section.StringBytes);
        for (var slot = (int)(LexiconFormat.HashBytes(key) & (uint)stemMask); ; slot = (slot + 1) & stemMask)
        {
            var entry = table[slot];
            if (entry == 0)
            {
                return -1;
            }
            var id = entry - 1;
            if (bytes[offsets[id]..offsets[id + 1]].SequenceEqual(key))
            {
                return id;
            }
        }
    }

    private int FindHead(int language, ReadOnlySpan<int> stems)
    {
        var table = Ints(Section.HeadHash);
        var headLanguages = Bytes(Section.HeadLanguage);
        var keyStarts = Ints(Section.HeadKeyStart);
        var keys = Ints(Section.HeadKeys);
        for (var slot = (int)(LexiconFormat.HashHead(language, stems) & (uint)headMask); ; slot = (slot + 1) & headMask)
        {
            var entry = table[slot];
            if (entry == 0)
            {
                return -1;
            }
            var head = entry - 1;
            if (headLanguages[head] == language && keys[keyStarts[head]..keyStarts[head + 1]].SequenceEqual(stems))
            {
                return head;
            }
        }
    }

    // Strings and stem arrays are decoded on first use and kept; two threads decoding the same one at once both
    // publish equal values, which is harmless.
    private string String(int id)
    {
        var s = Volatile.Read(ref strings[id]);
        if (s is null)
        {
            var offsets = Ints(Section.StringOffsets);
            s = Encoding.UTF8.GetString(Bytes(Section.StringBytes)[offsets[id]..offsets[id + 1]]);
            Volatile.Write(ref strings[id], s);
        }
        return s;
    }

    private string[] PhraseStems(int phrase)
    {
        var stems = Volatile.Read(ref phraseStems[phrase]);
        if (stems is null)
        {
            var starts = Ints(Section.PhraseStemStart);
            var ids = Ints(Section.PhraseStems)[starts[phrase]..starts[phrase + 1]];
            stems = new string[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                stems[i] = String(ids[i]);
            }
            Volatile.Write(ref phraseStems[phrase], stems);
        }
        return stems;
    }

    private ReadOnlySpan<byte> Bytes(Section section) => file.AsSpan(offsets[(int)section], lengths[(int)section]);

    private ReadOnlySpan<int> Ints(Section section) => MemoryMarshal.Cast<byte, int>(Bytes(section));

    // Every count, start and id in range, so that no lookup can fail later. The checksum has ruled out damage; this
    // rules out a file written by a faulty builder.
    private void Validate(string path)
    {
        foreach (var section in (Section[])[Section.StringOffsets, Section.StemHash, Section.HeadKeyStart, Section.HeadKeys,
            Section.HeadTargetStart, Section.HeadHash, Section.TargetPhrase, Section.PhraseSurface, Section.PhraseStemStart, Section.PhraseStems])
        {
            if (lengths[(int)section] % 4 != 0)
            {
                throw Corrupt(path, $"section {section} is not a whole number of integers");
            }
        }
        var stringOffsets = Ints(Section.StringOffsets);
        var stringCount = stringOffsets.Length - 1;
        var heads = Bytes(Section.HeadLanguage).Length;
        var targets = Ints(Section.TargetPhrase).Length;
        var phrases = Bytes(Section.PhraseLanguage).Length;
        if (stringCount < 0
            || Ints(Section.HeadKeyStart).Length != heads + 1
            || Ints(Section.HeadTargetStart).Length != heads + 1
            || Bytes(Section.TargetWeight).Length != targets
            || Bytes(Section.TargetSource).Length != targets
            || Ints(Section.PhraseSurface).Length != phrases
            || Ints(Section.PhraseStemStart).Length != phrases + 1
            || !IsPowerOfTwo(Ints(Section.StemHash).Length)
            || !IsPowerOfTwo(Ints(Section.HeadHash).Length))
        {
            throw Corrupt(path, "its sections do not agree in size");
        }
        Check(path, Ascending(stringOffsets, Bytes(Section.StringBytes).Length), "string offsets");
        Check(path, InRange(Ints(Section.StemHash), 0, stringCount), "stem table");
        Check(path, Ascending(Ints(Section.HeadKeyStart), Ints(Section.HeadKeys).Length), "headword keys");
        Check(path, InRange(Ints(Section.HeadKeys), 0, stringCount - 1), "headword stems");
        Check(path, Ascending(Ints(Section.HeadTargetStart), targets), "headword translations");
        Check(path, InRange(Ints(Section.HeadHash), 0, heads), "headword table");
        Check(path, InRange(Ints(Section.TargetPhrase), 0, phrases - 1), "translations");
        Check(path, InRange(Ints(Section.PhraseSurface), 0, stringCount - 1), "translation forms");
        Check(path, Ascending(Ints(Section.PhraseStemStart), Ints(Section.PhraseStems).Length), "translation stems");
        Check(path, InRange(Ints(Section.PhraseStems), 0, stringCount - 1), "translation stems");
        Check(path, Bytes(Section.HeadLanguage).IndexOfAnyExceptInRange((byte)0, (byte)4) < 0, "headword languages");
        Check(path, Bytes(Section.PhraseLanguage).IndexOfAnyExceptInRange((byte)0, (byte)4) < 0, "translation languages");
        Check(path, Bytes(Section.TargetSource).IndexOfAnyExcept([(byte)TranslationSource.Dictionary, (byte)TranslationSource.Pivot, (byte)TranslationSource.Software, LexiconFormat.SecondaryDictionary]) < 0, "translation sources");
        Check(path, Bytes(Section.TargetWeight).IndexOf((byte)0) < 0, "weights");
        var headKeyStarts = Ints(Section.HeadKeyStart);
        for (var h = 0; h < heads; h++)
        {
            if (headKeyStarts[h + 1] - headKeyStarts[h] is < 1 or > LexiconBuilder.MaxStems)
            {
                throw Corrupt(path, "a headword has no stems or too many");
            }
        }

        static bool IsPowerOfTwo(int n) => n > 0 && (n & (n - 1)) == 0;
    }

    private static void Check(string path, bool ok, string what)
    {
        if (!ok)
        {
            throw Corrupt(path, $"its {what} are out of range");
        }
    }

    private static bool Ascending(ReadOnlySpan<int> starts, int limit)
    {
        if (starts.Length == 0 || starts[0] != 0 || starts[^1] != limit)
        {
            return false;
        }
        for (var i = 1; i < starts.Length; i++)
        {
            if (starts[i] < starts[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    private static bool InRange(ReadOnlySpan<int> values, int min, int max) =>
        max < min ? values.IsEmpty : values.IndexOfAnyExceptInRange(min, max) < 0;

    private static LexiconException Corrupt(string path, string what, Exception? inner = null) =>
        new($"The lexicon {path} is corrupt: {what}. {Rebuild}", path, inner);

    private LexiconInfo ReadInfo()
    {
        using var stream = new MemoryStream(file, offsets[(int)Section.Info], lengths[(int)Section.Info], writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        return new LexiconInfo
        {
            FormatVersion = LexiconFormat.Version,
            Languages = ReadList(r, r.ReadString),
            PivotLanguages = ReadList(r, r.ReadString),
            Pairs = ReadList(r, () => new LexiconPairInfo(r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32()) { SoftwareTranslations = r.ReadInt32() }),
            Sources = ReadList(r, () => new LexiconSourceInfo(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadString())),
            Skipped = ReadList(r, () => new LexiconSkippedSource(r.ReadString(), r.ReadString())),
            Headwords = r.ReadInt32(),
            Translations = r.ReadInt32(),
        };
    }

    private static List<T> ReadList<T>(BinaryReader r, Func<T> read)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > 100_000)
        {
            throw new IOException("Implausible list length.");
        }
        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(read());
        }
        return items;
    }
}
