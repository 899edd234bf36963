using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Polis.Search;

// Serialises a LexiconTable in the format described in LexiconFormat, to a temporary file next to the output that is
// then moved over it, so that a crash never leaves a half-written lexicon where the search looks for one.
internal static class LexiconWriter
{
    public static LexiconInfo Write(
        string outputPath, LexiconTable table, List<LexiconSourceInfo> sources, List<LexiconSkippedSource> skipped, CancellationToken ct)
    {
        // The phrases used as translations, numbered by (language, stems).
        var phraseIds = new Dictionary<(int Language, int Phrase), int>();
        var phrases = table.Heads.SelectMany(h => h.Targets).Select(t => (t.Language, t.Phrase)).Distinct().ToList();
        phrases.Sort((a, b) => a.Language != b.Language ? a.Language.CompareTo(b.Language)
            : string.CompareOrdinal(table.Phrases[a.Language].Keys[a.Phrase], table.Phrases[b.Language].Keys[b.Phrase]));
        for (var i = 0; i < phrases.Count; i++)
        {
            phraseIds[phrases[i]] = i;
        }

        var strings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var head in table.Heads)
        {
            strings.UnionWith(table.Phrases[head.Language].Stems[head.Phrase]);
        }
        foreach (var (language, phrase) in phrases)
        {
            strings.UnionWith(table.Phrases[language].Stems[phrase]);
            strings.Add(table.Surfaces[language][phrase]!);
        }
        var sorted = strings.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var stringIds = new Dictionary<string, int>(sorted.Length, StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++)
        {
            stringIds[sorted[i]] = i;
        }
        ct.ThrowIfCancellationRequested();

        var info = new LexiconInfo
        {
            FormatVersion = LexiconFormat.Version,
            Languages = LexiconLanguages.Indexed,
            PivotLanguages = table.PivotLanguages,
            Pairs = table.Pairs,
            Sources = sources,
            Skipped = skipped,
            Headwords = table.Heads.Count,
            Translations = table.Heads.Sum(h => h.Targets.Length),
        };

        var payload = new PayloadWriter();
        payload.Add(LexiconFormat.Section.Info, InfoBytes(info));

        var offsets = new int[sorted.Length + 1];
        var bytes = new MemoryStream();
        for (var i = 0; i < sorted.Length; i++)
        {
            var utf8 = Encoding.UTF8.GetBytes(sorted[i]);
            bytes.Write(utf8);
            offsets[i + 1] = checked((int)bytes.Length);
        }
        payload.Add(LexiconFormat.Section.StringOffsets, offsets);
        payload.Add(LexiconFormat.Section.StringBytes, bytes.ToArray());

        var stems = table.Heads.SelectMany(h => table.Phrases[h.Language].Stems[h.Phrase]).Select(s => stringIds[s]).Distinct().ToArray();
        Array.Sort(stems);
        var stemHash = new int[LexiconFormat.TableSize(stems.Length)];
        foreach (var id in stems)
        {
            var slot = (int)(LexiconFormat.HashBytes(Encoding.UTF8.GetBytes(sorted[id])) & (uint)(stemHash.Length - 1));
            while (stemHash[slot] != 0)
            {
                slot = (slot + 1) & (stemHash.Length - 1);
            }
            stemHash[slot] = id + 1;
        }
        payload.Add(LexiconFormat.Section.StemHash, stemHash);

        var headLanguage = new byte[table.Heads.Count];
        var headKeyStart = new int[table.Heads.Count + 1];
        var headKeys = new List<int>();
        var headTargetStart = new int[table.Heads.Count + 1];
        var headHash = new int[LexiconFormat.TableSize(table.Heads.Count)];
        var targetPhrase = new List<int>();
        var targetWeight = new List<byte>();
        var targetSource = new List<byte>();
        for (var h = 0; h < table.Heads.Count; h++)
        {
            var head = table.Heads[h];
            headLanguage[h] = (byte)head.Language;
            var key = table.Phrases[head.Language].Stems[head.Phrase].Select(s => stringIds[s]).ToArray();
            headKeys.AddRange(key);
            headKeyStart[h + 1] = headKeys.Count;
            var slot = (int)(LexiconFormat.HashHead(head.Language, key) & (uint)(headHash.Length - 1));
            while (headHash[slot] != 0)
            {
                slot = (slot + 1) & (headHash.Length - 1);
            }
            headHash[slot] = h + 1;
            foreach (var target in head.Targets)
            {
                targetPhrase.Add(phraseIds[(target.Language, target.Phrase)]);
                targetWeight.Add(target.Weight);
                targetSource.Add(target.Secondary ? LexiconFormat.SecondaryDictionary : (byte)target.Source);
            }
            headTargetStart[h + 1] = targetPhrase.Count;
        }
        ct.ThrowIfCancellationRequested();
        payload.Add(LexiconFormat.Section.HeadLanguage, headLanguage);
        payload.Add(LexiconFormat.Section.HeadKeyStart, headKeyStart);
        payload.Add(LexiconFormat.Section.HeadKeys, [.. headKeys]);
        payload.Add(LexiconFormat.Section.HeadTargetStart, headTargetStart);
        payload.Add(LexiconFormat.Section.HeadHash, headHash);
        payload.Add(LexiconFormat.Section.TargetPhrase, [.. targetPhrase]);
        payload.Add(LexiconFormat.Section.TargetWeight, [.. targetWeight]);
        payload.Add(LexiconFormat.Section.TargetSource, [.. targetSource]);

