using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Polis.Platform;
using Polis.Reference;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

/// <summary>Reference names are rows keyed by language, and the interface languages come from Polis:Languages.</summary>
public abstract class AddingALanguageAsData(PolisApp app)
{
    private const string WithFrench = "en,ru,fr";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Russian_readers_still_see_russian_state_names_and_english_readers_english_ones()
    {
        var russian = await app.Anonymous("ru-RU,ru;q=0.9").GetFromJsonAsync<JsonArray>("/api/v1/reference/states", Ct);
        Assert.Contains(russian!, s => (string?)s!["code"] == "RS" && (string?)s["name"] == "Сербия");
        var english = await app.Anonymous("en").GetFromJsonAsync<JsonArray>("/api/v1/reference/states", Ct);
        Assert.Contains(english!, s => (string?)s!["code"] == "RS" && (string?)s["name"] == "Serbia");
        Assert.Equal(57, english!.Count);
    }

    [Fact]
    public async Task A_french_name_added_as_a_row_shows_on_the_french_page_without_a_migration()
    {
        await AddFrenchNameAsync(ThematicPriority.NameKind, "TraffickingInHumanBeings", "Traite des êtres humains");
        var html = await app.AnonymousWithLanguages(WithFrench, "fr-FR,fr;q=0.9").GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains(">Traite des êtres humains</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Trafficking in human beings</a>", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_record_without_a_french_name_is_shown_to_french_readers_in_english()
    {
        var html = await app.AnonymousWithLanguages(WithFrench, "fr").GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Institution- and capacity-building", html, StringComparison.Ordinal);
        var states = await app.AnonymousWithLanguages(WithFrench, "fr").GetFromJsonAsync<JsonArray>("/api/v1/reference/states?partners=true", Ct);
        Assert.Equal(68, states!.Count);
        Assert.Contains(states, s => (string?)s!["code"] == "JP" && (string?)s["name"] == "Japan");
    }

    [Fact]
    public async Task French_is_offered_only_when_the_setting_lists_it()
    {
        await AddFrenchNameAsync(LineOfAction.NameKind, "Training", "Formation de la police selon les normes internationales");
        var without = await app.Anonymous("fr").GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"en\">", without, StringComparison.Ordinal);
        Assert.DoesNotContain("Formation de la police", without, StringComparison.Ordinal);
        Assert.DoesNotContain("/language/fr", without, StringComparison.Ordinal);

        var with = await app.AnonymousWithLanguages(WithFrench).GetStringAsync("/", Ct);
        Assert.Contains("href=\"/language/fr?returnUrl=%2F\" lang=\"fr\" hreflang=\"fr\">Français</a>", with, StringComparison.Ordinal);
        Assert.Contains(">Русский</a>", with, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_refuses_a_language_that_is_not_configured()
    {
        var refused = await app.Anonymous().GetAsync("/language/fr?returnUrl=%2F", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The language 'fr' is not available", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_language_switch_remembers_a_configured_language()
    {
        var client = app.AnonymousWithLanguages(WithFrench, "en");
        var switched = await client.GetAsync("/language/fr?returnUrl=%2F", Ct);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var html = await client.GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\" hreflang=\"fr\" aria-current=\"true\">Français</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_adds_a_missing_name_and_leaves_the_others_alone()
    {
        var before = await app.QueryAsync(db => db.Set<ReferenceName>().CountAsync());
        await app.QueryAsync(db => db.Set<ReferenceName>()
            .Where(n => n.Kind == State.NameKind && n.Code == "MD" && n.Language == "ru").ExecuteDeleteAsync());
        var report = await app.WithServiceAsync<PolisSetup, SeedReport>(s => s.SeedAsync(demo: false, Ct));
        Assert.Equal(["1 reference records"], report.Added);
        Assert.Equal(before, await app.QueryAsync(db => db.Set<ReferenceName>().CountAsync()));
        var moldova = await app.Anonymous("ru").GetFromJsonAsync<JsonArray>("/api/v1/reference/states", Ct);
        Assert.Contains(moldova!, s => (string?)s!["code"] == "MD" && (string?)s["name"] == "Молдова");
    }

    private Task<int> AddFrenchNameAsync(string kind, string code, string name) => app.QueryAsync(async db =>
    {
        if (await db.Set<ReferenceName>().AnyAsync(n => n.Kind == kind && n.Code == code && n.Language == "fr")) return 0;
        db.Set<ReferenceName>().Add(new ReferenceName { Kind = kind, Code = code, Language = "fr", Name = name });
        return await db.SaveChangesAsync();
    });
}

public sealed class AddingALanguageAsDataOnSqlite(SqliteApp app) : AddingALanguageAsData(app), IClassFixture<SqliteApp>;
public sealed class AddingALanguageAsDataOnPostgres(PostgresApp app) : AddingALanguageAsData(app), IClassFixture<PostgresApp>;
