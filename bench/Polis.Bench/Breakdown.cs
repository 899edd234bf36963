using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Polis.Search;

namespace Polis.Bench;

// Where a Polis query spends its time (--breakdown): the steps of LuceneSearchIndex.Search replayed one by one with
// Polis's own internals over the same index: build the query, search (filter, scoring, top 20, facets), build the
// hits (reading only the stored fields a hit shows, edition choice and snippets). Mean milliseconds per query type.
internal static class Breakdown
{
    public static void Run(string indexPath, IReadOnlyList<BenchQuery> queries, IReadOnlyList<string> keys)
    {
        using var reader = DirectoryReader.Open(LuceneSearchIndex.OpenFiles(indexPath));
        var searcher = new IndexSearcher(reader) { Similarity = PolisSimilarity.PerField() };
        var analyzers = LanguageAnalyzers.Shared;
        var builder = new LuceneQueryBuilder(analyzers, GlossaryTranslator.Default);
        var filters = new Dictionary<string, Filter>(StringComparer.Ordinal);
        Filter Cached(string field, IReadOnlyList<string> values)
        {
            var key = field + "=" + string.Join(',', values);
            if (!filters.TryGetValue(key, out var f))
            {
                filters[key] = f = new CachingWrapperFilter(new TermsFilter(field, [.. values.Select(v => new BytesRef(v))]));
            }
            return f;
        }

        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var group in queries.GroupBy(q => q.Type))
            {
                double build = 0, search = 0, hits = 0;
                foreach (var q in group)
                {
                    var request = new SearchQuery(q.Text)
                    {
                        Access = SearchAccess.Keys(keys),
                        Filters = q.Filters,
                        FacetFields = q.FacetFields,
                        Translate = q.Translate,
                        UiLanguage = q.Language == "ru" ? "ru" : "en",
                    };
                    var t0 = Stopwatch.GetTimestamp();
                    var (compiled, _) = builder.Build(request);
                    var t1 = Stopwatch.GetTimestamp();
                    var filter = new BooleanFilter { { Cached(IndexFields.Access, keys), Occur.MUST } };
                    foreach (var (name, values) in q.Filters)
                    {
                        filter.Add(Cached(IndexFields.Facet(name), values), Occur.MUST);
                    }
                    var top = TopScoreDocCollector.Create(20, docsScoredInOrder: false);
                    var facets = q.FacetFields.Count > 0 ? new FacetCountingCollector([.. q.FacetFields.Select(IndexFields.Facet)]) : null;
                    searcher.Search(compiled!.Query, filter, facets is null ? top : MultiCollector.Wrap(top, facets));
                    facets?.Results();
                    var t2 = Stopwatch.GetTimestamp();
                    var docs = top.GetTopDocs().ScoreDocs;
                    foreach (var s in docs)
                    {
                        HitBuilder.Build(searcher, s.Doc, s.Score, compiled, analyzers);   // reads only the fields a hit shows
                    }
                    var t4 = Stopwatch.GetTimestamp();
                    build += Ms(t0, t1);
                    search += Ms(t1, t2);
                    hits += Ms(t2, t4);
                }
                if (pass == 1)
                {
                    var n = group.Count();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{group.Key,-14} build {build / n,6:F2}  search {search / n,6:F2}  stored fields+hits+snippets {hits / n,6:F2}  (mean ms)"));
                }
            }
        }
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
