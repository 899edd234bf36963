using System.Runtime.InteropServices;

namespace Polis.Search;

// Which pivot languages chain which language pairs: German and Polish for every ordered pair of indexed languages;
// English and French as well for the pairs no dictionary joins (Russian ↔ Spanish), where pivots are all there is.
internal sealed class PivotPlan
{
    public static readonly IReadOnlyList<string> Pivots = ["de", "pl"];
    public static readonly IReadOnlyList<string> FallbackPivots = ["en", "fr"];

    private readonly List<int>[] through;
    private readonly bool[] legsIn;
    private readonly bool[] legsOut;

    // dictionaries: the (source, target) languages of the dictionaries to read.
    public PivotPlan(IEnumerable<(string Source, string Target)> dictionaries)
    {
        var joined = dictionaries.SelectMany(d => new[] { (d.Source, d.Target), (d.Target, d.Source) }).ToHashSet();
        var size = LexiconLanguages.All.Count;
        through = new List<int>[size * size];
        legsIn = new bool[size * size];
        legsOut = new bool[size * size];
        foreach (var source in LexiconLanguages.Indexed)
        {
            foreach (var target in LexiconLanguages.Indexed)
            {
                var s = LexiconLanguages.IndexOf(source);
                var t = LexiconLanguages.IndexOf(target);
                var pivots = Pivots.Concat(joined.Contains((source, target)) ? [] : FallbackPivots)
                    .Where(p => source != target && p != source && p != target)
                    .Select(LexiconLanguages.IndexOf)
                    .ToList();
                through[LexiconEvidence.PairIndex(s, t)] = pivots;
                foreach (var p in pivots)
                {
                    legsIn[LexiconEvidence.PairIndex(s, p)] = true;
                    legsOut[LexiconEvidence.PairIndex(p, t)] = true;
                }
            }
        }
    }

    public IReadOnlyList<int> Through(int source, int target) => through[LexiconEvidence.PairIndex(source, target)] ?? [];

    // Is source → pivot the first leg of some chain?
    public bool NeedsIn(int source, int pivot) => legsIn[LexiconEvidence.PairIndex(source, pivot)];

    // Is pivot → target the second leg of some chain?
    public bool NeedsOut(int pivot, int target) => legsOut[LexiconEvidence.PairIndex(pivot, target)];
}

// What the dictionaries say, gathered while they are read. Every term is analysed once into a phrase (its stems, as
// the search index analyses its language) and a pivot word (its written words without articles and particles). For
// every ordered pair of indexed languages, (headword phrase, translation phrase) records how many independent
// dictionaries ("families") and entries give it and how near the front; the legs of the pivot chains record the same
// with the pivot side keyed by pivot word: two different words may share a stem (French "crime" and "Crimée" both
// stem to "crim"), so chains join on the written form, case included.
internal sealed class LexiconEvidence
{
    private readonly LanguageAnalyzers analyzers;
    private readonly PivotPlan plan;
    private readonly List<string> families = [];

    public LexiconEvidence(LanguageAnalyzers analyzers, PivotPlan plan)
    {
        this.analyzers = analyzers;
        this.plan = plan;
        Phrases = [.. LexiconLanguages.All.Select(l => new PhraseTable(l))];
        var size = LexiconLanguages.All.Count * LexiconLanguages.All.Count;
        Pairs = new Dictionary<long, Evidence>[size];
        Catalogs = new Dictionary<long, CatalogEvidence>[size];
        Aligned = new Dictionary<long, int>[size];
        Secondary = new Dictionary<long, Evidence>[size];
        LegsIn = new Dictionary<long, Evidence>[size];
        LegsOut = new Dictionary<long, Evidence>[size];
        for (var i = 0; i < size; i++)
        {
            Pairs[i] = [];
            Catalogs[i] = [];
            Aligned[i] = [];
            Secondary[i] = [];
            LegsIn[i] = [];
            LegsOut[i] = [];
        }
    }

    public PivotPlan Plan => plan;

    public PhraseTable[] Phrases { get; }

    // Direct translations. Index: PairIndex(source, target); key: Key(headword phrase, translation phrase).
    public Dictionary<long, Evidence>[] Pairs { get; }

    // Software catalog terms, apart from the dictionaries: counted per package, not per dictionary family (there are
    // hundreds). Index: PairIndex(source, target); key: Key(headword phrase, translation phrase).
    public Dictionary<long, CatalogEvidence>[] Catalogs { get; }

