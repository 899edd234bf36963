using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Polis.Search;

internal sealed record CompiledQuery(
    Query Query,
    HighlightTerms Highlights,
    IReadOnlyList<TermTranslation> Translations,
    IReadOnlyList<string> PreferredLanguages);

// Turns the user's text into one Lucene query:
//
//   BooleanQuery (no coord)
//     MUST    positive (no coord, at least one of):
//               words        CoverageQuery (a BooleanQuery WITH coord over the words some readable document holds):
//                            one SHOULD clause per word or phrase (relaxed AND, see PolisSimilarity and CoverageQuery);
//                            each clause is a DisjunctionMaxQuery over every language's
//                            title^4, symbol^3, summary^2 and body^1 fields, analysed by that field's analyzer
//               symbol       TermQuery on the exact symbol field, boost 100, so the document ranks first
//               translations BooleanQuery boost 0.5, one DisjunctionMaxQuery per translated source term (up to three
//                            variants per target language in titles, the first in bodies), so its many variants and
//                            languages count once
//     SHOULD  stop words of the query's language, boost 0.2: they may add to the score but never make a match
//     MUST_NOT excluded words
//   wrapped in a ProximityQuery when two or more words have terms: the score times 1 + the share of word pairs found
//   near each other
internal sealed class LuceneQueryBuilder(LanguageAnalyzers analyzers, ITermTranslator translator)
{
    public const float SymbolExactBoost = 100f;
    public const float TranslationWeight = 0.5f;
    public const float StopWordWeight = 0.2f;
    private const float FieldTieBreaker = 0.1f;

    // Translations are the costliest part of a query (phrases over frequent words in several languages, and phrase
    // checks read positions from long bodies), so each target language gets its first glossary variants in titles,
    // and only its first (preferred) variant in bodies. Titles are short and cheap to check.
    public const int MaxVariantsPerLanguage = 3;

    // Dictionary senses per source word and target language, best first (and, below, the query words translated at most).
    public const int MaxDictionaryTargetsPerLanguage = 4;

    // Of those, the single-word senses also searched in bodies and summaries (every one is searched in titles). Three,
    // not two: content-word queries find their page through its body, and the right sense is often the third
    // (measured on three collections, issue 20: content words +0.00-0.04 recall@10, long-title queries -0.00-0.02).
    public const int BodySenses = 3;

    public const int MaxTranslatedStems = 12;

    // Words searched by their spelling in the other languages (AddCognates): from five letters, the three closest index
    // terms, at a pivot's weight.
    public const int CognateMinLength = 5;
    public const int CognateTerms = 3;
    public const float CognateWeight = PivotWeight;

    // Trust in a dictionary translation relative to the glossary, and in a pivot one (two dictionaries chained).
    public const float DictionaryWeight = 0.8f;
    public const float PivotWeight = 0.5f;

    // A software catalog's term is the interface's own word, as sure as a dictionary's.
    public const float SoftwareWeight = DictionaryWeight;

    public const string NoWordsError = "The query has no words to search for.";

    // heldLanguages: the languages the index holds documents in (null: all); translation targets only these.
    public (CompiledQuery? Query, string? Error) Build(SearchQuery request, IReadOnlySet<string>? heldLanguages = null)
    {
        var text = QueryText.Parse(request.Text);
        var highlights = new HighlightTerms();
        var ui = string.IsNullOrWhiteSpace(request.UiLanguage) ? null : LanguageAnalyzers.NormalizeCode(request.UiLanguage);
        if (text.IsBrowse)
        {
            return (new CompiledQuery(new MatchAllDocsQuery(), highlights, [], ui is null ? [] : [ui]), null);
        }

        var guesses = LanguageIdentifier.Shared.Identify(text.PositiveText(), request.UiLanguage);
        var primary = guesses[0].Language;
        var primaryAnalyzer = analyzers.For(primary);
        var primaryField = IndexFields.For(primary).Body;

        var positiveUnits = text.Units.Where(u => !u.Excluded).ToList();
        var stopUnits = positiveUnits
            .Where(u => u.Kind == UnitKind.Word && LanguageAnalyzers.Analyze(primaryAnalyzer, primaryField, u.Text).Count == 0)
            .ToHashSet();
        if (stopUnits.Count == positiveUnits.Count)
        {
            stopUnits.Clear();   // a query of stop words only searches them as words
        }

        // Translations first: each translated source word (or glossary term) gives alternatives for the units it covers.
        IReadOnlyList<TermTranslation> translations = [];
        Dictionary<QueryUnit, List<Query>>? translated = null;
        if (request.Translate && positiveUnits.Count > stopUnits.Count)
        {
            (translated, translations) = Translate(text, guesses, highlights, heldLanguages);
        }

        var words = new CoverageQuery();
        var stopWords = new BooleanQuery(disableCoord: true) { Boost = StopWordWeight };
        var excluded = new List<Query>();
        foreach (var unit in text.Units)
        {
            var isStop = stopUnits.Contains(unit);
            var query = UnitQuery(unit, unit.Excluded || isStop ? null : highlights);
            if (unit.Excluded)
            {
                if (query is not null)
                {
                    excluded.Add(query);
                }
                continue;
            }
            if (isStop)
            {
                if (query is not null)
                {
                    stopWords.Add(query, Occur.SHOULD);
                }
                continue;
            }
            // One clause per source word: the word itself in every language, or any of its translations (the best
            // counts), so that the coord of `words` rewards documents covering more of the query's words.
            if (translated is not null && translated.TryGetValue(unit, out var alternatives))
            {
                var concept = new DisjunctionMaxQuery(0f);
                if (query is not null)
                {
                    concept.Add(query);
                }
                foreach (var alternative in alternatives)
                {
                    concept.Add(alternative);
                }
                words.Add(concept, Occur.SHOULD);
            }
            else if (query is not null)
            {
                words.Add(query, Occur.SHOULD);
            }
        }

        var positive = new BooleanQuery(disableCoord: true);
        if (words.Clauses.Count > 0)
        {
            positive.Add(words, Occur.SHOULD);
        }
        foreach (var symbol in text.Symbols)
        {
            positive.Add(new ReaderTermQuery(new Term(IndexFields.Symbol, symbol)) { Boost = SymbolExactBoost }, Occur.SHOULD);
        }
        if (positive.Clauses.Count == 0)
        {
            if (excluded.Count == 0)
            {
                return (null, NoWordsError);
            }
            positive.Add(new MatchAllDocsQuery(), Occur.SHOULD);
        }

        var top = new BooleanQuery(disableCoord: true) { { positive, Occur.MUST } };
        if (stopWords.Clauses.Count > 0)
        {
            top.Add(stopWords, Occur.SHOULD);
        }
        foreach (var query in excluded)
        {
            top.Add(query, Occur.MUST_NOT);
        }
        var preferred = ui is null || ui == primary ? new[] { primary } : [primary, ui];
        var ranked = ProximityQuery.Around(top, [.. words.Clauses.Select(c => c.Query)]);
        return (new CompiledQuery(ranked, highlights, translations, preferred), null);
    }

