namespace Polis.Search;

/// <summary>A guessed query language and how sure the identifier is (the confidences of one guess add up to 1).</summary>
internal readonly record struct LanguageGuess(string Language, double Confidence);

// Which of the search languages (en ru fr de es) a short query is written in, from its own letters: a naive-Bayes
// model over character 1- to 4-grams of words (with word boundaries), trained at first use from the words of the
// installed Hunspell dictionaries, the policing glossary and the analyzers' stop words; plus a bonus for a word that is
// a stop word or a dictionary headword of the language; a word several languages know scores alike for each of them,
// and a Latin word in a Cyrillic query does not count against Russian (ScoreWord). The interface language is only a
// weak prior (InterfacePrior nats, twice the odds): one telling word outweighs it, and it decides between languages
// that know every word of the query alike (exact ties go to the better letters alone). Without Hunspell dictionaries it learns from the glossary and
// stop words alone (less accurate on words outside the policing vocabulary).
//
// The n-gram counts are hashed into a fixed table per language (no strings kept), the known words into a Bloom
// filter; identifying a query allocates only its result.
internal sealed class LanguageIdentifier
{
    public static readonly IReadOnlyList<string> Languages = ["en", "ru", "fr", "de", "es"];
    private static readonly int Russian = IndexOf("ru");

    public const double InterfacePrior = 0.7;
    public const double StopWordBonus = 2.0;
    public const double KnownWordBonus = 1.0;

    // A capitalised word no dictionary of any language knows (a product, a function, an acronym: "FindObject", "WEP")
    // says little about the language of the words around it, but its letters are mostly English: its n-grams count
    // half (with the Hunspell dictionaries loaded). "Funktion FindObject" was English; LibreOffice Help's German titles
    // were identified 0.900 → 0.920, French 0.876 → 0.887 (issue 20, fifteenth part).
    public const double UnknownNameWeight = 0.5;

    // Candidates below this share of the most likely language's confidence are not translated from.
    public const double PlausibleShare = 0.25;
    public const int MaxCandidates = 3;

    private const int MaxOrder = 4;
    private const int TableBits = 18;
    private const int TableMask = (1 << TableBits) - 1;
    private const int KnownBits = 21;
    private const double Smoothing = 0.1;

    // Orders 1..4 overlap (each letter is in up to four grams), so the sum of a word's log-probabilities is damped.
    private const double GramWeight = 1.0 / MaxOrder;
    private const int StopWordRepeats = 20;

    private static readonly Lazy<LanguageIdentifier> SharedInstance = new(() => Train(DefaultWords()).With(Lemmatizer.Shared));

    private readonly float[][] counts;
    private readonly double[][] totals;
    private readonly ulong[][] known;

    // Hunspell's view of a word (Lemmatizer): the headwords in the Bloom filter are dictionary forms only, so an
    // inflected word ("komplexes", "imprimez", "printing") and a German compound ("Diagrammwand", "Textfeld") had no
    // bonus, and the n-grams alone gave many German titles to English (LibreOffice Help, de→en titles: 31 of 289
    // identified wrongly). With it, a word Hunspell knows in a form of the language, or a German compound of known
    // headwords, counts as known. Null (the n-grams and headwords alone) for a model trained by a test.
    private Lemmatizer? knowsForms;

    private LanguageIdentifier(float[][] counts, double[][] totals, ulong[][] known)
    {
        this.counts = counts;
        this.totals = totals;
        this.known = known;
    }

    private LanguageIdentifier With(Lemmatizer forms) => new(counts, totals, known) { knowsForms = forms };

    public static LanguageIdentifier Shared => SharedInstance.Value;

    // Whether the dictionaries behind the model were found (for the documentation and tests).
    public static bool HasHunspell => Languages.Any(l => HunspellFiles.For(l) is not null);

