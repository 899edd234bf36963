namespace Polis.Search;

/// <summary>What a dictionary lexicon holds and where it comes from (shown on the search administration page).</summary>
public sealed record LexiconInfo
{
    /// <summary>The version of the file format.</summary>
    public required int FormatVersion { get; init; }

    /// <summary>The languages whose words the lexicon translates (ISO 639-1): en, ru, fr, de, es.</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    /// <summary>The languages used only as stepping stones between two dictionaries (de, pl; en and fr where no direct dictionary exists).</summary>
    public required IReadOnlyList<string> PivotLanguages { get; init; }

    /// <summary>One line per ordered pair of <see cref="Languages"/>: how many translations it holds, direct and through a pivot.</summary>
    public required IReadOnlyList<LexiconPairInfo> Pairs { get; init; }

    /// <summary>The dictionaries read, in the order they were read.</summary>
    public required IReadOnlyList<LexiconSourceInfo> Sources { get; init; }

    /// <summary>The dictionaries that were looked for but not read, and why.</summary>
    public required IReadOnlyList<LexiconSkippedSource> Skipped { get; init; }

    /// <summary>Distinct headwords (stem sequences) over all languages.</summary>
    public required int Headwords { get; init; }

    /// <summary>Stored translations over all headwords and target languages.</summary>
    public required int Translations { get; init; }

    /// <summary>Size of the lexicon file in bytes.</summary>
    public long FileBytes { get; init; }

    /// <summary>SHA-256 of the whole lexicon file, lower-case hexadecimal.</summary>
    public string Sha256 { get; init; } = "";
}

/// <summary>The translations of one ordered language pair.</summary>
/// <param name="SourceLanguage">The language of the headwords.</param>
/// <param name="TargetLanguage">The language of the translations.</param>
/// <param name="Headwords">Headwords with at least one translation into the target language.</param>
/// <param name="DirectTranslations">Translations given by a dictionary between the two languages (read in either direction).</param>
/// <param name="PivotTranslations">Translations found only by chaining two dictionaries through a pivot language.</param>
public sealed record LexiconPairInfo(string SourceLanguage, string TargetLanguage, int Headwords, int DirectTranslations, int PivotTranslations)
{
    /// <summary>Translations from software catalogs that no dictionary between the two languages gives.</summary>
    public int SoftwareTranslations { get; init; }
}

/// <summary>One dictionary the lexicon was built from.</summary>
/// <param name="Name">The dictionary: "freedict-eng-rus", "trans-de-en" …</param>
/// <param name="SourceLanguage">The language of its headwords (ISO 639-1).</param>
/// <param name="TargetLanguage">The language of its translations (ISO 639-1).</param>
/// <param name="Headwords">Entries read (dictd entries, Ding lines), metadata excluded.</param>
/// <param name="Pairs">(headword, translation) pairs kept after cleaning and analysis; each is used in both directions.</param>
/// <param name="Licence">A one-line summary of the dictionary's licence, e.g. "GPL-2.0-or-later".</param>
public sealed record LexiconSourceInfo(string Name, string SourceLanguage, string TargetLanguage, int Headwords, int Pairs, string Licence);

/// <summary>A dictionary that was looked for but not read.</summary>
/// <param name="Name">The dictionary, e.g. "freedict-eng-rus".</param>
/// <param name="Reason">Why it was not read, in words for an administrator.</param>
public sealed record LexiconSkippedSource(string Name, string Reason);
