using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Polis.Search;

// Counts facet values over every collected document from doc values, never from stored fields. Counting is by
// segment ordinal in a plain array, and ordinals become strings once per segment, only for values that occurred.
internal sealed class FacetCountingCollector : ICollector
{
    public const int TopValues = 50;

    private readonly string[] fields;
    private readonly Dictionary<string, int>[] totals;
    private readonly FacetOrdinals?[] current;
    private readonly int[][] counts;

    public FacetCountingCollector(IReadOnlyList<string> luceneFields)
    {
        fields = [.. luceneFields];
        totals = [.. fields.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        current = new FacetOrdinals?[fields.Length];
        counts = [.. fields.Select(_ => Array.Empty<int>())];
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        for (var f = 0; f < fields.Length; f++)
        {
            var ordinals = FacetOrdinals.For(context.AtomicReader, fields[f]);
            current[f] = ordinals;
            if (ordinals is not null && counts[f].Length < ordinals.Values.Length)
            {
                counts[f] = new int[ordinals.Values.Length];
            }
        }
    }

    public void Collect(int doc)
    {
        for (var f = 0; f < current.Length; f++)
        {
            current[f]?.Count(doc, counts[f]);
        }
    }

    // Adds another collector's counts (of other segments) to this one's.
    public void Add(FacetCountingCollector other)
    {
        Flush();
        other.Flush();
        for (var f = 0; f < fields.Length; f++)
        {
            foreach (var (key, count) in other.totals[f])
            {
                totals[f][key] = totals[f].GetValueOrDefault(key) + count;
            }
        }
    }

    // Counts per field in the order given, by count descending then value.
    public IReadOnlyList<IReadOnlyList<FacetCount>> Results()
    {
        Flush();
        return [.. totals.Select(t => (IReadOnlyList<FacetCount>)[.. t
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(TopValues)
            .Select(kv => new FacetCount(kv.Key, kv.Value))])];
    }

    private void Flush()
    {
        for (var f = 0; f < fields.Length; f++)
        {
            if (current[f] is not { } ordinals)
            {
                continue;
            }
            var segmentCounts = counts[f];
            for (var ord = 0; ord < ordinals.Values.Length; ord++)
            {
                var count = segmentCounts[ord];
                if (count == 0)
                {
                    continue;
                }
                var key = ordinals.Values[ord];
                totals[f][key] = totals[f].GetValueOrDefault(key) + count;
                segmentCounts[ord] = 0;
            }
            current[f] = null;
        }
    }
}

// One segment's facet ordinals copied out of SortedSetDocValues into arrays, once per segment core and field,
// so that counting a hit is an array read instead of a walk through the codec's packed structures (about ten times
// faster per hit). Segments are immutable, and the cache entry dies with the segment core.
// Memory: 4 bytes per document per facet field, plus the distinct values.
internal sealed class FacetOrdinals
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, FacetOrdinals?>> Cache = new();

    private readonly int[]? single;   // ordinal per document, -1 when it has no value
    private readonly int[]? starts;   // multi-valued: ordinals of doc d are ords[starts[d]..starts[d + 1]]
    private readonly int[]? ords;

    private FacetOrdinals(string[] values, int[]? single, int[]? starts, int[]? ords)
    {
        Values = values;
        this.single = single;
        this.starts = starts;
        this.ords = ords;
    }

    public string[] Values { get; }

    public static FacetOrdinals? For(AtomicReader reader, string field) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, FacetOrdinals?>(StringComparer.Ordinal))
            .GetOrAdd(field, f => Load(reader, f));

    public void Count(int doc, int[] counts)
    {
        if (single is not null)
        {
            var ord = single[doc];
            if (ord >= 0)
            {
                counts[ord]++;
            }
            return;
        }
        for (var k = starts![doc]; k < starts[doc + 1]; k++)
        {
            counts[ords![k]]++;
        }
    }

    private static FacetOrdinals? Load(AtomicReader reader, string field)
    {
        var docValues = reader.GetSortedSetDocValues(field);
        if (docValues is null)
        {
            return null;
        }
        var values = new string[checked((int)docValues.ValueCount)];
        var scratch = new BytesRef();
        for (var ord = 0; ord < values.Length; ord++)
        {
            docValues.LookupOrd(ord, scratch);
            values[ord] = scratch.Utf8ToString();
        }
        var maxDoc = reader.MaxDoc;
        if (DocValues.UnwrapSingleton(docValues) is { } singleValued)
        {
            var single = new int[maxDoc];
            for (var doc = 0; doc < maxDoc; doc++)
            {
                single[doc] = singleValued.GetOrd(doc);
            }
            return new FacetOrdinals(values, single, null, null);
        }
        var starts = new int[maxDoc + 1];
        var ords = new List<int>(maxDoc);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            starts[doc] = ords.Count;
            docValues.SetDocument(doc);
            long ord;
            while ((ord = docValues.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ords.Add((int)ord);
            }
        }
        starts[maxDoc] = ords.Count;
        return new FacetOrdinals(values, null, starts, [.. ords]);
    }
}
