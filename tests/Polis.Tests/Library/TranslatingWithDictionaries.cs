using System.Net;
using Polis.Accounts.Contracts;
using Polis.Search;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

/// <summary>
/// Query translation beyond the glossary, with the lexicon built from the installed FreeDict and Ding dictionaries:
/// ordinary words a glossary of policing terms does not hold.
/// </summary>
public sealed class TranslatingWithDictionaries(SqliteAppWithLexicon app) : IClassFixture<SqliteAppWithLexicon>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    [Fact]
    public async Task A_russian_ordinary_word_finds_an_english_only_document_and_the_page_says_it_used_a_dictionary()
    {
        var marker = Guid.NewGuid().ToString("N");
        var id = await app.CreateDocumentWithTextAsync(new { title = "Mounted patrols: caring for the horse", type = "Guidebook", access = "Public" }, "en",
            "Stable routines, feeding and veterinary care of each horse in a mounted police unit. " + marker);

        var translated = await app.SearchAsync(app.Anonymous(), Q("лошадь"));
        Assert.Contains(translated.Hits, h => h.Id == id.ToString());
        var horse = Assert.Single(translated.Translations, t => t.TargetLanguage == "en" && t.Resource == TranslationSource.Dictionary);
        Assert.Equal(("лошадь", "ru"), (horse.Source, horse.SourceLanguage));
        Assert.DoesNotContain(translated.Translations, t => t.TargetLanguage == "en" && t.Resource == TranslationSource.Pivot && t.Targets.Contains("horse"));
        Assert.Contains("horse", horse.Targets);

        var literal = await app.SearchAsync(app.Anonymous(), Q("лошадь") + "&translate=false");
        Assert.DoesNotContain(literal.Hits, h => h.Id == id.ToString());

        var page = await app.Anonymous().GetStringAsync("/library/search?" + Q("лошадь"), Ct);
        Assert.Contains("Also searched in English:", page, StringComparison.Ordinal);
        Assert.Contains("(dictionary)", page, StringComparison.Ordinal);
        Assert.Contains("translate=off", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_ordinary_word_finds_a_russian_only_note()
    {
        var id = await app.CreateDocumentWithTextAsync(new { title = "Конная полиция: содержание лошадей", type = "LessonsLearned", access = "Public" }, "ru",
            "Опыт содержания лошадей в подразделениях конной полиции. " + Guid.NewGuid());

        var results = await app.SearchAsync(app.Anonymous(), Q("cheval"));

        Assert.Contains(results.Hits, h => h.Id == id.ToString());
        Assert.Contains(results.Translations, t => t.SourceLanguage == "fr" && t.TargetLanguage == "ru" && t.Resource != TranslationSource.Glossary);
    }

    [Fact]
    public async Task The_glossary_still_wins_for_policing_terms()
    {
        // Queries are translated only into languages the library holds: it holds English (whatever ran before).
        await app.CreateDocumentWithTextAsync(new { title = "Combating trafficking in human beings", type = "Report", access = "Public" }, "en",
            "Trafficking in human beings " + Guid.NewGuid().ToString("N"));
        var results = await app.SearchAsync(app.Anonymous(), Q("торговля людьми"));

        var english = Assert.Single(results.Translations, t => t.TargetLanguage == "en");
        Assert.Equal(TranslationSource.Glossary, english.Resource);
        Assert.Contains("trafficking in human beings", english.Targets);
    }

    [Fact]
    public async Task Dictionary_translation_never_shows_a_restricted_document_to_someone_not_allowed()
    {
        var id = await app.CreateDocumentWithTextAsync(new { title = "Horse procurement plan", type = "Report", access = "Restricted", allowedParties = new[] { "org:SPMU" } }, "en",
            "Which horse to buy for the mounted unit. " + Guid.NewGuid());

        var anonymous = await app.SearchAsync(app.Anonymous(), Q("лошадь"));
        Assert.DoesNotContain(anonymous.Hits, h => h.Id == id.ToString());
        Assert.DoesNotContain("procurement", string.Join(' ', anonymous.Hits.Select(h => h.Title)), StringComparison.OrdinalIgnoreCase);
        var insider = await app.SearchAsync(await app.SignedInAsync(Role.Editor, ["SPMU"]), Q("лошадь"));
        Assert.Contains(insider.Hits, h => h.Id == id.ToString());
    }

    [Fact]
    public async Task A_thousand_word_query_is_answered_with_its_translation_capped()
    {
        var words = string.Join(' ', Enumerable.Range(0, 1000).Select(i => i % 3 == 0 ? "лошадь" : i % 3 == 1 ? "собака" : "дорога"));
        // Queries are translated only into languages the library holds: it holds English.
        await app.CreateDocumentWithTextAsync(new { title = "Mounted police units", type = "Report", access = "Public" }, "en", "Horses, dogs and roads.");

        var response = await app.Anonymous().GetAsync("/api/v1/library/search?" + Q(words), Ct);
        var page = await app.Anonymous().GetAsync("/library/search?" + Q(words), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var results = await app.SearchAsync(app.Anonymous(), Q(words));
        Assert.NotEmpty(results.Translations);
        Assert.True(results.Translations.Select(t => t.Source).Distinct().Count() <= Polis.Search.LuceneQueryBuilder.MaxTranslatedStems);
        Assert.All(results.Translations, t => Assert.True(t.Targets.Count <= Polis.Search.LuceneQueryBuilder.MaxDictionaryTargetsPerLanguage));
    }

    [Fact]
    public async Task A_query_mixing_scripts_and_a_language_the_lexicon_lacks_get_answers_not_errors()
    {
        var id = await app.CreateDocumentWithTextAsync(new { title = "OSCE mounted police horse guide", type = "Guidebook", access = "Public" }, "en",
            "A horse guide. " + Guid.NewGuid());

        var mixed = await app.SearchAsync(app.Anonymous(), Q("OSCE лошадь"));
        Assert.Contains(mixed.Hits, h => h.Id == id.ToString());
        var armenian = await app.Anonymous().GetAsync("/library/search?" + Q("ձի ոստիկանություն"), Ct);
        Assert.Equal(HttpStatusCode.OK, armenian.StatusCode);
        var italian = await app.SearchAsync(app.Anonymous(), Q("il cavallo della polizia"));
        Assert.Null(italian.Error);
    }

    [Fact]
    public async Task The_administrator_sees_the_lexicon_in_use_and_its_dictionaries_others_do_not()
    {
        var admin = await app.SignedInAsync(Role.Administrator);
        var page = await admin.GetStringAsync("/admin/search", Ct);
        Assert.Contains("In use:", page, StringComparison.Ordinal);
        Assert.Contains("freedict-eng-rus", page, StringComparison.Ordinal);
        Assert.Contains("trans-de-en", page, StringComparison.Ordinal);
        Assert.Contains("GPL-2.0-or-later", page, StringComparison.Ordinal);
        Assert.Contains("ru → en", page, StringComparison.Ordinal);
        // The fixture starts once the Hunspell dictionaries have loaded; tests/run.sh installs all five.
        Assert.Contains("Loaded for 5 of 5 languages: en, ru, fr, de, es.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("forms-missing", page, StringComparison.Ordinal);

        var editor = await (await app.SignedInAsync(Role.Editor, ["SPMU"])).GetAsync("/admin/search", Ct);
        Assert.Equal(HttpStatusCode.Redirect, editor.StatusCode);
        Assert.StartsWith("/account/denied", editor.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var anonymous = await app.Anonymous().GetAsync("/admin/search", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}

/// <summary>Without a lexicon (none built, or a corrupt file) search still works and translates with the glossary.</summary>
public sealed class SearchingWithoutAUsableLexicon(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_admin_page_says_there_is_none_and_how_to_build_it_and_the_glossary_still_translates()
    {
        var page = await (await app.SignedInAsync(Role.Administrator)).GetStringAsync("/admin/search", Ct);
        Assert.Contains("No usable lexicon", page, StringComparison.Ordinal);
        Assert.Contains("polis lexicon build", page, StringComparison.Ordinal);

        // Queries are translated only into languages the library holds: it holds English.
        await app.CreateDocumentWithTextAsync(new { title = "Combating trafficking", type = "Report", access = "Public" }, "en", "Trafficking in human beings " + Guid.NewGuid().ToString("N"));
        var results = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("торговля людьми"));
        Assert.Contains(results.Translations, t => t.Resource == TranslationSource.Glossary && t.TargetLanguage == "en");
        Assert.DoesNotContain(results.Translations, t => t.Resource != TranslationSource.Glossary);
    }

    [Fact]
    public async Task A_corrupt_lexicon_is_refused_with_its_reason_and_search_goes_on()
    {
        var path = Path.Combine(app.DataPath, "lexicon", Lexicon.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var source = new LexiconSource(path);
        await File.WriteAllBytesAsync(path, [.. System.Text.Encoding.ASCII.GetBytes("PLXN"), .. new byte[64]], Ct);
        try
        {
            var status = source.Preload();
            Assert.Equal(LexiconState.Unusable, status.State);
            Assert.Contains(path, status.Problem, StringComparison.Ordinal);

            // The app's own source sees the same file after its recheck interval; the page then shows the reason.
            app.Clock.Advance(LexiconSource.RecheckInterval + TimeSpan.FromSeconds(1));
            var page = await (await app.SignedInAsync(Role.Administrator)).GetStringAsync("/admin/search", Ct);
            Assert.Contains("No usable lexicon", page, StringComparison.Ordinal);
            Assert.Contains("polis lexicon build", page, StringComparison.Ordinal);
            await app.CreateDocumentWithTextAsync(new { title = "Trafficking and horses", type = "Report", access = "Public" }, "en", "Trafficking in human beings and horses " + Guid.NewGuid().ToString("N"));
            var results = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("лошадь торговля людьми"));
            Assert.Null(results.Error);
            Assert.Contains(results.Translations, t => t.Resource == TranslationSource.Glossary);
        }
        finally
        {
            File.Delete(path);
            app.Clock.Advance(LexiconSource.RecheckInterval + TimeSpan.FromSeconds(1));
        }
    }
}
