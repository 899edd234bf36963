namespace Polis.Search;

// Finds terms of an analysed query in some bilingual resource and returns their equivalents in other languages.
// The glossary is the first implementation; general bilingual dictionaries will be the second.
internal interface ITermTranslator
{
    // stems: the query analysed with the source language's analyzer (stop words removed).
    // Matches cover consecutive stems; a longer match wins over the shorter ones inside it.
    IReadOnlyList<TermMatch> Translate(string sourceLanguage, IReadOnlyList<string> stems);
}

// The stems [FirstStem, FirstStem + StemCount) translate to Targets, written as in the resource (unanalysed).
internal sealed record TermMatch(int FirstStem, int StemCount, string TargetLanguage, IReadOnlyList<string> Targets);