    private DisjunctionMaxQuery? UnitQuery(QueryUnit unit, HighlightTerms? highlights)
    {
        var disjuncts = new DisjunctionMaxQuery(FieldTieBreaker);
        var count = 0;
        foreach (var language in LanguageAnalyzers.FieldLanguages)
        {
            var fields = IndexFields.For(language);
            if (unit.Kind == UnitKind.Prefix)
            {
                disjuncts.Add(new PrefixQuery(new Term(fields.Title, unit.Text)) { Boost = IndexFields.TitleBoost });
                disjuncts.Add(new PrefixQuery(new Term(fields.Summary, unit.Text)) { Boost = IndexFields.SummaryBoost });
                disjuncts.Add(new PrefixQuery(new Term(fields.Body, unit.Text)) { Boost = IndexFields.BodyBoost });
                count += 3;
                highlights?.AddPrefix(language, unit.Text);
                continue;
            }
            var terms = LanguageAnalyzers.Analyze(analyzers.For(language), fields.Body, unit.Text);
            if (terms.Count == 0)
            {
                continue;
            }
            AddFields(disjuncts, fields, terms);
            count += 3;
            highlights?.AddTerms(language, terms);
        }

        if (unit.Kind == UnitKind.Prefix)
        {
            if (unit.Text.Contains('.', StringComparison.Ordinal) || unit.Text.Contains('/', StringComparison.Ordinal))
            {
                var symbolPrefix = IndexFields.CanonicalSymbol(unit.Text);
                disjuncts.Add(new PrefixQuery(new Term(IndexFields.Symbol, symbolPrefix)) { Boost = IndexFields.SymbolBoost });
                count++;
            }
        }
        else
        {
            var symbolTerms = LanguageAnalyzers.Analyze(analyzers.Symbol, IndexFields.SymbolText, unit.Text);
            if (symbolTerms.Count > 0)
            {
                disjuncts.Add(TermsQuery(IndexFields.SymbolText, symbolTerms, IndexFields.SymbolBoost));
                count++;
            }
        }
        return count == 0 ? null : disjuncts;
    }