    // The plausible source languages, most likely first, with confidences renormalised over them (at least one).
    // Text with no letter of a known script gives the interface language (or English) alone.
    public IReadOnlyList<LanguageGuess> Identify(string text, string? uiLanguage)
    {
        var ui = LanguageAnalyzers.NormalizeCode(uiLanguage);
        Span<double> scores = stackalloc double[Languages.Count];
        Span<double> letters = stackalloc double[Languages.Count];   // the n-grams alone, unshared: breaks exact ties
        var words = 0;
        var start = -1;
        var cyrillic = text.AsSpan().ContainsAnyInRange('\u0400', '\u04FF');
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && IsScriptLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                ScoreWord(text.AsSpan(start, i - start), scores, letters, cyrillic);
                words++;
                start = -1;
                if (words >= 64)
                {
                    break;   // enough evidence; a long text costs no more
                }
            }
        }
        if (words == 0)
        {
            var fallback = Languages.Contains(ui) ? ui : "en";
            return [new LanguageGuess(fallback, 1)];
        }
        for (var l = 0; l < Languages.Count; l++)
        {
            if (Languages[l] == ui)
            {
                scores[l] += InterfacePrior;
            }
        }
        var max = double.NegativeInfinity;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }
        Span<double> p = stackalloc double[Languages.Count];
        var sum = 0.0;
        for (var l = 0; l < p.Length; l++)
        {
            p[l] = Math.Exp(scores[l] - max);
            sum += p[l];
        }
        var order = new int[Languages.Count];
        for (var l = 0; l < order.Length; l++)
        {
            order[l] = l;
            p[l] /= sum;
        }
        var probabilities = p.ToArray();
        var ownLetters = letters.ToArray();
        Array.Sort(order, (a, b) => probabilities[b].CompareTo(probabilities[a]) is var c && c != 0 ? c
            : ownLetters[b].CompareTo(ownLetters[a]) is var d && d != 0 ? d : a.CompareTo(b));
        var kept = new List<LanguageGuess>(MaxCandidates);
        var best = probabilities[order[0]];
        var keptSum = 0.0;
        foreach (var l in order)
        {
            // Past MaxCandidates only a language exactly as likely as the last one kept ("Extras", a word English,
            // French, German and Spanish all know): none of equals is dropped for the others.
            if ((kept.Count >= MaxCandidates && probabilities[l] < kept[^1].Confidence * (1 - 1e-9)) || probabilities[l] < best * PlausibleShare)
            {
                break;
            }
            kept.Add(new LanguageGuess(Languages[l], probabilities[l]));
            keptSum += probabilities[l];
        }
        for (var k = 0; k < kept.Count; k++)
        {
            kept[k] = kept[k] with { Confidence = kept[k].Confidence / keptSum };
        }
        return kept;
    }

    // Whether a lower-case word is a stop word or (probably: a Bloom filter) a dictionary word of the language.
    public bool IsKnown(string language, ReadOnlySpan<char> word)
    {
        var l = IndexOf(language);
        return l >= 0 && IsKnown(l, word);
    }

    // Whether a word (any case) is a stop word, a headword or (with the Hunspell dictionaries loaded) an inflected form
    // or German compound of the language: what earns the known-word bonus.
    public bool Knows(string language, string word)
    {
        var l = IndexOf(language);
        if (l < 0 || word.Length == 0 || word.Length > 64)
        {
            return false;
        }
        Span<char> buffer = stackalloc char[66];
        return Familiarity(l, buffer[1..(Lower(word, buffer) - 1)]) != WordFamiliarity.Unknown;
    }

    private enum WordFamiliarity
    {
        Unknown,
        Known,
        StopWord,
    }

    // A lower-case word ("ё" as "е") as the language knows it: a stop word, a headword or known form (three letters or
    // more), or neither.
    private WordFamiliarity Familiarity(int language, ReadOnlySpan<char> bare)
    {
        if (LanguageAnalyzers.Shared.StopWords(Languages[language]) is { } stop && stop.Contains(bare.ToArray()))
        {
            return WordFamiliarity.StopWord;
        }
        return bare.Length >= 3 && (IsKnown(language, bare) || KnowsForm(language, bare)) ? WordFamiliarity.Known : WordFamiliarity.Unknown;
    }

    public static LanguageIdentifier Train(IEnumerable<(string Language, string Word, int Weight)> words)
    {
        var counts = new float[Languages.Count][];
        var totals = new double[Languages.Count][];
        var known = new ulong[Languages.Count][];
        for (var l = 0; l < Languages.Count; l++)
        {
            counts[l] = new float[TableMask + 1];
            totals[l] = new double[MaxOrder + 1];
            known[l] = new ulong[(1 << KnownBits) / 64];
        }
        Span<char> buffer = stackalloc char[66];
        foreach (var (language, word, weight) in words)
        {
            var l = IndexOf(language);
            if (l < 0 || word.Length == 0 || word.Length > 64)
            {
                continue;
            }
            var length = Lower(word, buffer);
            var lower = buffer[..length];
            AddKnown(known[l], lower[1..^1]);
            for (var n = 1; n <= MaxOrder; n++)
            {
                for (var i = 0; i + n <= lower.Length; i++)
                {
                    counts[l][Hash(lower.Slice(i, n)) & TableMask] += weight;
                    totals[l][n] += weight;
                }
            }
        }
        return new LanguageIdentifier(counts, totals, known);
    }

    // Hunspell words (when installed), the glossary's words, and the stop words repeated (they are that frequent).
    public static IEnumerable<(string Language, string Word, int Weight)> DefaultWords()
    {
        foreach (var language in Languages)
        {
            if (HunspellFiles.For(language) is { } files)
            {
                foreach (var word in HunspellFiles.Words(files.Words))
                {
                    if (word.All(char.IsLetter))
                    {
                        yield return (language, word, 1);
                    }
                }
            }
            if (LanguageAnalyzers.Shared.StopWords(language) is { } stop)
            {
                foreach (var entry in stop)
                {
                    yield return (language, entry, StopWordRepeats);
                }
            }
        }
        foreach (var (language, word) in GlossaryTranslator.Words())
        {
            yield return (language, word, 3);
        }
    }

    // cyrillicText: the query has a Cyrillic letter somewhere. A word in Latin letters in it ("IDE для Python",
    // "ошибка Windows") is a name Russian writes as it is: it says nothing against Russian, so Russian scores it as the
    // likeliest other language does. (A Cyrillic word in a Latin query stays strong evidence: no other language here
    // writes one.)
    // letters: each language's n-gram score alone (not shared, no bonus), for Identify's tie-break.
    private void ScoreWord(ReadOnlySpan<char> word, Span<double> scores, Span<double> letters, bool cyrillicText)
    {
        if (word.Length > 64)
        {
            word = word[..64];
        }
        Span<char> buffer = stackalloc char[66];
        var length = Lower(word, buffer);
        var lower = buffer[..length];
        var bare = lower[1..^1];
        Span<double> local = stackalloc double[Languages.Count];
        Span<double> bonus = stackalloc double[Languages.Count];
        var russian = Russian;
        var cyrillicWord = word.ContainsAnyInRange('\u0400', '\u04FF');
        var anyKnown = false;
        var knownBy = 0;
        var sharedGrams = double.NegativeInfinity;
        for (var l = 0; l < Languages.Count; l++)
        {
            var score = 0.0;
            var table = counts[l];
            var total = totals[l];
            for (var n = 1; n <= MaxOrder; n++)
            {
                var denominator = Math.Log(total[n] + (Smoothing * (TableMask + 1)));
                for (var i = 0; i + n <= lower.Length; i++)
                {
                    score += Math.Log(table[Hash(lower.Slice(i, n)) & TableMask] + Smoothing) - denominator;
                }
            }
            score *= GramWeight;
            letters[l] += score;
            // Only a word of its own alphabet can be a language's word (the Bloom filter's rare false "known" must
            // not hand a Cyrillic word English letters, or a Latin word Russian ones).
            var familiarity = (l == russian) == cyrillicWord ? Familiarity(l, bare) : WordFamiliarity.Unknown;
            bonus[l] = familiarity switch
            {
                WordFamiliarity.StopWord => StopWordBonus,
                WordFamiliarity.Known => KnownWordBonus,
                _ => 0,
            };
            if (familiarity != WordFamiliarity.Unknown)
            {
                anyKnown = true;
                knownBy++;
                sharedGrams = Math.Max(sharedGrams, score);
            }
            local[l] = score;
        }
        var weight = !anyKnown && char.IsUpper(word[0]) && knowsForms is not null ? UnknownNameWeight : 1.0;
        var latinInCyrillic = cyrillicText && !cyrillicWord;
        for (var l = 0; l < Languages.Count; l++)
        {
            // A word two or more languages know (a headword, form or stop word of each: "table", "document") says no
            // more for one of them than for another: its letters count for each as for the likeliest of them, and only
            // the bonuses and the other words tell them apart. The n-grams are learnt from word lists, not running
            // text, so English words of Latin origin looked French: "Pivot Table" and "Compare Document" were French
            // with confidence 1 for an English interface, "Extras" Spanish (issue 20, seventeenth part).
            var grams = knownBy >= 2 && bonus[l] > 0 ? sharedGrams : local[l];
            local[l] = (grams + bonus[l]) * weight;
        }
        if (latinInCyrillic)
        {
            var others = double.NegativeInfinity;
            for (var l = 0; l < Languages.Count; l++)
            {
                others = l == russian ? others : Math.Max(others, local[l]);
            }
            local[russian] = Math.Max(local[russian], others);
        }
        for (var l = 0; l < Languages.Count; l++)
        {
            scores[l] += local[l];
        }
    }

    // An inflected form Hunspell knows, or a German compound of two or three headwords; false until the language's
    // dictionary has loaded.
    private bool KnowsForm(int language, ReadOnlySpan<char> word)
    {
        var code = Languages[language];
        if (knowsForms is not { } forms || !forms.Has(code))
        {
            return false;
        }
        var text = word.ToString();
        return forms.IsInflectedForm(code, text)   // a headword is IsKnown's, checked before this
            || (code == "de" && CompoundSplitter.Split(text, part => IsKnown(language, part)) is not null);
    }

    private bool IsKnown(int language, ReadOnlySpan<char> word)
    {
        var bits = known[language];
        var h = Hash(word);
        var a = (uint)h & ((1u << KnownBits) - 1);
        var b = (uint)(h >> 32) & ((1u << KnownBits) - 1);
        return (bits[a >> 6] & (1UL << (int)(a & 63))) != 0 && (bits[b >> 6] & (1UL << (int)(b & 63))) != 0;
    }

    private static void AddKnown(ulong[] bits, ReadOnlySpan<char> word)
    {
        var h = Hash(word);
        var a = (uint)h & ((1u << KnownBits) - 1);
        var b = (uint)(h >> 32) & ((1u << KnownBits) - 1);
        bits[a >> 6] |= 1UL << (int)(a & 63);
        bits[b >> 6] |= 1UL << (int)(b & 63);
    }

    // "^word$", lower-case, 'ё' as 'е' (Russian text writes either).
    private static int Lower(ReadOnlySpan<char> word, Span<char> buffer)
    {
        buffer[0] = '^';
        var n = Math.Min(word.Length, buffer.Length - 2);
        for (var i = 0; i < n; i++)
        {
            var c = char.ToLowerInvariant(word[i]);
            buffer[i + 1] = c == 'ё' ? 'е' : c;
        }
        buffer[n + 1] = '$';
        return n + 2;
    }

    // Latin (with accents) and Cyrillic letters; other scripts say nothing about these five languages.
    private static bool IsScriptLetter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '\u00C0' and <= '\u024F') or (>= '\u0400' and <= '\u04FF')
        && c is not '\u00D7' and not '\u00F7';

    private static int IndexOf(string language)
    {
        for (var l = 0; l < Languages.Count; l++)
        {
            if (Languages[l] == language)
            {
                return l;
            }
        }
        return -1;
    }

    // FNV-1a over the characters, finished with a 64-bit mixer (the low and high halves serve as two hashes).
    private static long Hash(ReadOnlySpan<char> s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return (long)h;
    }
}
