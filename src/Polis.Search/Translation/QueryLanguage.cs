namespace Polis.Search;

// Guesses the language of a short query without a model: Cyrillic script means Russian; Latin text is scored with
// the interface language as a prior plus hits in each language's stop-word list and its tell-tale letters.
internal static class QueryLanguage
{
    private static readonly string[] Latin = ["en", "fr", "de", "es"];

    // The candidate source languages, most likely first.
    public static IReadOnlyList<string> Candidates(string text, string? uiLanguage, LanguageAnalyzers analyzers)
    {
        int cyrillic = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
            }
            else if (char.IsLetter(c))
            {
                latin++;
            }
        }
        if (cyrillic > 0 && cyrillic >= latin)
        {
            return ["ru"];
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["en"] = 0.25, ["fr"] = 0, ["de"] = 0, ["es"] = 0 };
        var ui = LanguageAnalyzers.NormalizeCode(uiLanguage);
        if (scores.ContainsKey(ui))
        {
            scores[ui] += 1.5;
        }
        foreach (var word in text.ToLowerInvariant().Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var language in Latin)
            {
                if (analyzers.StopWords(language) is { } stop && stop.Contains(word))
                {
                    scores[language] += 1;
                }
            }
        }
        foreach (var c in text)
        {
            switch (c)
            {
                case 'ñ' or 'Ñ' or '¿' or '¡':
                    scores["es"] += 2;
                    break;
                case 'ß' or 'ä' or 'ö' or 'Ä' or 'Ö':
                    scores["de"] += 2;
                    break;
                case 'è' or 'ê' or 'à' or 'ç' or 'œ' or 'â' or 'ù' or 'î' or 'ô' or 'ë' or 'È' or 'Ê' or 'À' or 'Ç':
                    scores["fr"] += 2;
                    break;
                case 'é' or 'É':
                    scores["fr"] += 1;
                    scores["es"] += 1;
                    break;
                case 'á' or 'í' or 'ó' or 'ú' or 'Á' or 'Í' or 'Ó' or 'Ú':
                    scores["es"] += 1;
                    break;
                case 'ü' or 'Ü':
                    scores["de"] += 1;
                    break;
            }
        }
        return [.. Latin.OrderByDescending(l => scores[l])];
    }

    private static readonly char[] WordSeparators = [' ', '\t', '\r', '\n', '"', '\'', '’', ',', ';', ':', '.', '!', '?', '(', ')', '-', '«', '»', '“', '”', '„', '*'];
}