    // Looks the query up in the translator from each plausible source language. Each translated source word (or
    // multi-word term) becomes one DisjunctionMaxQuery over all its targets in all languages, so a word with many
    // senses counts once and cannot drown the others; each target is boosted by its weight in the resource (dictionary
    // and pivot translations below the glossary's), and each source language by its confidence relative to the most
    // likely one. The alternatives are returned per query unit they cover.
    private (Dictionary<QueryUnit, List<Query>>? PerUnit, IReadOnlyList<TermTranslation> Translations) Translate(
        QueryText text, IReadOnlyList<LanguageGuess> guesses, HighlightTerms highlights, IReadOnlySet<string>? heldLanguages)
    {
        var positiveText = text.PositiveText();
        var units = text.Units.Where(u => !u.Excluded && u.Kind != UnitKind.Prefix).ToList();
        Dictionary<QueryUnit, List<Query>>? perUnit = null;
        var reports = new List<TermTranslation>();
        var best = guesses[0].Confidence;
        foreach (var guess in guesses)
        {
            var source = guess.Language;
            var terms = LanguageAnalyzers.Analyze(analyzers.For(source), IndexFields.For(source).Body, positiveText);
            if (terms.Count > MaxTranslatedStems)
            {
                terms = terms[..MaxTranslatedStems];
            }
            TranslateFrom(source, terms, TranslationWeight * (float)(guess.Confidence / best));
        }
        foreach (var (source, terms) in ForeignWords(positiveText, guesses))
        {
            TranslateFrom(source, terms, TranslationWeight * ForeignWordWeight);
        }
        return (perUnit, reports);

        void TranslateFrom(string source, List<AnalyzedTerm> terms, float languageWeight)
        {
            if (terms.Count == 0)
            {
                return;
            }
            // A quoted phrase takes the translations of its words one by one from the query's likeliest language
            // only ("Панель \"Маркеры и нумерация\""), and from the other candidates only translations of all its
            // words at once: "police reform" in quotes is English, and the French and German readings of its words,
            // police and reform, would match them anywhere in an English page, not together.
            // ForeignWords' translations are never the likeliest language's, so a quoted phrase takes them whole only.
            var fromPrimary = source == guesses[0].Language;
            void AddToUnitsFromSource(Query alternatives, int start, int end) => AddToUnits(alternatives, start, end, fromPrimary, terms);
            var matches = TranslateWithLemmas(source, positiveText, terms);
            foreach (var sourceTerm in matches.GroupBy(m => (m.FirstStem, m.StemCount)))
            {
                var (first, length) = sourceTerm.Key;
                var start = terms[first].Start;
                var end = terms[first + length - 1].End;
                if (!fromPrimary && !units.Any(u => Takes(u, start, end, false, terms)))
                {
                    continue;   // a quoted phrase's word from another candidate language: neither searched nor reported
                }
                var surface = string.Join(' ', positiveText[start..end].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                var alternatives = new DisjunctionMaxQuery(0f) { Boost = languageWeight };
                AddAlternatives(alternatives, sourceTerm, source, surface, highlights, heldLanguages, reports);
                if (alternatives.Disjuncts.Count > 0)
                {
                    AddToUnitsFromSource(alternatives, start, end);
                }
            }
            AddCognates(source, positiveText, terms, matches, languageWeight, heldLanguages, reports, AddToUnitsFromSource);
            if (source == "de" && translator.Resources.GermanCompounds)
            {
                SplitCompounds(positiveText, terms, matches, languageWeight, highlights, heldLanguages, reports, AddToUnitsFromSource);
            }
        }

        void AddToUnits(Query alternatives, int start, int end, bool wordByWord, List<AnalyzedTerm> terms)
        {
            foreach (var unit in units)
            {
                if (Takes(unit, start, end, wordByWord, terms))
                {
                    perUnit ??= [];
                    if (!perUnit.TryGetValue(unit, out var list))
                    {
                        perUnit[unit] = list = [];
                    }
                    list.Add(alternatives);
                }
            }
        }
    }

    // Whether a translation of the text [start, end) is an alternative of the unit: it overlaps the unit, and a quoted
    // phrase takes it only word by word from the likeliest language (wordByWord) or when it spans every analysed term
    // of the phrase (its stop words and elisions need no translation).
    private static bool Takes(QueryUnit unit, int start, int end, bool wordByWord, List<AnalyzedTerm> terms)
    {
        if (unit.End <= start || end <= unit.Start)
        {
            return false;
        }
        if (unit.Kind != UnitKind.Phrase || wordByWord)
        {
            return true;
        }
        foreach (var term in terms)
        {
            if (term.Start >= unit.Start && term.End <= unit.End && (term.Start < start || term.End > end))
            {
                return false;
            }
        }
        return true;
    }

    // A word no guessed language knows (not a stop word, headword or inflected form of it) but another language's
    // dictionary does is translated from that language too, at ForeignWordWeight: a German word in a title the
    // identifier reads as English because of the product names around it ("Datenkovarianz in Calc", "Textfeld und Form
    // (Impress)"), a French word beside an English one. Per language, the query's terms (its analyzer's) that are such
    // words, among its first MaxTranslatedStems words (as many as the guessed languages translate). Known means what the
    // language identifier counts as known (LanguageIdentifier.Knows): without the Hunspell dictionaries, the glossary's
    // words and stop words only. Half a translation's weight (1 measured the same: issue 20, sixteenth part).
    public const float ForeignWordWeight = 0.5f;
    public const int ForeignWordMinLength = 4;

    private IEnumerable<(string Language, List<AnalyzedTerm> Terms)> ForeignWords(string text, IReadOnlyList<LanguageGuess> guesses)
    {
        // The words no guessed language knows, found with the first guess's analysis (its own stop words are its words);
        // most queries have none, and cost nothing more.
        var identifier = LanguageIdentifier.Shared;
        var primary = guesses[0].Language;
        HashSet<string>? unknown = null;
        var primaryTerms = LanguageAnalyzers.Analyze(analyzers.For(primary), IndexFields.For(primary).Body, text);
        if (primaryTerms.Count > MaxTranslatedStems)
        {
            primaryTerms = primaryTerms[..MaxTranslatedStems];   // a 1,000-word query looks up no more than 12 words
        }
        foreach (var term in primaryTerms)
        {
            var word = text[term.Start..term.End];
            if (word.Length >= ForeignWordMinLength && word.All(char.IsLetter) && !guesses.Any(g => identifier.Knows(g.Language, word)))
            {
                (unknown ??= new HashSet<string>(StringComparer.Ordinal)).Add(word);
            }
        }
        if (unknown is null)
        {
            yield break;
        }
        foreach (var language in LanguageIdentifier.Languages)
        {
            if (guesses.Any(g => g.Language == language))
            {
                continue;
            }
            List<AnalyzedTerm>? foreign = null;
            foreach (var term in LanguageAnalyzers.Analyze(analyzers.For(language), IndexFields.For(language).Body, text))
            {
                var word = text[term.Start..term.End];
                if (unknown.Contains(word) && identifier.Knows(language, word))
                {
                    (foreign ??= []).Add(term);
                }
            }
            if (foreign is not null)
            {
                yield return (language, foreign.Count > MaxTranslatedStems ? foreign[..MaxTranslatedStems] : foreign);
            }
        }
    }

    // Most trusted first: glossary, dictionary, software catalogs, the secondary dictionary, pivot, cognate (the enum's
    // values are stored in the lexicon file, so Software, added last, cannot move).
    private static int Trust(TermMatch match) => match.Source switch
    {
        TranslationSource.Glossary => 0,
        TranslationSource.Dictionary when !match.Secondary => 1,
        TranslationSource.Software => 2,
        TranslationSource.Dictionary => 3,
        TranslationSource.Pivot => 4,
        _ => 5,
    };

    // A word's pivot senses into a language that a glossary entry, a direct dictionary or a software catalog already
    // translates it into are mostly far senses (describes → писатель, ручка; hour → эпоха), and bodies hold far senses
    // everywhere: such a pivot sense is searched in titles only, at PivotBesideDirectWeight of its weight, where it
    // still finds a page named by it when the direct senses miss. Measured on three collections (issue 20, thirteenth
    // part, 15 cells): content words 0.518 → 0.529 recall@10, titles 0.891 → 0.894; dropping those pivots altogether
    // gave content words 0.529 too but titles 0.888 (LibreOffice ru→en 0.810 → 0.797).
    // The secondary dictionary's senses (Müller's general ones, TermMatch.Secondary) are searched as pivot senses are,
    // before them, and take their places: the targets (MaxDictionaryTargetsPerLanguage) and body senses (BodySenses)
    // they use in a language are not left to the pivots of the word.
    public const float PivotBesideDirectWeight = 0.1f;

    // The targets of one source term's matches, most trusted resource first; a pivot target a dictionary already gave is
    // not searched twice. With TranslationResources.PivotsOnlyWithoutDirect, a pivot is used only for target languages
    // no glossary entry or direct dictionary covered (off by default: it cost recall on every collection measured).
    private void AddAlternatives(DisjunctionMaxQuery alternatives, IEnumerable<TermMatch> sourceTerm, string source, string surface,
        HighlightTerms highlights, IReadOnlySet<string>? heldLanguages, List<TermTranslation> reports)
    {
        var seen = new HashSet<(string Language, string Target)>();
        var direct = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, int>? secondary = null;   // targets used per language by the secondary dictionary
        Dictionary<string, int>? dictionaryReports = null;   // where the main dictionaries' report of each language is
        foreach (var match in sourceTerm.OrderBy(Trust))
        {
            if (!LanguageAnalyzers.FieldLanguages.Contains(match.TargetLanguage) || match.TargetLanguage == source
                || heldLanguages?.Contains(match.TargetLanguage) == false
                || ((match.Source == TranslationSource.Pivot || match.Secondary) && direct.Contains(match.TargetLanguage) && translator.Resources.PivotsOnlyWithoutDirect))
            {
                continue;
            }
            var isFar = match.Source == TranslationSource.Pivot || match.Secondary;
            var besideDirect = isFar && direct.Contains(match.TargetLanguage);
            var already = isFar ? secondary?.GetValueOrDefault(match.TargetLanguage) ?? 0 : 0;
            var used = AddTargets(alternatives, match, highlights, seen, besideDirect, already);
            if (match.Secondary && used.Count > 0)
            {
                (secondary ??= new(StringComparer.Ordinal))[match.TargetLanguage] = already + used.Count;
            }
            if (used.Count > 0)
            {
                if (match.Secondary && dictionaryReports?.TryGetValue(match.TargetLanguage, out var at) == true)
                {
                    // one dictionary line per word and language: the main dictionaries' senses, then the secondary's
                    reports[at] = reports[at] with { Targets = [.. reports[at].Targets, .. used] };
                }
                else
                {
                    if (match.Source == TranslationSource.Dictionary && !match.Secondary)
                    {
                        (dictionaryReports ??= new(StringComparer.Ordinal))[match.TargetLanguage] = reports.Count;
                    }
                    reports.Add(new TermTranslation(surface, source, used, match.TargetLanguage, match.Source));
                }
                if (match.Source != TranslationSource.Pivot && !match.Secondary)
                {
                    direct.Add(match.TargetLanguage);
                }
            }
        }
    }

    // Words the glossary did not translate into a held language, searched there by their spelling: respelt in the target's
    // script (Cognates: "формат" → "format", "tabulation" → "табулация"), analysed by the target's analyzer, and matched
    // loosely (one edit from five letters, two from eight, the first letter exact) against the target's title and body
    // terms, the CognateTerms closest of them, as one more alternative of the word at a pivot's weight. International
    // words missing from every dictionary (формат, макрос, табуляция) find their cognate, and words the dictionaries
    // translate only through wrong or far senses (pivots: "Cell" → келья, камера) find the borrowed form the target's
    // documents use. A glossary term is the field's own vocabulary and is not second-guessed ("банда" is gang, not band).
    // Measured on three collections (issue 20): +0.00 to +0.05 recall@10 per pair, most for ru→en and en→ru titles.
    // In the same script, a French, Spanish or German word is searched in English by the English form its ending and
    // beginning regularly take (Cognates.ToEnglish: "factorización" → factorization, "automatisch" → automatic): +0.00
    // to +0.023 recall@10 in 8 of the 18 X→en cells, −0.003 in 3 (issue 20, twelfth part).
    // The explanation lists each as the respelt word (Source Cognate): which index words it meets is known only when the
    // query runs, and they are words spelt like it.
    private void AddCognates(string source, string text, List<AnalyzedTerm> terms, IReadOnlyList<TermMatch> matches, float languageWeight,
        IReadOnlySet<string>? heldLanguages, List<TermTranslation> reports, Action<Query, int, int> addToUnits)
    {
        foreach (var target in LanguageAnalyzers.FieldLanguages)
        {
            if (target == source || target == LanguageAnalyzers.Other || heldLanguages?.Contains(target) == false)
            {
                continue;
            }
            var covered = new bool[terms.Count];
            foreach (var match in matches)
            {
                if (match.TargetLanguage != target || match.Source != TranslationSource.Glossary)
                {
                    continue;
                }
                for (var k = match.FirstStem; k < match.FirstStem + match.StemCount && k < covered.Length; k++)
                {
                    covered[k] = true;
                }
            }
            var fields = IndexFields.For(target);
            var analyzer = analyzers.For(target);
            for (var k = 0; k < terms.Count; k++)
            {
                var word = text[terms[k].Start..terms[k].End];
                if (covered[k] || word.Length < CognateMinLength)
                {
                    continue;
                }
                var alternatives = new DisjunctionMaxQuery(0f) { Boost = languageWeight * CognateWeight };
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var shown = new List<string>(2);
                foreach (var spelling in new[] { word, terms[k].Term })
                {
                    // Only across scripts: a word already in the target's script is searched there as typed, and a loose
                    // match of it would be a spelling correction of monolingual queries ("polise" finding "police"). The
                    // exception: a French, Spanish or German word whose international ending the rules rewrite in English.
                    var respelt = Cognates.Respell(spelling, target)
                        ?? (target == "en" && ReferenceEquals(spelling, word) ? Cognates.ToEnglish(word, source) : null);
                    if (respelt is null)
                    {
                        continue;
                    }
                    var analysed = LanguageAnalyzers.Analyze(analyzer, fields.Body, respelt);
                    if (analysed.Count != 1 || analysed[0].Term.Length < CognateMinLength || !seen.Add(analysed[0].Term))
                    {
                        continue;
                    }
                    var term = analysed[0].Term;
                    var edits = term.Length >= 8 ? 2 : 1;
                    alternatives.Add(FuzzyExpansions.Query(new Term(fields.Title, term), edits, 1, CognateTerms, true, IndexFields.TitleBoost));
                    alternatives.Add(FuzzyExpansions.Query(new Term(fields.Body, term), edits, 1, CognateTerms, true, IndexFields.BodyBoost));
                    // Shown: the word respelt, or for a Russian word its stem respelt ("макросы" → macros, not macrosy).
                    if (shown.Count == 0 || source == "ru")
                    {
                        shown.Clear();
                        shown.Add(respelt);
                    }
                }
                if (alternatives.Disjuncts.Count > 0)
                {
                    addToUnits(alternatives, terms[k].Start, terms[k].End);
                    reports.Add(new TermTranslation(word, source, shown, target, TranslationSource.Cognate));
                }
            }
        }
    }

    // German words no resource translated as a whole, split into parts that translate (CompoundSplitter): the parts'
    // alternatives are added together (a document matching both "database" and "file" beats one matching either), as
    // one more alternative of the word.
    private void SplitCompounds(string text, List<AnalyzedTerm> terms, IReadOnlyList<TermMatch> matches, float languageWeight,
        HighlightTerms highlights, IReadOnlySet<string>? heldLanguages, List<TermTranslation> reports, Action<Query, int, int> addToUnits)
    {
        var covered = new bool[terms.Count];
        foreach (var match in matches)
        {
            for (var k = match.FirstStem; k < match.FirstStem + match.StemCount && k < covered.Length; k++)
            {
                covered[k] = true;
            }
        }
        var analyzer = analyzers.For("de");
        var field = IndexFields.For("de").Body;
        for (var k = 0; k < terms.Count; k++)
        {
            var word = text[terms[k].Start..terms[k].End];
            if (covered[k] || word.Length < CompoundSplitter.MinWordLength)
            {
                continue;
            }
            var partMatches = new Dictionary<string, IReadOnlyList<TermMatch>>(StringComparer.Ordinal);
            var parts = CompoundSplitter.Split(word, part =>
            {
                var stems = LanguageAnalyzers.Analyze(analyzer, field, part);
                var found = stems.Count == 1 ? translator.Translate("de", [stems[0].Term], [part]) : [];
                partMatches[part] = found;
                return found.Count > 0;
            });
            if (parts is null)
            {
                continue;
            }
            var compound = new BooleanQuery(disableCoord: false) { Boost = languageWeight };
            foreach (var part in parts)
            {
                var alternatives = new DisjunctionMaxQuery(0f);
                AddAlternatives(alternatives, partMatches[part], "de", part, highlights, heldLanguages, reports);
                if (alternatives.Disjuncts.Count > 0)
                {
                    compound.Add(alternatives, Occur.SHOULD);
                }
            }
            if (compound.Clauses.Count > 0)
            {
                addToUnits(compound, terms[k].Start, terms[k].End);
            }
        }
    }

    // The translator's matches for the stems, where each word with a Hunspell lemma of another stem ("детали" →
    // "деталь", "времени" → "время") is looked up by its lemma's stem first; the stems' own matches fill the positions
    // the lemmas left untranslated, and a phrase of the words as written is kept over the lemmas' one-word matches.
    private IReadOnlyList<TermMatch> TranslateWithLemmas(string source, string text, List<AnalyzedTerm> terms)
    {
        var matches = TranslateWithLemmasOnly(source, text, terms);
        matches = WithWordsOfPhrases(source, text, terms, matches);
        return source == "ru" ? WithShorterStems(source, text, terms, matches) : matches;
    }

    // The longest lexicon headword covers its words ("border guard" → пограничник), but the words a query puts side by
    // side are not always that phrase (two words of a sentence, or a title that only starts like it): each word of a
    // dictionary, catalog or pivot phrase also keeps its own one-word translations (border → граница), at
    // PhraseWordsWeight of their weight, so the phrase still counts most. Glossary terms keep covering their words.
    public const float PhraseWordsWeight = 0.5f;

    private IReadOnlyList<TermMatch> WithWordsOfPhrases(string source, string text, List<AnalyzedTerm> terms, IReadOnlyList<TermMatch> matches)
    {
        if (!matches.Any(m => m.StemCount > 1 && m.Source != TranslationSource.Glossary))
        {
            return matches;
        }
        var single = new bool[terms.Count];
        foreach (var match in matches.Where(m => m.StemCount == 1))
        {
            single[match.FirstStem] = true;
        }
        var added = new List<TermMatch>(matches);
        foreach (var phrase in matches.Where(m => m.StemCount > 1 && m.Source != TranslationSource.Glossary).DistinctBy(m => (m.FirstStem, m.StemCount)))
        {
            for (var i = phrase.FirstStem; i < phrase.FirstStem + phrase.StemCount && i < terms.Count; i++)
            {
                if (single[i])
                {
                    continue;
                }
                single[i] = true;
                foreach (var match in translator.Translate(source, [terms[i].Term], [text[terms[i].Start..terms[i].End]]).Where(m => m.Source != TranslationSource.Glossary && m.StemCount == 1))
                {
                    added.Add(AtWord(match, i, PhraseWordsWeight));
                }
            }
        }
        return added;
    }

    // A one-word match looked up on its own, placed at the query word it translates, its weights scaled by factor.
    private static TermMatch AtWord(TermMatch match, int word, float factor) => match with
    {
        FirstStem = word,
        Weights = [.. match.Targets.Select((_, v) => factor * (match.Weights is { } w && v < w.Count ? w[v] : 1f))],
    };

    // Russian words that neither their stem nor their lemma translates, looked up by their stem shortened by one to three
    // letters (at least five left): a participle or adjective whose dictionary has only the verb or noun it is made from
    // ("программная" → программ-а, "преобразовании" → преобразова-ть, "выделенного" → выдел-ить), at ShorterStemWeight of
    // what the dictionary says. Dictionaries and pivots only (a glossary term needs its own word).
    public const float ShorterStemWeight = 0.5f;
    public const int ShorterStemMinLength = 5;

    private IReadOnlyList<TermMatch> WithShorterStems(string source, string text, List<AnalyzedTerm> terms, IReadOnlyList<TermMatch> matches)
    {
        var covered = new bool[terms.Count];
        foreach (var match in matches)
        {
            for (var k = match.FirstStem; k < match.FirstStem + match.StemCount && k < covered.Length; k++)
            {
                covered[k] = true;
            }
        }
        List<TermMatch>? added = null;
        for (var i = 0; i < terms.Count; i++)
        {
            var stem = terms[i].Term;
            if (covered[i] || stem.Length <= ShorterStemMinLength || !stem.All(char.IsLetter))
            {
                continue;
            }
            for (var cut = 1; cut <= 3 && stem.Length - cut >= ShorterStemMinLength; cut++)
            {
                var found = translator.Translate(source, [stem[..^cut]], [text[terms[i].Start..terms[i].End]])
                    .Where(m => m.Source != TranslationSource.Glossary && m.StemCount == 1)
                    .ToList();
                if (found.Count == 0)
                {
                    continue;
                }
                added ??= [.. matches];
                foreach (var match in found)
                {
                    added.Add(AtWord(match, i, ShorterStemWeight));
                }
                break;
            }
        }
        return added ?? matches;
    }

    private IReadOnlyList<TermMatch> TranslateWithLemmasOnly(string source, string text, List<AnalyzedTerm> terms)
    {
        var stems = terms.Select(t => t.Term).ToArray();
        var lemmaStems = (string[])stems.Clone();
        var changed = false;
        var lemmatizer = Lemmatizer.Shared;
        if (lemmatizer.Has(source))
        {
            var analyzer = analyzers.For(source);
            var field = IndexFields.For(source).Body;
            for (var i = 0; i < terms.Count; i++)
            {
                foreach (var lemma in lemmatizer.Lemmas(source, text[terms[i].Start..terms[i].End]))
                {
                    var analysed = LanguageAnalyzers.Analyze(analyzer, field, lemma);
                    if (analysed.Count == 1 && analysed[0].Term != stems[i])
                    {
                        lemmaStems[i] = analysed[0].Term;
                        changed = true;
                        break;
                    }
                }
            }
        }
        var words = terms.Select(t => text[t.Start..t.End]).ToArray();
        var direct = translator.Translate(source, stems, words);
        if (!changed)
        {
            return direct;
        }
        var result = new List<TermMatch>(translator.Translate(source, lemmaStems, words));
        var covered = new bool[stems.Length];
        foreach (var match in result)
        {
            for (var k = match.FirstStem; k < match.FirstStem + match.StemCount; k++)
            {
                covered[k] = true;
            }
        }
        // A word whose lemma and stem are both translated by one-word headwords keeps both: the lemma brings the
        // dictionary form's senses ("детали" → деталь → detail), the stem those of the form itself, which are often
        // the interface's ("Erweiterte" → erweitert → Advanced, where the lemma erweitern gives expand, extend).
        var single = new bool[stems.Length];
        foreach (var match in result)
        {
            if (match.StemCount == 1)
            {
                single[match.FirstStem] = true;
            }
        }
        foreach (var match in result.Where(m => m.StemCount > 1))
        {
            for (var k = match.FirstStem; k < match.FirstStem + match.StemCount; k++)
            {
                single[k] = false;
            }
        }
        // A phrase of the words as written is kept over one-word matches of their lemmas, which then count as its
        // words (PhraseWordsWeight): "Barres d'outils" is "Toolbars", though the lemma barrer (to cross out) of
        // "barres" has another stem than the noun barre; "Barras de herramientas" likewise (issue 20, seventeenth part).
        var phraseWords = new bool[stems.Length];
        var glossaryWords = new bool[stems.Length];
        foreach (var match in direct)
        {
            var free = true;
            var overWords = match.StemCount > 1;
            for (var k = match.FirstStem; k < match.FirstStem + match.StemCount; k++)
            {
                free &= !covered[k];
                overWords &= !covered[k] || single[k];
            }
            if (free || overWords || (match.StemCount == 1 && single[match.FirstStem] && lemmaStems[match.FirstStem] != stems[match.FirstStem]))
            {
                result.Add(match);
            }
            if (!free && overWords)
            {
                (match.Source == TranslationSource.Glossary ? glossaryWords : phraseWords).AsSpan(match.FirstStem, match.StemCount).Fill(true);
            }
        }
        // A glossary term keeps covering its words (WithWordsOfPhrases); a lexicon phrase's words keep their senses.
        result.RemoveAll(m => m.StemCount == 1 && glossaryWords[m.FirstStem] && m.Source != TranslationSource.Glossary);
        for (var r = 0; r < result.Count; r++)
        {
            if (result[r] is { StemCount: 1 } word && phraseWords[word.FirstStem] && word.Source != TranslationSource.Glossary)
            {
                result[r] = AtWord(word, word.FirstStem, PhraseWordsWeight);
            }
        }
        return result;
    }

    // The best targets of one match: each in titles, and the first (glossary) or the first BodySenses single words
    // (dictionaries) in bodies too; a target's weight multiplies its boosts. titlesOnly: a pivot beside a direct
    // translation, searched in titles only and at PivotBesideDirectWeight. already: targets the same language's earlier
    // matches used of the same budget (the secondary dictionary's before pivots'). Returns the targets used.
    private List<string> AddTargets(DisjunctionMaxQuery alternatives, TermMatch match, HighlightTerms highlights, HashSet<(string, string)> seen, bool titlesOnly, int already = 0)
    {
        var fields = IndexFields.For(match.TargetLanguage);
        var analyzer = analyzers.For(match.TargetLanguage);
        var limit = match.Source == TranslationSource.Glossary ? MaxVariantsPerLanguage : MaxDictionaryTargetsPerLanguage;
        var resourceWeight = match.Source switch
        {
            TranslationSource.Glossary => 1f,
            TranslationSource.Dictionary when !match.Secondary => DictionaryWeight,
            TranslationSource.Software => SoftwareWeight,
            _ => PivotWeight * (titlesOnly ? PivotBesideDirectWeight : 1f),
        };
        var used = new List<string>(limit);
        for (var v = 0; v < match.Targets.Count && used.Count + already < limit; v++)
        {
            if (!seen.Add((match.TargetLanguage, match.Targets[v])))
            {
                continue;
            }
            // Stems given by the resource serve single words; a phrase is analysed here so that its stop-word gaps
            // match the positions the index recorded.
            List<AnalyzedTerm> targetTerms = match.TargetStems is { } stems && v < stems.Count && stems[v].Length == 1
                ? [new AnalyzedTerm(stems[v][0], 0, 0, 0)]
                : LanguageAnalyzers.Analyze(analyzer, fields.Body, match.Targets[v]);
            if (targetTerms.Count == 0)
            {
                continue;
            }
            var weight = resourceWeight * (match.Weights is { } weights && v < weights.Count ? Math.Clamp(weights[v], 0.05f, 1f) : 1f);
            alternatives.Add(TermsQuery(fields.Title, targetTerms, IndexFields.TitleBoost * weight));
            var inBodies = !titlesOnly && (match.Source == TranslationSource.Glossary ? used.Count == 0 : used.Count + already < BodySenses && targetTerms.Count == 1);
            if (inBodies)
            {
                alternatives.Add(TermsQuery(fields.Body, targetTerms, IndexFields.BodyBoost * weight));
                alternatives.Add(TermsQuery(fields.Summary, targetTerms, IndexFields.SummaryBoost * weight));
            }
            if (match.TargetLanguage == "ru" && targetTerms.Count == 1 && FormsPrefix(targetTerms[0].Term) is { } prefix)
            {
                alternatives.Add(FormsQuery(fields.Title, prefix, IndexFields.TitleBoost * weight * OtherFormsWeight));
                if (inBodies)
                {
                    alternatives.Add(FormsQuery(fields.Body, prefix, IndexFields.BodyBoost * weight * OtherFormsWeight));
                }
            }
            highlights.AddTerms(match.TargetLanguage, targetTerms);
            used.Add(match.Targets[v]);
        }
        return used;
    }

    // A Russian translation is a dictionary form, and its snowball stem often differs from the stems of the forms a
    // text uses: the infinitive выбрать (выбра) from the imperative выберите (выбер), разгруппировать (разгруппирова)
    // from разгруппируйте (разгруппир), свёрнутый (свернут) from сверните (сверн). The stem shortened by up to three
    // letters (at least FormsPrefixMinLength left) is also searched as a prefix, at OtherFormsWeight: at most
    // OtherFormsExpansions of the indexed stems it covers, each scored as a term by the index's similarity, so a rare
    // form weighs as a rare word does. English targets need none of this (Porter's stems join the forms), and the source side has
    // Hunspell lemmas.
    public const float OtherFormsWeight = 0.7f;
    public const int FormsPrefixMinLength = 5;
    public const int OtherFormsExpansions = 8;

    private static string? FormsPrefix(string stem) =>
        stem.Length < FormsPrefixMinLength || !stem.All(char.IsLetter) ? null : stem[..Math.Max(FormsPrefixMinLength, stem.Length - 3)];

    private static PrefixQuery FormsQuery(string field, string prefix, float boost) =>
        new(new Term(field, prefix)) { Boost = boost, MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(OtherFormsExpansions) };

    private static void AddFields(DisjunctionMaxQuery disjuncts, LanguageFields fields, List<AnalyzedTerm> terms)
    {
        disjuncts.Add(TermsQuery(fields.Title, terms, IndexFields.TitleBoost));
        disjuncts.Add(TermsQuery(fields.Summary, terms, IndexFields.SummaryBoost));
        disjuncts.Add(TermsQuery(fields.Body, terms, IndexFields.BodyBoost));
    }

    // One term, or the terms as a phrase at their analysed positions (stop-word gaps included).
    private static Query TermsQuery(string field, List<AnalyzedTerm> terms, float boost)
    {
        if (terms.Count == 1)
        {
            return new ReaderTermQuery(new Term(field, terms[0].Term)) { Boost = boost };
        }
        var phrase = new PhraseQuery { Boost = boost };
        foreach (var term in terms)
        {
            phrase.Add(new Term(field, term.Term), term.Position);
        }
        return phrase;
    }
}
