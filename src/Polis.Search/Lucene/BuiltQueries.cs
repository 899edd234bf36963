using System.Collections.Concurrent;

namespace Polis.Search;

// The queries built from a query text, kept for the next search of the same text (issue 21: building a query
// identifies its language, analyses, lemmatises and translates every word: a large share of a search's CPU and
// allocation). A built query depends only on its key: the text, the interface language, whether to translate and the
// field languages the viewer may read in the index (the held set, which names the translation targets, so a viewer
// never gets a query, or its reported translations, built for a set of languages another viewer may read), and on the
// translation resources of the moment: the lexicon (replaced when its file changes) and the Hunspell dictionaries
// (loaded in the background after start). An entry built with other resources is built again. Lucene queries and
// CompiledQuery are read-only once built (HighlightTerms builds its matchers under a lock), so one is shared by
// concurrent searches. Bounded: when full, the cache is emptied (one rebuild per text then).
internal sealed class BuiltQueries(LuceneQueryBuilder builder, ITermTranslator translator)
{
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<Key, Entry> entries = new();

    private readonly record struct Key(string Text, string? UiLanguage, bool Translate, string Held);

    private sealed record Entry(CompiledQuery? Query, string? Error, object? Lexicon, int Lemmas);

    public int Count => entries.Count;

    /// <summary>
    /// False: every search builds its query afresh, so nothing kept per built query (weights, hits, answers) is found
    /// again either: what a query asked for the first time costs. For the library benchmark's uncached mode.
    /// </summary>
    public bool Reuse { get; set; } = true;

    public (CompiledQuery? Query, string? Error) Build(SearchQuery request, IReadOnlySet<string> held)
    {
        var key = new Key(request.Text ?? "", request.UiLanguage, request.Translate, HeldKey(held));
        var lexicon = translator.Generation;
        var lemmas = Lemmatizer.Shared.LoadedCount;
        if (!Reuse)
        {
            return builder.Build(request, held);
        }
        if (entries.TryGetValue(key, out var cached) && ReferenceEquals(cached.Lexicon, lexicon) && cached.Lemmas == lemmas)
        {
            return (cached.Query, cached.Error);
        }
        var (query, error) = builder.Build(request, held);
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }
        entries[key] = new Entry(query, error, lexicon, lemmas);
        return (query, error);
    }

    private static string HeldKey(IReadOnlySet<string> held) => held.Count switch
    {
        0 => "",
        1 => held.First(),
        _ => string.Join(',', held.Order(StringComparer.Ordinal)),
    };
}
