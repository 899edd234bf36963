using System.Diagnostics;
using Polis.Search;

namespace Polis.CrossLang;

// Nearest-rank percentiles in milliseconds.
internal sealed record Stats(int Samples, double P50, double P95, double P99, double Max, double Mean)
{
    public static Stats Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Stats(0, 0, 0, 0, 0, 0);
        }
        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Stats(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1], sorted.Average());
    }
}

// What translating a query costs, in milliseconds, warm, single-threaded.
// Lookup: what LuceneQueryBuilder does to translate before it builds clauses (lex, guess the language, analyse the
// query in each candidate language until the translator matches something, and the translator itself).
// Build: LuceneQueryBuilder.Build with Translate on and off, the difference paired per query and repetition.
// Search: SearchAsync on the target-language index, on and off, paired likewise (includes running the larger query).
internal sealed record TranslationTiming(string Configuration, int Queries, int Repetitions, Stats Lookup, Stats BuildOn, Stats BuildOff, Stats BuildAdded, Stats SearchOn, Stats SearchOff, Stats SearchAdded)
{
    public double BuildP95Difference => BuildOn.P95 - BuildOff.P95;

    public double SearchP95Difference => SearchOn.P95 - SearchOff.P95;
}

internal sealed class TimingCollector(ITermTranslator translator, int repetitions)
{
    private readonly LuceneQueryBuilder builderOn = new(LanguageAnalyzers.Shared, translator);
    private readonly List<double> lookup = [];
    private readonly List<double> buildOn = [];
    private readonly List<double> buildOff = [];
    private readonly List<double> buildAdded = [];
    private readonly List<double> searchOn = [];
    private readonly List<double> searchOff = [];
    private readonly List<double> searchAdded = [];
    private int queries;

    // Times the queries of one target language against its index; the translator must be the index's current one.
    public async Task AddAsync(ISearchIndex index, IReadOnlyList<EvalQuery> batch, CancellationToken ct)
    {
        foreach (var query in batch)   // warm-up: JIT, lazily loaded resources, filter caches
        {
            Lookup(query.Text, query.Source);
            builderOn.Build(Evaluation.ToSearch(query, translate: true));
            await index.SearchAsync(Evaluation.ToSearch(query, translate: true), ct);
            await index.SearchAsync(Evaluation.ToSearch(query, translate: false), ct);
        }
        for (var r = 0; r < repetitions; r++)
        {
            foreach (var query in batch)
            {
                var on = Evaluation.ToSearch(query, translate: true);
                var off = on with { Translate = false };

                var start = Stopwatch.GetTimestamp();
                Lookup(query.Text, query.Source);
                lookup.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

                // Alternate which side runs first so that neither always finds the caches warmed by the other.
                var first = (r + queries) % 2 == 0;
                var (buildFirst, buildSecond) = (Time(() => builderOn.Build(first ? on : off)), Time(() => builderOn.Build(first ? off : on)));
                var (bOn, bOff) = first ? (buildFirst, buildSecond) : (buildSecond, buildFirst);
                buildOn.Add(bOn);
                buildOff.Add(bOff);
                buildAdded.Add(bOn - bOff);

                var s1 = await TimeAsync(index, first ? on : off, ct);
                var s2 = await TimeAsync(index, first ? off : on, ct);
                var (sOn, sOff) = first ? (s1, s2) : (s2, s1);
                searchOn.Add(sOn);
                searchOff.Add(sOff);
                searchAdded.Add(sOn - sOff);
            }
        }
        queries += batch.Count;
    }

    public TranslationTiming Result(string configuration) => new(
        configuration, queries, repetitions,
        Stats.Of(lookup), Stats.Of(buildOn), Stats.Of(buildOff), Stats.Of(buildAdded),
        Stats.Of(searchOn), Stats.Of(searchOff), Stats.Of(searchAdded));

    // The translation part of LuceneQueryBuilder.Build (language identification and its Translate method without the
    // clause building).
    private int Lookup(string raw, string uiLanguage)
    {
        var analyzers = LanguageAnalyzers.Shared;
        var text = QueryText.Parse(raw);
        var positive = text.PositiveText();
        var found = 0;
        foreach (var (source, _) in LanguageIdentifier.Shared.Identify(positive, uiLanguage))
        {
            var terms = LanguageAnalyzers.Analyze(analyzers.For(source), IndexFields.For(source).Body, positive);
            if (terms.Count == 0)
            {
                continue;
            }
            found += translator.Translate(source, [.. terms.Select(t => t.Term)]).Count;
        }
        return found;
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(ISearchIndex index, SearchQuery query, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        await index.SearchAsync(query, ct);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