    // Word translations aligned from the catalogs' longer messages (CatalogAlignment), with the packages that align
    // them. Index: PairIndex(source, target); key: Key(headword phrase, translation phrase), both of one stem.
    public Dictionary<long, int>[] Aligned { get; }

    // Translations of a secondary dictionary (MuellerReader): a large general one whose senses fill only the places
    // pivots would have had (LexiconTable.Merge). Index: PairIndex(source, target); key: Key(headword phrase,
    // translation phrase).
    public Dictionary<long, Evidence>[] Secondary { get; }

    // First legs. Index: PairIndex(source, pivot); key: Key(headword phrase, pivot word).
    public Dictionary<long, Evidence>[] LegsIn { get; }

    // Second legs. Index: PairIndex(pivot, target); key: Key(pivot word, translation phrase).
    public Dictionary<long, Evidence>[] LegsOut { get; }

    public long Count => Pairs.Sum(p => (long)p.Count) + Secondary.Sum(p => (long)p.Count) + LegsIn.Sum(p => (long)p.Count) + LegsOut.Sum(p => (long)p.Count);

    public static int PairIndex(int source, int target) => (source * LexiconLanguages.All.Count) + target;

    public static long Key(int head, int target) => ((long)head << 32) | (uint)target;

    public int Family(string name)
    {
        var index = families.IndexOf(name);
        if (index < 0)
        {
            if (families.Count == 32)
            {
                throw new InvalidOperationException("More than 32 dictionary families.");
            }
            families.Add(name);
            index = families.Count - 1;
        }
        return index;
    }

    // Adds the pair in both directions, directly and as pivot legs; false when nothing could be kept (a side with no
    // stems or more than MaxStems). A side that collapses to one stem once stop words are gone ("за границей" →
    // границ, "of course" → cours) is a translation only, never a headword: as one it would give "граница" the
    // translation "abroad".
    public bool Add(DictionaryPair pair, int sourceIndex, int family)
    {
        if (Read(pair, sourceIndex) is not var (s, a, t, b, entry, rank))
        {
            return false;
        }
        var kept = false;
        kept |= Direct(s, a, t, b, family, entry, rank);
        kept |= Direct(t, b, s, a, family, entry, rank);
        kept |= Leg(s, a, t, b, family, entry, rank);
        kept |= Leg(t, b, s, a, family, entry, rank);
        if (kept)
        {
            Phrases[s].Use(pair.Headword);
            Phrases[t].Use(pair.Translation);
        }
        return kept;
    }

    // Adds a secondary dictionary's pair in both directions, directly only (no pivot legs), backwards only when the
    // translation is one stem ("устанавливать права", an explanation of "rule", must not become a headword that covers
    // a query's words); false when nothing could be kept.
    public bool AddSecondary(DictionaryPair pair, int sourceIndex)
    {
        if (Read(pair, sourceIndex) is not var (s, a, t, b, entry, rank))
        {
            return false;
        }
        var kept = false;
        foreach (var (from, head, to, target) in new[] { (s, a, t, b), (t, b, s, a) })
        {
            if (head.Phrase < 0 || head.Collapsed || target.Phrase < 0)
            {
                continue;
            }
            if (from == t && Phrases[from].Stems[head.Phrase].Length > 1)
            {
                continue;   // read backwards, a phrase of the translation is an explanation, not a headword
            }
            Record(Secondary[PairIndex(from, to)], Key(head.Phrase, target.Phrase), 0, entry, rank);
            kept = true;
        }
        if (kept)
        {
            // its written forms are shown only for phrases no other source gives a form to, as aligned words' are
            Phrases[s].UseAligned(pair.Headword, a.Phrase, 1);
            Phrases[t].UseAligned(pair.Translation, b.Phrase, 1);
        }
        return kept;
    }

    // A dictionary pair's languages, analysed sides, entry and rank; null when its languages are not two of the
    // lexicon's. Entries are numbered per source (at most 2^26 of them), sources at most 32: one int names an entry.
    private (int S, Analysis A, int T, Analysis B, int Entry, ushort Rank)? Read(DictionaryPair pair, int sourceIndex)
    {
        var s = LexiconLanguages.IndexOf(pair.SourceLanguage);
        var t = LexiconLanguages.IndexOf(pair.TargetLanguage);
        if (s < 0 || t < 0 || s == t)
        {
            return null;
        }
        return (s, Phrases[s].Analyse(pair.Headword, analyzers), t, Phrases[t].Analyse(pair.Translation, analyzers),
            (sourceIndex << 26) | (pair.Entry & 0x3FFFFFF), (ushort)Math.Min(pair.Rank, ushort.MaxValue));
    }

