using System.Collections.ObjectModel;
using Polis.Search;

namespace Polis.CrossLang;

// What one query got under one configuration. Rank: 1-based position of the relevant document in the top
// PageSize, 0 when it is not there. Stems: the query analysed in its language; Covered: those inside a query term
// that was translated into the target language.
internal sealed record Outcome(
    EvalQuery Query,
    string Configuration,
    int Rank,
    int TranslationEntries,
    int TranslatedTerms,
    int Stems,
    int Covered,
    bool OtherSourceLanguage,
    IReadOnlyList<string> Uncovered,
    string? TopTitle,
    IReadOnlyList<TermTranslation> Translations)
{
    public double Reciprocal => Rank > 0 ? 1.0 / Rank : 0;
}

// Recall@10 and MRR@10 over some queries, with how much of them the translator covered.
// TranslatedTerms: mean distinct query terms translated into the target language (SearchResults.Translations counts
// one entry per term and target language; Entries is that raw count). Coverage: translated stems / query stems.
internal sealed record Metrics(int Queries, double Recall, double Mrr, double TranslatedTerms, double Entries, double Coverage, double Untranslated)
{
    public static Metrics Of(IReadOnlyCollection<Outcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            return new Metrics(0, 0, 0, 0, 0, 0, 0);
        }
        var stems = outcomes.Sum(o => o.Stems);
        return new Metrics(
            outcomes.Count,
            outcomes.Count(o => o.Rank > 0) / (double)outcomes.Count,
            outcomes.Average(o => o.Reciprocal),
            outcomes.Average(o => o.TranslatedTerms),
            outcomes.Average(o => o.TranslationEntries),
            stems == 0 ? 0 : outcomes.Sum(o => o.Covered) / (double)stems,
            outcomes.Count(o => o.TranslatedTerms == 0) / (double)outcomes.Count);
    }

    // The mean of per-pair figures, so that every pair weighs the same in a summary row.
    public static Metrics MacroAverage(IReadOnlyList<Metrics> perPair) => perPair.Count == 0
        ? new Metrics(0, 0, 0, 0, 0, 0, 0)
        : new Metrics(
            perPair.Sum(m => m.Queries),
            perPair.Average(m => m.Recall),
            perPair.Average(m => m.Mrr),
            perPair.Average(m => m.TranslatedTerms),
            perPair.Average(m => m.Entries),
            perPair.Average(m => m.Coverage),
            perPair.Average(m => m.Untranslated));
}

internal static class Evaluation
{
    public const int PageSize = 10;
    public const string AccessKey = "public";
    public static readonly IReadOnlyList<string> ViewerKeys = [AccessKey];

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFacets =
        ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty;

    // One SearchDocument per page: only the document language's edition, the page description as summary.
    public static SearchDocument ToDocument(Page page, string module) => new(
        page.Name,
        module,
        null,
        [new SearchText(page.Language, page.Title, page.Description, page.Body)],
        null,
        NoFacets,
        [AccessKey]);

    public static SearchQuery ToSearch(EvalQuery query, bool translate, int pageSize = PageSize) => new(query.Text)
    {
        Access = SearchAccess.Keys(ViewerKeys),
        PageSize = pageSize,
        Translate = translate,
        UiLanguage = Interface ?? query.Source,
    };

    // The interface language every query is asked with (--ui en: an anonymous caller's default); null: the query's own.
    public static string? Interface { get; set; }

    public static async Task<List<Outcome>> RunAsync(
        ISearchIndex index, Configuration configuration, IReadOnlyList<EvalQuery> queries, CancellationToken ct)
    {
        var outcomes = new List<Outcome>(queries.Count);
        foreach (var query in queries)
        {
            var results = await index.SearchAsync(ToSearch(query, configuration.Translate), ct);
            if (results.Error is not null)
            {
                throw new InvalidOperationException($"'{query.Text}' failed: {results.Error}");
            }
            var rank = 0;
            for (var i = 0; i < results.Hits.Count; i++)
            {
                if (string.Equals(results.Hits[i].Id, query.Page, StringComparison.Ordinal))
                {
                    rank = i + 1;
                    break;
                }
            }
            outcomes.Add(Describe(query, configuration.Name, rank, results));
        }
        return outcomes;
    }

    // The rank of the relevant document among the first 100 hits (0: further), for the failure report.
    public static async Task<(int Rank, SearchResults Results)> DeepRankAsync(ISearchIndex index, EvalQuery query, bool translate, CancellationToken ct)
    {
        var results = await index.SearchAsync(ToSearch(query, translate, 100), ct);
        for (var i = 0; i < results.Hits.Count; i++)
        {
            if (string.Equals(results.Hits[i].Id, query.Page, StringComparison.Ordinal))
            {
                return (i + 1, results);
            }
        }
        return (0, results);
    }

    private static Outcome Describe(EvalQuery query, string configuration, int rank, SearchResults results)
    {
        var analyzers = LanguageAnalyzers.Shared;
        var stems = LanguageAnalyzers.Analyze(analyzers.For(query.Source), IndexFields.For(query.Source).Body, query.Text)
            .Select(t => t.Term).ToList();
        var toTarget = results.Translations
            .Where(t => string.Equals(t.TargetLanguage, query.Target, StringComparison.Ordinal))
            .ToList();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var translation in toTarget)
        {
            if (string.Equals(translation.SourceLanguage, query.Source, StringComparison.Ordinal))
            {
                covered.UnionWith(LanguageAnalyzers.Analyze(analyzers.For(query.Source), IndexFields.For(query.Source).Body, translation.Source)
                    .Select(t => t.Term));
            }
        }
        var uncovered = stems.Where(s => !covered.Contains(s)).Distinct(StringComparer.Ordinal).ToList();
        return new Outcome(
            query,
            configuration,
            rank,
            results.Translations.Count,
            toTarget.Select(t => t.Source).Distinct(StringComparer.Ordinal).Count(),
            stems.Count,
            stems.Count(covered.Contains),
            results.Translations.Any(t => !string.Equals(t.SourceLanguage, query.Source, StringComparison.Ordinal)),
            uncovered,
            results.Hits.Count > 0 ? results.Hits[0].Title : null,
            toTarget);
    }
}