        var phraseLanguage = new byte[phrases.Count];
        var phraseSurface = new int[phrases.Count];
        var phraseStemStart = new int[phrases.Count + 1];
        var phraseStems = new List<int>();
        for (var i = 0; i < phrases.Count; i++)
        {
            var (language, phrase) = phrases[i];
            phraseLanguage[i] = (byte)language;
            phraseSurface[i] = stringIds[table.Surfaces[language][phrase]!];
            phraseStems.AddRange(table.Phrases[language].Stems[phrase].Select(s => stringIds[s]));
            phraseStemStart[i + 1] = phraseStems.Count;
        }
        payload.Add(LexiconFormat.Section.PhraseLanguage, phraseLanguage);
        payload.Add(LexiconFormat.Section.PhraseSurface, phraseSurface);
        payload.Add(LexiconFormat.Section.PhraseStemStart, phraseStemStart);
        payload.Add(LexiconFormat.Section.PhraseStems, [.. phraseStems]);

        var (fileBytes, sha256) = WriteAtomically(outputPath, payload.ToArray());
        return info with { FileBytes = fileBytes, Sha256 = sha256 };
    }

    public static byte[] InfoBytes(LexiconInfo info)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            WriteList(w, info.Languages, w.Write);
            WriteList(w, info.PivotLanguages, w.Write);
            WriteList(w, info.Pairs, p =>
            {
                w.Write(p.SourceLanguage);
                w.Write(p.TargetLanguage);
                w.Write(p.Headwords);
                w.Write(p.DirectTranslations);
                w.Write(p.PivotTranslations);
                w.Write(p.SoftwareTranslations);
            });
            WriteList(w, info.Sources, s =>
            {
                w.Write(s.Name);
                w.Write(s.SourceLanguage);
                w.Write(s.TargetLanguage);
                w.Write(s.Headwords);
                w.Write(s.Pairs);
                w.Write(s.Licence);
            });
            WriteList(w, info.Skipped, s =>
            {
                w.Write(s.Name);
                w.Write(s.Reason);
            });
            w.Write(info.Headwords);
            w.Write(info.Translations);
        }
        return stream.ToArray();
    }

    private static void WriteList<T>(BinaryWriter w, IReadOnlyList<T> items, Action<T> write)
    {
        w.Write(items.Count);
        foreach (var item in items)
        {
            write(item);
        }
    }

    private static (long Bytes, string Sha256) WriteAtomically(string outputPath, byte[] payload)
    {
        var header = new byte[LexiconFormat.HeaderSize];
        LexiconFormat.WriteHeader(header, payload.Length, SHA256.HashData(payload));
        using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        fileHash.AppendData(header);
        fileHash.AppendData(payload);
        var sha256 = Convert.ToHexStringLower(fileHash.GetHashAndReset());

        var full = Path.GetFullPath(outputPath);
        var folder = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                file.Write(header);
                file.Write(payload);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new LexiconException($"The lexicon {full} could not be written ({e.Message}). Check the folder's free space and permissions, then run `polis lexicon build` again.", full, e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        return (header.Length + payload.Length, sha256);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the temporary file stays; it is never read
        }
    }

    // Sections laid out one after another, each 4-byte aligned, behind a table of (offset, length).
    private sealed class PayloadWriter
    {
        private readonly byte[]?[] sections = new byte[]?[(int)LexiconFormat.Section.Count];

        public void Add(LexiconFormat.Section section, byte[] bytes) => sections[(int)section] = bytes;

        public void Add(LexiconFormat.Section section, int[] values)
        {
            if (!BitConverter.IsLittleEndian)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReverseEndianness(values[i]);
                }
            }
            Add(section, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        }

        public byte[] ToArray()
        {
            var table = 4 + (8 * sections.Length);
            var length = (long)table;
            foreach (var section in sections)
            {
                length = Align(length) + section!.Length;
            }
            var payload = new byte[checked((int)length)];
            BinaryPrimitives.WriteInt32LittleEndian(payload, sections.Length);
            var offset = (long)table;
            for (var i = 0; i < sections.Length; i++)
            {
                offset = Align(offset);
                BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4 + (8 * i)), (int)offset);
                var bytes = sections[i]!;
                BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(8 + (8 * i)), bytes.Length);
                bytes.CopyTo(payload, offset);
                offset += bytes.Length;
            }
            return payload;
        }

        private static long Align(long offset) => (offset + 3) & ~3L;
    }
}