    // Adds a catalog term in both directions (English → language and back); package numbers the catalog's domain,
    // and a domain's terms must come one after another, so that each package counts once per pair. No pivot legs:
    // the catalogs translate from English only. False when nothing could be kept.
    public bool AddCatalog(CatalogTerm term, int package)
    {
        var s = LexiconLanguages.IndexOf("en");
        var t = LexiconLanguages.IndexOf(term.Language);
        if (t < 0 || s == t)
        {
            return false;
        }
        var a = Phrases[s].Analyse(term.English, analyzers);
        var b = Phrases[t].Analyse(term.Translation, analyzers);
        var kept = false;
        foreach (var (from, head, to, target) in new[] { (s, a, t, b), (t, b, s, a) })
        {
            if (head.Phrase < 0 || head.Collapsed || target.Phrase < 0)
            {
                continue;
            }
            ref var e = ref CollectionsMarshal.GetValueRefOrAddDefault(Catalogs[PairIndex(from, to)], Key(head.Phrase, target.Phrase), out var exists);
            if (!exists || e.LastPackage != package)
            {
                e.LastPackage = package;
                e.Packages++;
            }
            kept = true;
        }
        if (kept)
        {
            Phrases[s].Use(term.English);
            Phrases[t].Use(term.Translation);
        }
        return kept;
    }

    private bool Direct(int s, Analysis head, int t, Analysis target, int family, int entry, ushort rank)
    {
        if (head.Phrase < 0 || head.Collapsed || target.Phrase < 0)
        {
            return false;
        }
        Record(Pairs[PairIndex(s, t)], Key(head.Phrase, target.Phrase), family, entry, rank);
        return true;
    }

    private bool Leg(int s, Analysis head, int t, Analysis target, int family, int entry, ushort rank)
    {
        var kept = false;
        if (plan.NeedsIn(s, t) && head.Phrase >= 0 && !head.Collapsed && target.PivotWord >= 0)
        {
            Record(LegsIn[PairIndex(s, t)], Key(head.Phrase, target.PivotWord), family, entry, rank);
            kept = true;
        }
        if (plan.NeedsOut(s, t) && head.PivotWord >= 0 && target.Phrase >= 0)
        {
            Record(LegsOut[PairIndex(s, t)], Key(head.PivotWord, target.Phrase), family, entry, rank);
            kept = true;
        }
        return kept;
    }

    private static void Record(Dictionary<long, Evidence> pairs, long key, int family, int entry, ushort rank)
    {
        ref var e = ref CollectionsMarshal.GetValueRefOrAddDefault(pairs, key, out var exists);
        if (!exists)
        {
            e.LastEntry = -1;
            e.BestRank = rank;
        }
        e.Families |= 1u << family;
        if (e.LastEntry != entry)
        {
            e.LastEntry = entry;
            e.Entries = (ushort)Math.Min(e.Entries + 1, ushort.MaxValue);
        }
        if (rank < e.BestRank)
        {
            e.BestRank = rank;
        }
    }

    internal struct CatalogEvidence
    {
        public int Packages;
        public int LastPackage;
    }

    internal struct Evidence
    {
        public uint Families;
        public int LastEntry;
        public ushort Entries;
        public ushort BestRank;

        // More independent dictionaries count most; more entries of one dictionary and a place near the front of
        // the entry a little.
        public readonly double Score
        {
            get
            {
                var families = System.Numerics.BitOperations.PopCount(Families);
                return families + (0.25 * Math.Min(Entries - families, 4)) + (0.5 / (1 + BestRank));
            }
        }
    }
}

// A term of one language: its phrase (stems; -1 when it has none, more than MaxStems, an over-long one, or the
// language is not indexed), whether it collapsed (one stem left of several meaningful words) and its pivot word.
internal readonly record struct Analysis(int Phrase, bool Collapsed, int PivotWord);

// The phrases and pivot words of one language, numbered in the order first seen.
internal sealed class PhraseTable(string language)
{
    // Words whose loss to the stop-word filter does not change what a term means ("to train", "der Zug", "se taire").
    private static readonly HashSet<string> Harmless = new(StringComparer.OrdinalIgnoreCase)
    {
        "to", "the", "a", "an",
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "sich", "zu",
        "le", "la", "les", "un", "une", "se", "l", "s",
        "el", "los", "las", "lo", "unos", "unas",
    };

