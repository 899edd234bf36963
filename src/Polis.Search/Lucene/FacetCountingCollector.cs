using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Polis.Search;

// Counts facet values over every collected document from SortedSetDocValues, never from stored fields.
// Counting is by segment ordinal in a plain array; ordinals are turned into strings once per segment, only for
// values that occurred, which avoids building a global ordinal map per reader.
internal sealed class FacetCountingCollector : ICollector
{
    public const int TopValues = 50;

    private readonly string[] fields;
    private readonly Dictionary<string, int>[] totals;
    private readonly SortedSetDocValues?[] current;
    private readonly int[][] counts;
    private readonly BytesRef scratch = new();

    public FacetCountingCollector(IReadOnlyList<string> luceneFields)
    {
        fields = [.. luceneFields];
        totals = [.. fields.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        current = new SortedSetDocValues?[fields.Length];
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
            var values = context.AtomicReader.GetSortedSetDocValues(fields[f]);
            current[f] = values;
            if (values is null)
            {
                continue;
            }
            var size = checked((int)values.ValueCount);
            if (counts[f].Length < size)
            {
                counts[f] = new int[size];
            }
        }
    }

    public void Collect(int doc)
    {
        for (var f = 0; f < current.Length; f++)
        {
            var values = current[f];
            if (values is null)
            {
                continue;
            }
            var segmentCounts = counts[f];
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                segmentCounts[ord]++;
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
            var values = current[f];
            if (values is null)
            {
                continue;
            }
            var segmentCounts = counts[f];
            var size = (int)values.ValueCount;
            for (var ord = 0; ord < size; ord++)
            {
                var count = segmentCounts[ord];
                if (count == 0)
                {
                    continue;
                }
                values.LookupOrd(ord, scratch);
                var key = scratch.Utf8ToString();
                totals[f][key] = totals[f].GetValueOrDefault(key) + count;
                segmentCounts[ord] = 0;
            }
            current[f] = null;
        }
    }
}
