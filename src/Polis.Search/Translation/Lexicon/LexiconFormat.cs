using System.Buffers.Binary;
using System.Text;

namespace Polis.Search;

// The lexicon file, little-endian throughout:
//
//   header (64 bytes)  "POLISLEX" | format version u32 | header size u32 | payload length u64 | SHA-256 of the payload (32) | zeros (8)
//   payload            section count u32, then (offset u32, length u32) per section, offsets from the payload's start,
//                      each section 4-byte aligned, in the order of Section:
//     Info             what LexiconInfo shows (BinaryWriter strings and integers)
//     StringOffsets    u32[strings + 1] into StringBytes; strings are unique and sorted ordinally
//     StringBytes      UTF-8
//     StemHash         u32[2^k]: string id + 1 of every stem used in a headword (0 = empty slot); open addressing with
//                      linear probing, load at most 3/4, slot = HashBytes(UTF-8) mod 2^k
//     HeadLanguage     u8[heads]            headwords sorted by (language, stems joined by spaces, ordinal)
//     HeadKeyStart     u32[heads + 1] into HeadKeys
//     HeadKeys         u32[]: string ids of each headword's stems (1 to 4)
//     HeadTargetStart  u32[heads + 1] into the Target* columns
//     HeadHash         u32[2^k]: head + 1, slot = HashHead(language, stem ids) mod 2^k
//     TargetPhrase     u32[targets]: a headword's translations, by target language (en ru fr de es), dictionary ones
//     TargetWeight     u8[targets]        before software, before the secondary dictionary's, before pivot ones, each best
//                                         first; weight = byte / 255, rounded down
//     TargetSource     u8[targets]        1 = Dictionary, 2 = Pivot, 4 = Software (TranslationSource), 8 = the secondary
//                                         dictionary (a Dictionary translation stored after the aligned words, before pivots)
//     PhraseLanguage   u8[phrases]        the translations' phrases: language (0–4, as LexiconLanguages.All),
//     PhraseSurface    u32[phrases]       string id of the form shown,
//     PhraseStemStart  u32[phrases + 1]   and the analysed stems (PhraseStems: string ids)
//     PhraseStems      u32[]
// Nothing in it depends on time, machine or hash seed: the same dictionaries give the same bytes.
internal static class LexiconFormat
{
    // 3 since the secondary dictionary (source 8); a file of version 2 or 1 is refused with "rebuild".
    public const int Version = 3;

    // The TargetSource byte of a secondary dictionary's translation.
    public const byte SecondaryDictionary = 8;
    public const int HeaderSize = 64;
    public const int ChecksumOffset = 24;
    public const int ChecksumSize = 32;

    // A stem longer than this is not stored (chemical names); a query stem longer than this is never looked up.
    public const int MaxStemChars = 64;

    public static ReadOnlySpan<byte> Magic => "POLISLEX"u8;

    public enum Section
    {
        Info,
        StringOffsets,
        StringBytes,
        StemHash,
        HeadLanguage,
        HeadKeyStart,
        HeadKeys,
        HeadTargetStart,
        HeadHash,
        TargetPhrase,
        TargetWeight,
        TargetSource,
        PhraseLanguage,
        PhraseSurface,
        PhraseStemStart,
        PhraseStems,
        Count,
    }

    // FNV-1a over the UTF-8 bytes, finished with murmur3's mixer so that the low bits used as slot are well spread.
    public static uint HashBytes(ReadOnlySpan<byte> utf8)
    {
        var h = 2166136261u;
        foreach (var b in utf8)
        {
            h = (h ^ b) * 16777619u;
        }
        return Mix(h);
    }

    public static uint HashHead(int language, ReadOnlySpan<int> stems)
    {
        var h = (uint)(language + 1) * 0x9E3779B1u;
        foreach (var id in stems)
        {
            h = (h ^ (uint)id) * 0x85EBCA6Bu;
            h = (h << 13) | (h >> 19);
        }
        return Mix(h ^ (uint)stems.Length);
    }

    public static int TableSize(int count)
    {
        var size = 16;
        while (size < count + (count / 3))   // load factor at most 3/4
        {
            size <<= 1;
        }
        return size;
    }

    public static int Utf8Length(string s) => Encoding.UTF8.GetByteCount(s);

    public static void WriteHeader(Span<byte> header, long payloadLength, ReadOnlySpan<byte> checksum)
    {
        header.Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], HeaderSize);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], payloadLength);
        checksum.CopyTo(header[ChecksumOffset..]);
    }

    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}
