using System.Globalization;
using System.Text;

namespace Polis.Search.Tests;

// Snippet probes for French and Spanish text: the first place a word's opening letters occur, ignoring case and
// accents, as the languages' stemmers do. The answer must never be later than the culture-aware search's (a later
// start would miss the first highlight).
public sealed class FindingWordsWithoutAccents
{
    [Theory]
    [InlineData("La Sécurité des États", "securi", 3)]
    [InlineData("LA SÉCURITÉ", "securi", 3)]
    [InlineData("la policía nacional", "polici", 3)]
    [InlineData("el niño y la niña", "nin", 3)]
    [InlineData("une réunion à Genève", "geneve", 14)]
    [InlineData("rien ici", "securi", -1)]
    [InlineData("sécu sécurité", "securi", 5)]
    [InlineData("", "securi", -1)]
    public void The_first_occurrence_is_found_whatever_the_case_and_accents(string text, string probe, int expected)
    {
        Assert.Equal(expected, AccentFold.IndexOf(text, AccentFold.Fold(probe)));
    }

    // German stems are normalised before stemming: "Ärzte" and "Aerzte" are "arzt", "Grüße" and "Gruesse" "gruss".
    [Theory]
    [InlineData("Die Aerzte und die Polizei", "arz", 4)]
    [InlineData("Die Ärzte und die Polizei", "arz", 4)]
    [InlineData("viele Grüße", "grus", 6)]
    [InlineData("viele Gruesse", "grus", 6)]
    [InlineData("GRÜSSE", "grus", 0)]
    [InlineData("die Straße", "stra", 4)]
    [InlineData("der Fuß", "fus", 4)]
    [InlineData("die Polizei", "arz", -1)]
    [InlineData("Abwasser", "ass", 3)]
    public void German_probes_are_found_in_every_spelling_the_analyzer_folds(string text, string probe, int expected)
    {
        Assert.Equal(expected, AccentFold.IndexOfGerman(text, probe));
    }

    [Fact]
    public void Decomposed_accents_in_the_text_are_skipped()
    {
        var decomposed = "la se\u0301curite\u0301 des E\u0301tats";

        Assert.Equal(3, AccentFold.IndexOf(decomposed, "securi"));
        Assert.Equal(18, AccentFold.IndexOf(decomposed, "etat"));
    }

    // Ligatures are left out: the culture-aware search equates "œ" with "oe", but neither the French stemmer nor the
    // index does, so a text with "oe" never matches a stem with "œ" and needs no probe hit.
    [Fact]
    public void It_never_starts_later_than_the_culture_aware_search_on_random_text()
    {
        var random = new Random(7);
        const string alphabet = "aeiouéèêëàâäôöûüùîïçñAEIOUÉÈÀÇÑ bcdfglmnprst";
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        for (var round = 0; round < 2000; round++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(0, 60); i > 0; i--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }
            var probe = new StringBuilder();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                probe.Append(alphabet[random.Next(alphabet.Length - 14)]);
            }
            var s = text.ToString();
            var culture = compare.IndexOf(s, probe.ToString(), CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);
            var folded = AccentFold.IndexOf(s, AccentFold.Fold(probe.ToString()));
            if (culture >= 0)
            {
                Assert.True(folded >= 0 && folded <= culture, $"'{probe}' in '{s}': culture {culture}, folded {folded}");
            }
        }
    }
}
