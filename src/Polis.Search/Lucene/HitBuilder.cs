using System.Globalization;
using Lucene.Net.Documents;

namespace Polis.Search;

// Turns the stored fields of one hit into a SearchHit. The edition shown is the first, in order of the query's
// language, the interface language, then the record's own order, whose text or title contains a matched term.
internal static class HitBuilder
{
    public static SearchHit Build(Document doc, float score, CompiledQuery query, LanguageAnalyzers analyzers)
    {
        var languages = doc.GetValues(IndexFields.EditionLanguage, CultureInfo.InvariantCulture);
        var titles = doc.GetValues(IndexFields.EditionTitle, CultureInfo.InvariantCulture);
        var summaries = doc.GetValues(IndexFields.EditionSummary, CultureInfo.InvariantCulture);
        var bodies = doc.GetValues(IndexFields.EditionBody, CultureInfo.InvariantCulture);
        var dayNumber = doc.GetField(IndexFields.Date)?.GetInt32Value();
        var id = doc.Get(IndexFields.Id, CultureInfo.InvariantCulture);
        var module = doc.Get(IndexFields.Module, CultureInfo.InvariantCulture);
        var symbol = doc.Get(IndexFields.SymbolStored, CultureInfo.InvariantCulture);
        DateOnly? date = dayNumber is { } day ? DateOnly.FromDayNumber(day) : null;

        if (languages.Length == 0)
        {
            return new SearchHit(id, module, score, "", "", symbol, date, []);
        }

        var order = Enumerable.Range(0, languages.Length)
            .OrderBy(i => Rank(languages[i], query.PreferredLanguages))
            .ToArray();
        var chosen = order[0];
        IReadOnlyList<SnippetPart>? snippet = null;
        foreach (var i in order)
        {
            var fieldLanguage = LanguageAnalyzers.FieldLanguage(languages[i]);
            if (query.Highlights.For(fieldLanguage) is not { } matcher)
            {
                continue;
            }
            var analyzer = analyzers.For(fieldLanguage);
            var fields = IndexFields.For(fieldLanguage);
            snippet = SnippetBuilder.AroundMatches(bodies[i], analyzer, fields.Body, matcher)
                ?? SnippetBuilder.AroundMatches(summaries[i], analyzer, fields.Summary, matcher);
            if (snippet is not null || SnippetBuilder.Contains(titles[i], analyzer, fields.Title, matcher))
            {
                chosen = i;
                break;
            }
        }
        snippet ??= SnippetBuilder.Opening(summaries[chosen].Length > 0 ? summaries[chosen] : bodies[chosen]);
        return new SearchHit(id, module, score, titles[chosen], languages[chosen], symbol, date, snippet);
    }

    private static int Rank(string language, IReadOnlyList<string> preferred)
    {
        for (var i = 0; i < preferred.Count; i++)
        {
            if (string.Equals(preferred[i], language, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return preferred.Count;
    }
}
