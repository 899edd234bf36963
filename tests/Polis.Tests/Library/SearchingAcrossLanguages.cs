using Polis.Tests.Fixtures;

namespace Polis.Tests.Library;

public abstract class SearchingAcrossLanguages(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_russian_query_finds_an_english_only_guide_and_says_what_it_translated()
    {
        var id = await app.CreateDocumentWithTextAsync(new { title = "Identification of presumed victims", type = "Guidebook", access = "Public" }, "en",
            "Trafficking in human beings: a community policing approach to the identification of presumed victims. " + Guid.NewGuid());

        var translated = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("торговля людьми"));
        Assert.Contains(translated.Hits, h => h.Id == id.ToString());
        Assert.Contains(translated.Translations, t => t.SourceLanguage == "ru" && t.TargetLanguage == "en"
            && t.Targets.Contains("trafficking in human beings"));
        Assert.Contains("en", translated.TranslatedInto!);

        var literal = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("торговля людьми") + "&translate=false");
        Assert.DoesNotContain(literal.Hits, h => h.Id == id.ToString());
        Assert.Empty(literal.Translations);
        Assert.Empty(literal.TranslatedInto ?? []);

        var page = await app.Anonymous().GetStringAsync("/library/search?q=" + Uri.EscapeDataString("торговля людьми"), Ct);
        Assert.Contains("trafficking in human beings", page, StringComparison.Ordinal);
        Assert.Contains("Also searched in English:", page, StringComparison.Ordinal);
        Assert.Contains("Translated only into the languages the library holds documents in: ", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_query_finds_a_russian_only_lessons_learned_note()
    {
        var id = await app.CreateDocumentWithTextAsync(new { title = "Извлеченные уроки: пограничное сотрудничество", type = "LessonsLearned", access = "Public" }, "ru",
            "Извлеченные уроки по вопросам управления границами и трансграничного сотрудничества полиции. " + Guid.NewGuid());
        var results = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("gestion des frontières"));
        Assert.Contains(results.Hits, h => h.Id == id.ToString());
    }

    [Fact]
    public async Task Translated_search_still_hides_restricted_documents()
    {
        var id = await app.CreateDocumentWithTextAsync(new { title = "Restricted trafficking assessment", type = "Report", access = "Restricted", allowedParties = new[] { "org:SPMU" } }, "en",
            "Trafficking in human beings assessment for the unit only. " + Guid.NewGuid());
        var anonymous = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("торговля людьми"));
        Assert.DoesNotContain(anonymous.Hits, h => h.Id == id.ToString());
        var insider = await app.SearchAsync(await app.SignedInAsync(Polis.Accounts.Contracts.Role.Editor, ["SPMU"]), "q=" + Uri.EscapeDataString("торговля людьми"));
        Assert.Contains(insider.Hits, h => h.Id == id.ToString());
    }
}

public sealed class SearchingAcrossLanguagesOnSqlite(SqliteApp app) : SearchingAcrossLanguages(app), IClassFixture<SqliteApp>;
public sealed class SearchingAcrossLanguagesOnPostgres(PostgresApp app) : SearchingAcrossLanguages(app), IClassFixture<PostgresApp>;
