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
    public static List<EvalQuery> Titles(Collection collection, string source, string target)
    {
        var queries = new List<EvalQuery>();
        var english = collection.In("en");
        var documents = collection.In(target);
        foreach (var page in collection.In(source).Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!documents.TryGetValue(page.Name, out var relevant))
            {
                continue;
            }
            if (Same(page.Title, relevant.Title)
                || (source != "en" && english.TryGetValue(page.Name, out var en) && Same(page.Title, en.Title))
                || (target != "en" && english.TryGetValue(page.Name, out var enTarget) && Same(relevant.Title, enTarget.Title)))
            {
                continue;
            }
            queries.Add(new EvalQuery(collection.Name, source, target, QueryTypes.Titles, page.Name, page.Title));
        }
        return queries;
    }

    // (b) For each page, one translated paragraph of the query-language edition (one that also appears verbatim in
    // the English or target edition is untranslated), drawn at random among those with at least two content words,
    // and 2–4 of its distinct content words, drawn at random and kept in text order: words of at least four letters
    // that are not stop words of the query language's analyzer.
    public static List<EvalQuery> ContentWords(Collection collection, string source, string target, int seed)
    {
        var queries = new List<EvalQuery>();
        var english = collection.In("en");
        var documents = collection.In(target);
        var stopWords = LanguageAnalyzers.Shared.StopWords(source);
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
            var candidates = page.Paragraphs
                .Where(p => !untranslated.Contains(p))
                .Select(p => ContentWordsOf(p, stopWords))
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
