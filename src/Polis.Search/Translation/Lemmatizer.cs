using System.Collections.Concurrent;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Hunspell;
using Lucene.Net.Analysis.TokenAttributes;

namespace Polis.Search;

// The dictionary form of a query word ("детали" → "деталь", "времени" → "время", "imprimez" → "imprimer"), from the
// Hunspell dictionaries of Debian's hunspell-* packages (HunspellFiles) through Lucene's Hunspell stemmer, so that the
// lexicon, whose headwords are dictionary forms, translates inflected words. Optional: the dictionaries load on a
// background thread when the first index opens (a few seconds); until they are loaded, or when they are not installed,
// a word has no lemma and is translated by its stem as before.
internal sealed class Lemmatizer
{
    private static readonly Lazy<Lemmatizer> SharedInstance = new(() => new Lemmatizer(LanguageIdentifier.Languages));

    private readonly ConcurrentDictionary<string, Dictionary> loaded = new(StringComparer.Ordinal);
    private readonly Task loading;

    private Lemmatizer(IEnumerable<string> languages)
    {
        var wanted = languages.ToList();
        loading = Task.Run(() =>
        {
            _ = LanguageIdentifier.Shared;   // trained from the same files: warm it too
            foreach (var language in wanted)
            {
                if (Load(language) is { } dictionary)
                {
                    loaded[language] = dictionary;
                }
            }
        });
    }

    public static Lemmatizer Shared => SharedInstance.Value;

    // Starts loading the dictionaries (once per process).
    public static void Preload() => _ = SharedInstance.Value;

    public bool Has(string language) => loaded.ContainsKey(language);

    // How many languages' dictionaries are loaded so far: grows while they load in the background, and a query built
    // before a dictionary arrived lemmatises differently from one built after (BuiltQueries).
    public int LoadedCount => loaded.Count;

    // Whether the background load has finished (whatever it found).
    public bool IsLoaded => loading.IsCompleted;

    // Waits for the background load (tests and the evaluation); false when it did not finish in time.
    public bool WaitUntilLoaded(TimeSpan timeout) => loading.Wait(timeout);

    // The word's dictionary forms other than itself, most likely first (at most two); none when the word is itself a
    // dictionary form, unknown, or its language's dictionary is not loaded.
    public IReadOnlyList<string> Lemmas(string language, string word)
    {
        var lower = word.ToLowerInvariant();
        if (language == "de" && WithoutInfixZu(lower) is { } infinitive && Knows(language, infinitive))
        {
            return [infinitive];
        }
        var lemmas = new List<string>(2);
        foreach (var stem in Stems(language, word))
        {
            var lemma = stem.ToLowerInvariant();
            if (lemma == lower)
            {
                return [];   // the word is a dictionary form itself
            }
            if (lemmas.Count < 2 && !lemmas.Contains(lemma))
            {
                lemmas.Add(lemma);
            }
        }
        return lemmas;
    }

    // German separable verbs take "zu" between their particle and their verb ("auszublenden", "anzumelden",
    // "abzuschalten"), which Hunspell's German dictionary gives as a dictionary form of its own, and help texts use it
    // constantly ("um die Leiste auszublenden"). Without the "zu" the word is the infinitive ("ausblenden"), which the
    // dictionaries translate; kept only when Hunspell knows the infinitive ("anzug" or "zuordnen" are not such forms).
    private static readonly string[] SeparableParticles =
        ["zusammen", "zurück", "wieder", "heraus", "herein", "herunter", "hinaus", "hinein", "vorbei", "voran", "fort", "fest",
         "frei", "ab", "an", "auf", "aus", "bei", "ein", "her", "hin", "los", "mit", "nach", "vor", "weg", "um", "durch", "dar"];

    internal static string? WithoutInfixZu(string word)
    {
        foreach (var particle in SeparableParticles)
        {
            if (word.Length >= particle.Length + 2 + 4 && word.StartsWith(particle, StringComparison.Ordinal)
                && string.CompareOrdinal(word, particle.Length, "zu", 0, 2) == 0)
            {
                return string.Concat(particle, word.AsSpan(particle.Length + 2));
            }
        }
        return null;
    }

    // Whether the language's dictionary knows the word (as a dictionary form or an inflected one); false when the
    // dictionary is not loaded. Lucene's stem filter hands an unknown word back unchanged, just as it hands back a
    // dictionary form, so a word is known when it has a stem other than itself, or is one of the dictionary's headwords
    // (the language identifier's filter of them). Before 2026-12-07 every word of two to forty letters was "known".
    public bool Knows(string language, string word) =>
        IsInflectedForm(language, word)
        || (Has(language) && LanguageIdentifier.Shared.IsKnown(language, word.ToLowerInvariant().Replace('ё', 'е')));

    // Whether Hunspell derives the word from a dictionary form other than itself ("komplexes" from "komplex").
    public bool IsInflectedForm(string language, string word)
    {
        var lower = word.ToLowerInvariant();
        return Stems(language, word).Exists(s => !string.Equals(s, lower, StringComparison.OrdinalIgnoreCase));
    }

    private List<string> Stems(string language, string word)
    {
        var stems = new List<string>(4);
        if (word.Length is < 2 or > 40 || !loaded.TryGetValue(language, out var dictionary))
        {
            return stems;
        }
        try
        {
            // Lucene's Stemmer is internal: its token filter over the one word gives the same stems.
            using var stream = new HunspellStemFilter(new KeywordTokenizer(new StringReader(word.ToLowerInvariant())), dictionary, dedup: true, longestOnly: false);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken() && stems.Count < 8)
            {
                stems.Add(term.ToString());
            }
            stream.End();
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            stems.Clear();
        }
        return stems;
    }

    private static Dictionary? Load(string language)
    {
        if (HunspellFiles.For(language) is not { } files)
        {
            return null;
        }
        try
        {
            using var affix = File.OpenRead(files.Affix);
            using var words = File.OpenRead(files.Words);
            return new Dictionary(affix, [words], ignoreCase: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidOperationException)
        {
            return null;   // an unreadable or unusual dictionary: that language goes without lemmas
        }
    }
}
