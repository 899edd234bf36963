using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Polis.Search;

namespace Polis.Bench;

internal sealed record RawResult(int Total, IReadOnlyList<string> Titles, int FacetValues);

// The baseline: plain Lucene.NET over the same index files and the same PerFieldAnalyzerWrapper, written the way
// the Lucene documentation suggests. Per query it parses the text with a MultiFieldQueryParser over the same 19 fields
// and boosts (OR operator, default coord), applies the same access (and facet) filters as cached TermsFilters, collects
// the top 20 by score, counts the same facets with a plain SortedSetDocValues loop when asked, and reads the stored
// title of each hit. Default similarity; no snippets, no translation lookup (the cross-language set gets the glossary
// expansion Polis chose, as query text to parse).
internal sealed class RawLucene : IDisposable
{
    public const int PageSize = 20;

    private static readonly HashSet<string> TitleOnly = [IndexFields.EditionTitle];

    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly Analyzer analyzer = LanguageAnalyzers.Shared.Index;
    private readonly string[] fields;
    private readonly Dictionary<string, float> boosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Filter> filters = new(StringComparer.Ordinal);

    public RawLucene(string indexPath, bool memoryMapped = false)
    {
        // The same directory class as Polis (SimpleFSDirectory; see LuceneSearchIndex.OpenFiles), so that the two sides
        // differ only in what they do with the files. --raw-mmap measures the textbook FSDirectory.Open instead.
        reader = DirectoryReader.Open(memoryMapped ? FSDirectory.Open(indexPath) : new SimpleFSDirectory(new DirectoryInfo(indexPath)));
        searcher = new IndexSearcher(reader);
        var list = new List<string>();
        foreach (var language in LanguageAnalyzers.FieldLanguages)
        {
            var f = IndexFields.For(language);
            list.AddRange([f.Title, f.Summary, f.Body]);
            boosts[f.Title] = IndexFields.TitleBoost;
            boosts[f.Summary] = IndexFields.SummaryBoost;
            boosts[f.Body] = IndexFields.BodyBoost;
        }
        list.Add(IndexFields.SymbolText);
        boosts[IndexFields.SymbolText] = IndexFields.SymbolBoost;
        fields = [.. list];
    }

    public RawResult Search(BenchQuery query, IReadOnlyList<string> viewerKeys, IReadOnlyList<TermTranslation> translations)
    {
        var parser = new MultiFieldQueryParser(LanguageAnalyzers.Version, fields, analyzer, boosts) { DefaultOperator = Operator.OR };
        Query parsed;
        if (query.Type == "symbol")
        {
            parsed = new BooleanQuery
            {
                { parser.Parse(QueryParserBase.Escape(query.Text)), Occur.SHOULD },
                { new TermQuery(new Term(IndexFields.Symbol, IndexFields.CanonicalSymbol(query.Text))) { Boost = 100f }, Occur.SHOULD },
            };
        }
        else if (translations.Count > 0)
        {
            var expansion = new List<string>();
            foreach (var t in translations)
            {
                var f = IndexFields.For(t.TargetLanguage);
                for (var v = 0; v < t.Targets.Count; v++)
                {
                    var phrase = "\"" + QueryParserBase.Escape(t.Targets[v]) + "\"";
                    expansion.Add(f.Title + ":" + phrase + "^4");
                    if (v == 0)
                    {
                        expansion.Add(f.Body + ":" + phrase);
                    }
                }
            }
            var translated = new QueryParser(LanguageAnalyzers.Version, IndexFields.For("en").Body, analyzer).Parse(string.Join(' ', expansion));
            translated.Boost = 0.5f;
            parsed = new BooleanQuery { { parser.Parse(query.Text), Occur.SHOULD }, { translated, Occur.SHOULD } };
        }
        else
        {
            parsed = parser.Parse(query.Text);
        }

        var filter = Filter(viewerKeys, query.Filters);
        var top = TopScoreDocCollector.Create(PageSize, docsScoredInOrder: false);
        var facets = query.FacetFields.Count > 0 ? new RawFacetCollector([.. query.FacetFields.Select(IndexFields.Facet)]) : null;
        searcher.Search(parsed, filter, facets is null ? top : MultiCollector.Wrap(top, facets));
        var titles = new List<string>(PageSize);
        foreach (var hit in top.GetTopDocs().ScoreDocs)
        {
            titles.Add(searcher.Doc(hit.Doc, TitleOnly).Get(IndexFields.EditionTitle, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        return new RawResult(top.TotalHits, titles, facets?.Results().Sum(r => r.Count) ?? 0);
    }

    public void Dispose() => reader.Dispose();

    private Filter Filter(IReadOnlyList<string> keys, IReadOnlyDictionary<string, IReadOnlyList<string>> facetFilters)
    {
        var all = new BooleanFilter { { Cached(IndexFields.Access, keys), Occur.MUST } };
        foreach (var (name, values) in facetFilters)
        {
            all.Add(Cached(IndexFields.Facet(name), values), Occur.MUST);
        }
        return facetFilters.Count == 0 ? Cached(IndexFields.Access, keys) : all;
    }

    private Filter Cached(string field, IReadOnlyList<string> values)
    {
        var key = field + "=" + string.Join(',', values);
        if (!filters.TryGetValue(key, out var filter))
        {
            filters[key] = filter = new CachingWrapperFilter(new TermsFilter(field, [.. values.Select(v => new BytesRef(v))]));
        }
        return filter;
    }

    // Counts facet values with the textbook loop: per hit, SetDocument + NextOrd on the segment's SortedSetDocValues.
    private sealed class RawFacetCollector(string[] fields) : ICollector
    {
        private readonly Dictionary<string, int>[] totals = [.. fields.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        private readonly SortedSetDocValues?[] values = new SortedSetDocValues?[fields.Length];
        private readonly int[][] counts = new int[fields.Length][];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            for (var f = 0; f < fields.Length; f++)
            {
                values[f] = context.AtomicReader.GetSortedSetDocValues(fields[f]);
                counts[f] = new int[values[f]?.ValueCount ?? 0];
            }
        }

        public void Collect(int doc)
        {
            for (var f = 0; f < fields.Length; f++)
            {
                if (values[f] is not { } dv)
                {
                    continue;
                }
                dv.SetDocument(doc);
                long ord;
                while ((ord = dv.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    counts[f][ord]++;
                }
            }
        }

        public List<List<KeyValuePair<string, int>>> Results()
        {
            Flush();
            return [.. totals.Select(t => t.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(50).ToList())];
        }

        private void Flush()
        {
            var scratch = new BytesRef();
            for (var f = 0; f < fields.Length; f++)
            {
                if (values[f] is not { } dv)
                {
                    continue;
                }
                for (var ord = 0; ord < counts[f].Length; ord++)
                {
                    if (counts[f][ord] > 0)
                    {
                        dv.LookupOrd(ord, scratch);
                        var key = scratch.Utf8ToString();
                        totals[f][key] = totals[f].GetValueOrDefault(key) + counts[f][ord];
                    }
                }
                values[f] = null;
            }
        }
    }
}
