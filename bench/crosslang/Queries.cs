using System.Globalization;
using Polis.Search;

namespace Polis.CrossLang;

// A query in language Source whose one relevant document is page Page's edition in language Target.
internal sealed record EvalQuery(string Collection, string Source, string Target, string Type, string Page, string Text);

internal static class QueryTypes
{
    public const string Titles = "titles";
    public const string ContentWords = "content words";

    public static readonly string[] All = [Titles, ContentWords];
}

// Draws the queries of one language pair from the collection. Nothing is hand-picked: titles are taken as they are,
// content words by a Random seeded with the run's seed and the page and query language (not the process's string
// hashes, which change per run), so every run and every machine asks the same queries.
internal static class QueryGenerator
{
    public const int MinWordLength = 4;
    public const int MinWords = 2;
    public const int MaxWords = 4;

    // (a) The query-language title of each page that has a target-language edition. A "translation" identical to the
    // English title (or to the target's title) is an untranslated string: such a query would measure nothing.
    public static List<EvalQuery> Titles(Collection collection, string source, string target, Func<Page, string?>? titleOf = null)
    {
        titleOf ??= p => p.Title;
        var queries = new List<EvalQuery>();
        var english = collection.In("en");
        var documents = collection.In(target);
        foreach (var page in collection.In(source).Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!documents.TryGetValue(page.Name, out var relevant))
            {
                continue;
            }
            var text = titleOf(page);
            if (string.IsNullOrWhiteSpace(text) || titleOf(relevant) is not { } relevantText
                || Same(text, relevantText)
                || (source != "en" && english.TryGetValue(page.Name, out var en) && titleOf(en) is { } enText && Same(text, enText))
                || (target != "en" && english.TryGetValue(page.Name, out var enTarget) && titleOf(enTarget) is { } enTargetText && Same(relevantText, enTargetText)))
            {
                continue;
            }
            queries.Add(new EvalQuery(collection.Name, source, target, QueryTypes.Titles, page.Name, text));
        }
        return queries;
    }

    // (b) For each page, one translated paragraph of the query-language edition (one that also appears verbatim in
    // the English or target edition is untranslated), drawn at random among those with at least two content words,
    // and 2–4 of its distinct content words, drawn at random and kept in text order: words of at least four letters
    // that are not stop words of the query language's analyzer.
    //
    // distinctive (the larger collections, whose pages share long stretches of boilerplate): only words found in at
    // most DistinctiveShare of the query language's pages, and not found anywhere in the target or English edition of
    // the page (option names, function names and other untranslated strings would match without any translation).
    public static List<EvalQuery> ContentWords(Collection collection, string source, string target, int seed, bool distinctive = false)
    {
        var queries = new List<EvalQuery>();
        var english = collection.In("en");
        var documents = collection.In(target);
        var stopWords = LanguageAnalyzers.Shared.StopWords(source);
        var frequency = distinctive ? DocumentFrequency(collection.In(source).Values, stopWords) : null;
        var limit = Math.Max(3, (int)(DistinctiveShare * collection.In(source).Count));
        foreach (var page in collection.In(source).Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!documents.TryGetValue(page.Name, out var relevant))
            {
                continue;
            }
            var untranslated = new HashSet<string>(relevant.Paragraphs, StringComparer.Ordinal);
            if (source != "en" && english.TryGetValue(page.Name, out var en))
            {
                untranslated.UnionWith(en.Paragraphs);
            }
            HashSet<string>? foreign = null;
            if (distinctive)
            {
                foreign = new HashSet<string>(StringComparer.Ordinal);
                foreach (var other in source != "en" && english.TryGetValue(page.Name, out var e) ? [relevant, e] : new[] { relevant })
                {
                    foreign.UnionWith(ContentWordsOf(other.Title + "\n" + other.Body, null).Select(w => w.ToLowerInvariant()));
                }
            }
            var candidates = page.Paragraphs
                .Where(p => !untranslated.Contains(p))
                .Select(p => ContentWordsOf(p, stopWords))
                .Select(w => frequency is null ? w : w.Where(x => x.ToLowerInvariant() is var l && !foreign!.Contains(l) && frequency.GetValueOrDefault(l) <= limit).ToList())
                .Where(w => w.Count >= MinWords)
                .ToList();
            if (candidates.Count == 0)
            {
                continue;
            }
            var random = new Random(StableSeed(seed, collection.Name, page.Name, source));
            var words = candidates[random.Next(candidates.Count)];
            var count = Math.Min(words.Count, random.Next(MinWords, MaxWords + 1));
            var order = Enumerable.Range(0, words.Count).ToArray();
            for (var i = 0; i < count; i++)
            {
                var j = random.Next(i, order.Length);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var chosen = order.Take(count).Order().Select(i => words[i]);
            queries.Add(new EvalQuery(collection.Name, source, target, QueryTypes.ContentWords, page.Name, string.Join(' ', chosen)));
        }
        return queries;
    }

    public const double DistinctiveShare = 0.02;

    // In how many pages each (lower-case) content word occurs.
    private static Dictionary<string, int> DocumentFrequency(IEnumerable<Page> pages, Lucene.Net.Analysis.Util.CharArraySet? stopWords)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var word in ContentWordsOf(page.Title + "\n" + page.Body, stopWords).Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
            {
                frequency[word] = frequency.GetValueOrDefault(word) + 1;
            }
        }
        return frequency;
    }

    // At most count queries of each type, drawn with a seeded Random (all of them when there are fewer), in page order.
    public static List<EvalQuery> Sample(List<EvalQuery> queries, int count, int seed)
    {
        if (queries.Count <= count)
        {
            return queries;
        }
        var random = new Random(seed);
        var order = Enumerable.Range(0, queries.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return [.. order.Take(count).Order().Select(i => queries[i])];
    }

    // Distinct words (runs of letters) in text order, compared without case.
    public static List<string> ContentWordsOf(string paragraph, Lucene.Net.Analysis.Util.CharArraySet? stopWords)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= paragraph.Length; i++)
        {
            var letter = i < paragraph.Length && (char.IsLetter(paragraph[i])
                || (start >= 0 && CharUnicodeInfo.GetUnicodeCategory(paragraph[i]) == UnicodeCategory.NonSpacingMark));
            if (letter)
            {
                if (start < 0)
                {
                    start = i;
                }
                continue;
            }
            if (start >= 0 && i - start >= MinWordLength)
            {
                var word = paragraph[start..i];
                var lower = word.ToLowerInvariant();
                if (stopWords?.Contains(lower) != true && seen.Add(lower))
                {
                    words.Add(word);
                }
            }
            start = -1;
        }
        return words;
    }

    private static bool Same(string a, string b) => string.Equals(Text.Normalize(a), Text.Normalize(b), StringComparison.OrdinalIgnoreCase);

    // FNV-1a over the parts: string.GetHashCode differs per process.
    public static int StableSeed(int seed, params string[] parts)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var part in parts)
        {
            foreach (var c in part)
            {
                hash = (hash ^ c) * 16777619u;
            }
            hash = (hash ^ '|') * 16777619u;
        }
        return (int)(hash & 0x7FFFFFFF);
    }
}
