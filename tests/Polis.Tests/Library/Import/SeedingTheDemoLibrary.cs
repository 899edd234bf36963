using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Library;
using Polis.Library.Import;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Import;

/// <summary>
/// In demo mode (the demo fixtures here; the other test apps start without demo data) the demo library in demo/library is imported on start through the
/// same import as `polis import`: real documents, searchable, citing each other, behind the access rule.
/// </summary>
public abstract class SeedingTheDemoLibrary(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Guidebook = "Guidebook on Democratic Policing";
    private const string RestrictedReview = "Internal Review: Counter-Narcotics Training Courses for Afghan Officers, 2007–2013";
    private const string MembersReport = "Regional Workshops on International Co-operation in Criminal Matters in Central Asia, 2008–2012: Final Report";

    [Fact]
    public async Task Every_demo_file_is_stored_with_its_text()
    {
        var system = await app.QueryAsync(db => db.Set<Document>().Where(d => d.CreatedBy == Guid.Empty)
            .Include(d => d.Editions).ThenInclude(e => e.Files).AsSplitQuery().ToListAsync(Ct));
        Assert.Equal(25, system.Count);
        Assert.Equal(27, system.SelectMany(d => d.Editions).SelectMany(e => e.Files).Count());
        Assert.All(system.SelectMany(d => d.Editions), e => Assert.True(e.TextStatus == TextStatus.Extracted, e.Title));
        Assert.Contains(system, d => d.Symbol == "MC(9).DEC/9");
        Assert.Contains(system, d => d.Symbol == "SUM.DOC/1/10/Corr.1");
        var languages = system.SelectMany(d => d.Editions).Select(e => e.Language).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["en", "ru", "fr", "de"], StringComparer.Ordinal), languages);
        Assert.Contains(system.SelectMany(d => d.Editions).SelectMany(e => e.Files), f => f.MediaType == "application/pdf");
        Assert.Contains(system.SelectMany(d => d.Editions).SelectMany(e => e.Files), f => f.FileName.EndsWith(".docx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Democratic_policing_finds_the_guidebook_for_anonymous_readers()
    {
        var results = await app.SearchAsync(app.Anonymous(), "q=democratic+policing");

        Assert.Contains(results.Hits, h => h.Title == Guidebook);
    }

    [Fact]
    public async Task The_russian_query_finds_the_russian_edition()
    {
        var guidebook = await app.QueryAsync(db => db.Set<Document>().SingleAsync(d => d.Title == Guidebook, Ct));

        var results = await app.SearchAsync(app.Anonymous(), "q=" + Uri.EscapeDataString("демократическая полиция") + "&translate=false");

        var hit = Assert.Single(results.Hits, h => h.Id == guidebook.Id.ToString());
        Assert.Equal("ru", hit.Language);
    }

    [Fact]
    public async Task Restricted_and_members_only_demo_reports_stay_out_of_anonymous_search()
    {
        var anonymous = await app.SearchAsync(app.Anonymous(), "q=training&pageSize=50");
        Assert.DoesNotContain(anonymous.Hits, h => h.Title == RestrictedReview);
        Assert.DoesNotContain(anonymous.Hits, h => h.Title == MembersReport);
        Assert.DoesNotContain(anonymous.Hits, h => (h.Title + string.Concat(h.Snippet.Select(s => s.Text))).Contains("Afghan counter-narcotics police", StringComparison.Ordinal));

        var member = await app.SignedInAsync(Role.Member);
        var members = await app.SearchAsync(member, "q=mutual+legal+assistance");
        Assert.Contains(members.Hits, h => h.Title == MembersReport);
        Assert.DoesNotContain((await app.SearchAsync(member, "q=counter-narcotics")).Hits, h => h.Title == RestrictedReview);

        var spmu = await app.SignedInAsync(Role.Editor, organisations: ["SPMU"]);
        Assert.Contains((await app.SearchAsync(spmu, "q=counter-narcotics")).Hits, h => h.Title == RestrictedReview);
    }

    [Fact]
    public async Task Demo_documents_cite_each_other_and_some_symbols_have_no_record()
    {
        var framework = await app.QueryAsync(db => db.Set<Document>().SingleAsync(d => d.Symbol == "PC.DEC/1049", Ct));

        var view = await app.Anonymous().GetFromJsonAsync<DocumentView>($"/api/v1/library/documents/{framework.Id}", PolisApp.Json, Ct);

        Assert.Contains(view!.Cites, c => c.Symbol == "MC.DEC/9/11" && c.DocumentId is not null);
        Assert.Contains(view.Cites, c => c.Symbol == "MC(9).DEC/9" && c.DocumentId is not null);
        Assert.Contains(view.CitedBy, c => c.Title == "Police Reform within the Framework of Criminal Justice System Reform");
        Assert.Contains(view.CitedBy, c => c.Title == "Resource Police Training Guide: Trafficking in Human Beings");
        var unresolved = await app.WithServiceAsync<DocumentQueries, IReadOnlyList<(string Symbol, int Count)>>(q => q.UnresolvedAsync(Viewer.System, Ct));
        Assert.Contains(unresolved, u => u.Symbol == "MC.DEC/3/05");
        Assert.Contains(unresolved, u => u.Symbol == "PC.DEC/557/Rev.1");
    }

    [Fact]
    public async Task Seeding_again_imports_nothing()
    {
        var before = await app.QueryAsync(db => db.Set<Document>().CountAsync(Ct));

        var report = await app.WithServiceAsync<DemoLibrary, ImportReport?>(d => d.SeedAsync(DemoLibrary.DefaultPath, Ct));

        Assert.NotNull(report);
        Assert.Equal((0, 27, 0, 0), (report.Imported, report.AlreadyPresent, report.Failed, report.DocumentsCreated));
        Assert.Equal(before, await app.QueryAsync(db => db.Set<Document>().CountAsync(Ct)));
    }
}

public sealed class SeedingTheDemoLibraryOnSqlite(SqliteDemoApp app) : SeedingTheDemoLibrary(app), IClassFixture<SqliteDemoApp>;
public sealed class SeedingTheDemoLibraryOnPostgres(PostgresDemoApp app) : SeedingTheDemoLibrary(app), IClassFixture<PostgresDemoApp>;
