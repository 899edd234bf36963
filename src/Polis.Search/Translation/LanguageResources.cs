namespace Polis.Search;

/// <summary>
/// The query side's language resources that load in the background after start: the Hunspell dictionaries that give
/// query words their dictionary forms, and the language identifier trained from them (a few seconds). Until they
/// are loaded a query is still answered, but its language is guessed and its words translated without them, so the
/// same query can find other pages a few seconds later; readiness reports it (<c>/health</c> answers Degraded).
/// </summary>
public static class LanguageResources
{
    /// <summary>Starts loading them (once per process); returns at once.</summary>
    public static void Preload() => Lemmatizer.Preload();

    /// <summary>Whether the background load has finished (also when no dictionary is installed).</summary>
    public static bool Loaded => Lemmatizer.Shared.IsLoaded;

    /// <summary>The languages queries are identified in and could have Hunspell dictionaries for.</summary>
    public static IReadOnlyList<string> Languages => LanguageIdentifier.Languages;

    /// <summary>The languages whose Hunspell dictionaries are loaded so far (Debian's <c>hunspell-*</c> packages).</summary>
    public static IReadOnlyList<string> DictionaryLanguages => [.. LanguageIdentifier.Languages.Where(Lemmatizer.Shared.Has)];

    /// <summary>Waits for the background load; false when it did not finish within <paramref name="timeout"/>.</summary>
    public static bool WaitUntilLoaded(TimeSpan timeout) => Lemmatizer.Shared.WaitUntilLoaded(timeout);
}
