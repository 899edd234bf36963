using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Library;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Security;

/// <summary>
/// The pooled read contexts of a search (<see cref="PooledReads"/>, issue 21) are reused from one viewer to the next:
/// the access filter must read for the viewer of each lease, never for the one before, and such a context cannot save.
/// </summary>
public abstract class ReadingThroughPooledContexts(PolisApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pooled_context_reads_for_its_lease_s_viewer_only_even_after_a_viewer_who_saw_more()
    {
        var word = RevealingNothingThroughSearch.Word("pooled");
        var restricted = await app.CreateDocumentAsync(new { title = $"Restricted pooled {word}", type = "Report", access = "Restricted", allowedParties = new[] { "org:SPMU" } });
        var open = await app.CreateDocumentAsync(new { title = $"Open pooled {word}", type = "Report", access = "Public" });
        Guid[] ids = [restricted, open];
        var reads = app.Services.GetRequiredService<PooledReads>();
        PolisDb? previous = null;
        for (var round = 0; round < 3; round++)
        {
            foreach (var (viewer, expected) in new[] { (Viewer.System, ids), (Viewer.Anonymous, new[] { open }) })
            {
                using var read = reads.For(viewer);
                if (previous is not null) Assert.Same(previous, read.Db);   // the pool gave the same context back
                previous = read.Db;
                // No VisibleTo here: the context's own access filter alone must hide what this viewer may not read.
                var seen = await read.Db.Set<Document>().Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(Ct);
                Assert.Equal(expected.Order(), seen.Order());
            }
        }
    }

    [Fact]
    public async Task A_pooled_context_refuses_to_save()
    {
        var id = await app.CreateDocumentAsync(new { title = $"Not saved {RevealingNothingThroughSearch.Word("save")}", type = "Report", access = "Public" });
        using var read = app.Services.GetRequiredService<PooledReads>().For(Viewer.System);
        var document = await read.Db.Set<Document>().AsTracking().SingleAsync(d => d.Id == id, Ct);
        read.Db.Entry(document).State = EntityState.Modified;
        await Assert.ThrowsAsync<InvalidOperationException>(() => read.Db.SaveChangesAsync(Ct));
    }
}

public sealed class ReadingThroughPooledContextsOnSqlite(SqliteApp app) : ReadingThroughPooledContexts(app), IClassFixture<SqliteApp>;
public sealed class ReadingThroughPooledContextsOnPostgres(PostgresApp app) : ReadingThroughPooledContexts(app), IClassFixture<PostgresApp>;