    private readonly Dictionary<string, int> phraseIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> pivotIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Analysis> analysed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> uses = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Phrase, string Term), int> alignedUses = [];
    private readonly bool indexed = LexiconLanguages.IsIndexed(LexiconLanguages.IndexOf(language));

    public string Language { get; } = language;

    public List<string[]> Stems { get; } = [];

    // The stems joined by spaces, per phrase.
    public List<string> Keys { get; } = [];

    // The pivot words, per number.
    public List<string> PivotWords { get; } = [];

    public int Count => Stems.Count;

    // How often each written form was used in a kept pair (to pick the form shown for a phrase).
    public IReadOnlyDictionary<string, int> Uses => uses;

    public IEnumerable<(string Term, int Phrase)> Analysed => analysed.Select(a => (a.Key, a.Value.Phrase));

    // Written forms of aligned words (CatalogAlignment) with how often each was seen: shown only for a phrase that no
    // dictionary pair or catalog term gives a form to, so that the catalogs' sentences never change a dictionary
    // word's form.
    public IEnumerable<(string Term, int Phrase, int Count)> AlignedForms => alignedUses.Select(a => (a.Key.Term, a.Key.Phrase, a.Value));

    // The phrase of one stem, numbered when new; -1 when the language is not indexed or the stem too long.
    public int Stem(string stem)
    {
        if (!indexed || stem.Length == 0 || stem.Length > LexiconFormat.MaxStemChars)
        {
            return -1;
        }
        var phrase = Number(phraseIds, Keys, stem);
        if (phrase == Stems.Count)
        {
            Stems.Add([stem]);
        }
        return phrase;
    }

    public void UseAligned(string term, int phrase, int count) => CollectionsMarshal.GetValueRefOrAddDefault(alignedUses, (phrase, term), out _) += count;

    public Analysis Analyse(string term, LanguageAnalyzers analyzers)
    {
        if (analysed.TryGetValue(term, out var known))
        {
            return known;
        }
        var words = Words(term);
        var pivot = -1;
        var pivotWord = string.Join(' ', words.Where(w => !Harmless.Contains(w)));
        if (pivotWord.Length > 0)
        {
            pivot = Number(pivotIds, PivotWords, pivotWord);
        }
        var phrase = -1;
        var collapsed = false;
        if (indexed)
        {
            var stems = LanguageAnalyzers.Analyze(analyzers.For(Language), IndexFields.For(Language).Body, term).Select(t => t.Term).ToArray();
            if (stems.Length is > 0 and <= LexiconBuilder.MaxStems && stems.All(s => s.Length <= LexiconFormat.MaxStemChars))
            {
                var key = string.Join(' ', stems);
                phrase = Number(phraseIds, Keys, key);
                if (phrase == Stems.Count)
                {
                    Stems.Add(stems);
                }
            }
            collapsed = stems.Length == 1 && term.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => !Harmless.Contains(w)) > 1;
        }
        var analysis = new Analysis(phrase, collapsed, pivot);
        analysed[term] = analysis;
        return analysis;
    }

    public void Use(string term) => CollectionsMarshal.GetValueRefOrAddDefault(uses, term, out _)++;

    // Once surfaces are chosen only Stems and Keys are needed: the lookups by term go, to lower the build's peak memory.
    public void ForgetTerms()
    {
        analysed.Clear();
        analysed.TrimExcess();
        uses.Clear();
        uses.TrimExcess();
        alignedUses.Clear();
        alignedUses.TrimExcess();
        phraseIds.Clear();
        phraseIds.TrimExcess();
        pivotIds.Clear();
        pivotIds.TrimExcess();
        PivotWords.Clear();
        PivotWords.TrimExcess();
    }

    private static int Number(Dictionary<string, int> ids, List<string> list, string key)
    {
        if (!ids.TryGetValue(key, out var id))
        {
            id = list.Count;
            ids[key] = id;
            list.Add(key);
        }
        return id;
    }

    // The term's words: letters and digits, everything else separates. Case stays: it tells German nouns from verbs
    // ("Vergehen" offence, "vergehen" to pass) and names from words (Polish "Police", a town, and "police").
    private static List<string> Words(string term)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= term.Length; i++)
        {
            var inWord = i < term.Length && char.IsLetterOrDigit(term[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(term[start..i]);
                start = -1;
            }
        }
        return words;
    }
}
