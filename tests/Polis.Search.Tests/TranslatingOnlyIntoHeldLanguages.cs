namespace Polis.Search.Tests;

// A query is translated only into the languages the index holds editions in, and that set follows what is indexed.
public sealed class TranslatingOnlyIntoHeldLanguages
{
    [Fact]
    public async Task Translations_target_only_the_languages_of_indexed_editions_and_follow_new_ones()
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-thb", "Trafficking in human beings", "Guidance."),
            Index.Doc("ru-thb", "Торговля людьми", "Пособие.", language: "ru"));

        var before = await index.SearchAsync(new SearchQuery("traite des êtres humains") { Access = SearchAccess.Everything }, Index.Ct);
        await index.IndexAsync([Index.Doc("es-thb", "Trata de personas", "Guía.", language: "es")], Index.Ct);
        var after = await index.SearchAsync(new SearchQuery("traite des êtres humains") { Access = SearchAccess.Everything }, Index.Ct);

        Assert.Equal(["en", "ru"], before.Translations.Select(t => t.TargetLanguage).Distinct().Order());
        Assert.Equal(["en", "es", "ru"], after.Translations.Select(t => t.TargetLanguage).Distinct().Order());
        Assert.Contains("es-thb", after.Ids());
        Assert.Equal(["en", "ru"], before.TranslationLanguages);
        Assert.Equal(["en", "es", "ru"], after.TranslationLanguages);
    }

    [Fact]
    public async Task The_results_say_which_languages_translation_may_target_and_nothing_when_it_is_off()
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-thb", "Trafficking in human beings", "Guidance."),
            Index.Doc("de-thb", "Menschenhandel", "Leitfaden.", language: "de"));

        var on = await index.SearchAsync(new SearchQuery("trata de personas") { Access = SearchAccess.Everything }, Index.Ct);
        var off = await index.SearchAsync(new SearchQuery("trata de personas") { Access = SearchAccess.Everything, Translate = false }, Index.Ct);
        await index.DeleteAsync(["de-thb"], Index.Ct);
        var afterRemoval = await index.SearchAsync(new SearchQuery("trata de personas") { Access = SearchAccess.Everything }, Index.Ct);

        Assert.Equal(["de", "en"], on.TranslationLanguages);
        Assert.DoesNotContain(on.Translations, t => t.TargetLanguage is not ("de" or "en"));
        Assert.Empty(off.TranslationLanguages);
        Assert.Equal(["en"], afterRemoval.TranslationLanguages);
        Assert.DoesNotContain(afterRemoval.Translations, t => t.TargetLanguage == "de");
    }

    [Fact]
    public async Task A_restricted_document_stays_invisible_to_a_translated_search()
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-open", "Trafficking in human beings", "Guidance.", keys: ["public"]),
            Index.Doc("en-secret", "Trafficking in human beings: operations", "Restricted.", keys: ["unit-7"]));

        var results = await index.SearchAsync(new SearchQuery("торговля людьми") { Access = SearchAccess.Keys(["public"]) }, Index.Ct);

        Assert.Equal(["en-open"], results.Ids());
        Assert.Equal(1, results.Total);
        Assert.Contains(results.Translations, t => t.TargetLanguage == "en");
    }

    [Fact]
    public async Task A_language_held_only_by_documents_the_viewer_may_not_read_is_neither_named_nor_translated_into()
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-open", "Trafficking in human beings", "Guidance.", keys: ["public"]),
            Index.Doc("de-secret", "Menschenhandel", "Vertraulich.", language: "de", keys: ["unit-7"]));

        var outsider = await index.SearchAsync(new SearchQuery("торговля людьми") { Access = SearchAccess.Keys(["public"]) }, Index.Ct);
        var member = await index.SearchAsync(new SearchQuery("торговля людьми") { Access = SearchAccess.Keys(["public", "unit-7"]) }, Index.Ct);

        Assert.Equal(["en"], outsider.TranslationLanguages);
        Assert.DoesNotContain(outsider.Translations, t => t.TargetLanguage == "de");
        Assert.Equal(["de", "en"], member.TranslationLanguages);
        Assert.Contains("de-secret", member.Ids());
    }

    // The built query is cached per held set (issue 21): a query built for a viewer who may read German documents is
    // never the one an outsider's identical search gets, whichever searched first.
    [Fact]
    public async Task A_query_built_for_a_member_is_not_reused_for_an_outsider()
    {
        using var index = await Index.WithAsync(
            Index.Doc("en-open", "Trafficking in human beings", "Guidance.", keys: ["public"]),
            Index.Doc("de-secret", "Menschenhandel", "Vertraulich.", language: "de", keys: ["unit-7"]));

        var member = await index.SearchAsync(new SearchQuery("торговля людьми") { Access = SearchAccess.Keys(["public", "unit-7"]) }, Index.Ct);
        var outsider = await index.SearchAsync(new SearchQuery("торговля людьми") { Access = SearchAccess.Keys(["public"]) }, Index.Ct);
        var memberAgain = await index.SearchAsync(new SearchQuery("торговля людьми") { Access = SearchAccess.Keys(["unit-7", "public"]) }, Index.Ct);

        Assert.Contains(member.Translations, t => t.TargetLanguage == "de");
        Assert.Equal(["en"], outsider.TranslationLanguages);
        Assert.DoesNotContain(outsider.Translations, t => t.TargetLanguage == "de");
        Assert.Equal(["en-open"], outsider.Ids());
        Assert.Equal(member.Ids(), memberAgain.Ids());
        Assert.Equal(member.Translations.Select(t => t.TargetLanguage), memberAgain.Translations.Select(t => t.TargetLanguage));
    }
}
