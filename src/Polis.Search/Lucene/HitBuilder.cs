using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Polis.Search;

// Turns the stored fields of one hit into a SearchHit. The edition shown is the first, in order of the query's
// language, the interface language, then the record's own order, whose text or title contains a matched term.
//
// A hit reads only what it shows (issue 21): its id, module, symbol, date and each edition's language, title, summary
// and the head of its body (IndexFields.StoredHeadLength characters). The rest of the stored body is read, in a second
// visit of the same document, only when a snippet cannot be decided from the head (the first match lies near or past
// its end); the snippet is then exactly the one the whole stored body gives. Documents indexed before the head was
// split off have no rest field: their stored body is whole in the head field, and is read as before.
internal static class HitBuilder
{
    public static SearchHit Build(IndexSearcher searcher, int docId, float score, CompiledQuery query, LanguageAnalyzers analyzers)
    {
        var fields = new HitFields(loadRest: false);
        searcher.Doc(docId, fields);
        var languages = fields.Languages;
        var titles = fields.Titles;
        var summaries = fields.Summaries;
        var bodies = fields.Bodies;
        DateOnly? date = fields.DayNumber is { } day ? DateOnly.FromDayNumber(day) : null;

        if (languages.Count == 0)
        {
            return new SearchHit(fields.Id ?? "", fields.Module ?? "", score, "", "", fields.Symbol, date, []);
        }

        // The whole stored bodies, read on first need.
        List<string>? whole = null;
        string Whole(int i)
        {
            if (whole is null)
            {
                var rest = new HitFields(loadRest: true);
                searcher.Doc(docId, rest);
                whole = [.. bodies.Select((head, k) => k < rest.Rests.Count ? head + rest.Rests[k] : head)];
            }
            return whole[i];
        }
        // Whether the head is the whole stored body (an empty rest, or a document indexed before the split).
        bool HeadIsWhole(int i) => i >= fields.RestLengths.Count || fields.RestLengths[i] == 0;

        var order = Enumerable.Range(0, languages.Count)
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
            var languageFields = IndexFields.For(fieldLanguage);
            snippet = SnippetBuilder.AroundMatches(bodies[i], HeadIsWhole(i), analyzer, languageFields.Body, matcher, out var decided);
            if (!decided)
            {
                snippet = SnippetBuilder.AroundMatches(Whole(i), true, analyzer, languageFields.Body, matcher, out _);
            }
            snippet ??= SnippetBuilder.AroundMatches(summaries[i], true, analyzer, languageFields.Summary, matcher, out _);
            if (snippet is not null || SnippetBuilder.Contains(titles[i], analyzer, languageFields.Title, matcher))
            {
                chosen = i;
                break;
            }
        }
        if (snippet is null)
        {
            if (summaries[chosen].Length > 0)
            {
                snippet = SnippetBuilder.Opening(summaries[chosen], true, out _);
            }
            else
            {
                snippet = SnippetBuilder.Opening(bodies[chosen], HeadIsWhole(chosen), out var decided);
                if (!decided)
                {
                    snippet = SnippetBuilder.Opening(Whole(chosen), true, out _);
                }
            }
        }
        return new SearchHit(fields.Id ?? "", fields.Module ?? "", score, titles[chosen], languages[chosen], fields.Symbol, date, snippet);
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

    // Reads a hit's stored fields straight into lists, skipping (not decoding) what the hit does not need: the bodies'
    // rests unless asked for, and then everything else.
    private sealed class HitFields(bool loadRest) : StoredFieldVisitor
    {
        public string? Id { get; private set; }
        public string? Module { get; private set; }
        public string? Symbol { get; private set; }
        public int? DayNumber { get; private set; }
        public List<string> Languages { get; } = new(2);
        public List<string> Titles { get; } = new(2);
        public List<string> Summaries { get; } = new(2);
        public List<string> Bodies { get; } = new(2);
        public List<string> Rests { get; } = [];
        public List<int> RestLengths { get; } = new(2);

        public override Status NeedsField(FieldInfo fieldInfo)
        {
            if (loadRest)
            {
                return fieldInfo.Name == IndexFields.EditionBodyRest ? Status.YES : Status.NO;
            }
            return fieldInfo.Name switch
            {
                IndexFields.Id or IndexFields.Module or IndexFields.SymbolStored or IndexFields.Date
                    or IndexFields.EditionLanguage or IndexFields.EditionTitle or IndexFields.EditionSummary
                    or IndexFields.EditionBody or IndexFields.EditionBodyRestLength => Status.YES,
                _ => Status.NO,
            };
        }

        public override void StringField(FieldInfo fieldInfo, string value)
        {
            switch (fieldInfo.Name)
            {
                case IndexFields.Id: Id = value; break;
                case IndexFields.Module: Module = value; break;
                case IndexFields.SymbolStored: Symbol = value; break;
                case IndexFields.EditionLanguage: Languages.Add(value); break;
                case IndexFields.EditionTitle: Titles.Add(value); break;
                case IndexFields.EditionSummary: Summaries.Add(value); break;
                case IndexFields.EditionBody: Bodies.Add(value); break;
                case IndexFields.EditionBodyRest: Rests.Add(value); break;
                default: break;
            }
        }

        public override void Int32Field(FieldInfo fieldInfo, int value)
        {
            if (fieldInfo.Name == IndexFields.Date)
            {
                DayNumber = value;
            }
            else if (fieldInfo.Name == IndexFields.EditionBodyRestLength)
            {
                RestLengths.Add(value);
            }
        }
    }
}
