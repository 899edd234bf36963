using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Library;
using Polis.Library.Import;
using Polis.Search;
using Polis.Searching;
using Polis.Searching.Contracts;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Import;

/// <summary>
/// Issue 21: an import saves its rows in batches (one transaction each) and leaves the index to one catch-up and one
/// compaction at its end, on both providers. A row the database refuses in the middle of a batch fails alone, by
/// name, and leaves nothing behind; the other rows of its batch land, each document with its audit entry.
/// </summary>
public abstract class ImportingInBatches(PolisApp app) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "polis-batch-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string tag = Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Write(string name, string text)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), text, Encoding.UTF8);
        return name;
    }

    private async Task<(ImportReport Report, List<ImportProgress> Rows)> ImportAsync()
    {
        var rows = new List<ImportProgress>();
        var plan = ImportPlan.Read(folder);
        var report = await app.WithServiceAsync<ImportDocuments, ImportReport>(i => i.RunAsync(plan, dryRun: false, rows.Add, Ct));
        return (report, rows);
    }

    private Task<List<Guid>> DocumentsAsync() =>
        app.QueryAsync(db => db.AllRecords<Document>("test").Where(d => d.Title.StartsWith("Batch " + tag)).Select(d => d.Id).ToListAsync(Ct));

    [Fact]
    public async Task A_damaged_file_in_the_middle_of_a_batch_fails_alone_and_the_others_land_each_with_its_audit_entry()
    {
        // Batches hold 1, 2, 4, 8, then 16 rows: rows 16 to 31 are saved together. Rows 20 and 25 are two documents
        // with the same symbol (each valid alone: the database's unique index refuses the pair); row 22 is a damaged PDF.
        const int total = 30;
        var symbol = string.Create(CultureInfo.InvariantCulture, $"MC.DEC/{RandomNumberGenerator.GetInt32(100, 999)}/{RandomNumberGenerator.GetInt32(10, 99)}");
        var rows = new List<object>();
        for (var i = 1; i <= total; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"note-{i:00}.txt");
            var title = string.Create(CultureInfo.InvariantCulture, $"Batch {tag} note {i}");
            if (i == 22)
            {
                File.Copy(PolisApp.FilePath("truncated.pdf"), Path.Combine(folder, "damaged.pdf"));
                rows.Add(new { file = "damaged.pdf", language = "en", title, type = "Report" });
                continue;
            }
            Write(name, $"{title}: community policing in practice, field report {tag}-{i}.");
            rows.Add(i is 20 or 25
                ? new { file = name, document = $"{tag}-{i}", language = "en", title, type = "Decision", symbol }
                : (object)new { file = name, language = "en", title, type = "Report" });
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "metadata.json"), JsonSerializer.Serialize(rows, Json), Ct);

        var (report, progress) = await ImportAsync();

        Assert.True((total - 1, 1) == (report.Imported, report.Failed),
            string.Join("\n", progress.Where(p => p.Outcome == ImportOutcome.Failed).Select(p => $"{p.File}: {p.Reason}")));
        Assert.Equal(Enumerable.Range(1, total), progress.Select(p => p.Position));   // every row, in order
        var failed = Assert.Single(progress, p => p.Outcome == ImportOutcome.Failed);
        Assert.Equal("damaged.pdf", failed.File);
        Assert.Contains("damaged", failed.Reason, StringComparison.Ordinal);

        // The others landed, each document with its audit entry and its files; the pair with one symbol is one document
        // (the refused batch was saved again row by row: the second row then found the first's document by its symbol).
        var documents = await DocumentsAsync();
        Assert.Equal(total - 2, documents.Count);
        var keys = documents.Select(d => d.ToString()).ToList();
        Assert.Equal(total - 2, await app.QueryAsync(db => db.Set<AuditEntry>()
            .CountAsync(a => a.Entity == nameof(Document) && a.Action == "Added" && keys.Contains(a.RecordId), Ct)));
        Assert.Equal(total - 1, await app.QueryAsync(db => db.AllRecords<Document>("test").Where(d => documents.Contains(d.Id))
            .SelectMany(d => d.Editions).SelectMany(e => e.Files).CountAsync(Ct)));
        var pair = await app.QueryAsync(db => db.Set<ImportedDocument>().Where(j => j.Key == $"{tag}-20" || j.Key == $"{tag}-25")
            .Select(j => j.DocumentId).ToListAsync(Ct));
        Assert.Equal(2, pair.Count);
        Assert.Single(pair.Distinct());
        // The damaged file left nothing: no document, no file row, no blob.
        var damaged = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder, "damaged.pdf"), Ct)));
        Assert.False(await app.QueryAsync(db => db.Set<StoredFile>().AnyAsync(f => f.Sha256 == damaged, Ct)));
        Assert.False(await app.WithServiceAsync<BlobStore, bool>(b => Task.FromResult(b.Exists(damaged))), "the damaged row's blob stayed");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.Services.GetRequiredService<Polis.Data.PolisStorage>().BlobPath, "tmp")));
    }

    [Fact]
    public async Task An_import_compacts_the_index_once_at_its_end_and_an_import_that_adds_nothing_does_not()
    {
        var rows = new List<object>();
        for (var i = 1; i <= 12; i++)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"Batch {tag} report {i}");
            rows.Add(new { file = Write($"report-{i}.md", $"# {title}\n\nBorder management training {tag} {i}."), language = "en", title, type = "Report" });
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "metadata.json"), JsonSerializer.Serialize(rows, Json), Ct);
        var indexer = app.Services.GetRequiredService<SearchIndexer>();
        var before = indexer.Compactions;

        var (first, _) = await ImportAsync();

        Assert.Equal(12, first.Imported);
        Assert.Equal(before + 1, indexer.Compactions);
        // Everything is searchable once the import returns: the outbox holds none of its documents.
        var documents = (await DocumentsAsync()).Select(d => d.ToString()).ToList();
        Assert.Equal(12, documents.Count);
        Assert.Equal(0, await app.QueryAsync(db => db.Set<SearchOutboxEntry>().CountAsync(e => documents.Contains(e.RecordId), Ct)));

        var (second, _) = await ImportAsync();

        Assert.Equal((0, 12), (second.Imported, second.AlreadyPresent));
        Assert.Equal(before + 1, indexer.Compactions);
    }

    [Fact]
    public async Task Every_document_of_a_multi_batch_import_is_in_the_index_when_it_returns_after_one_compaction()
    {
        // 40 rows are saved in six batches (1, 2, 4, 8, 16, 9): each is indexed from the records the import holds while
        // the next is staged (issue 21), and the catch-up at the end finds nothing left but the one compaction.
        const int total = 40;
        var word = "batchword" + string.Concat(tag.Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        var rows = new List<object>();
        for (var i = 1; i <= total; i++)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"Batch {tag} indexed {i}");
            rows.Add(new { file = Write($"indexed-{i}.txt", $"{title}: {word} border community policing, part {i}."), document = $"{tag}-indexed-{i}", language = "en", title, type = "Report" });
        }
        // The second edition (Russian) of the first document arrives in the last batch: its search form holds both.
        rows.Add(new { file = Write("indexed-1-ru.txt", $"Пограничная охрана {word}ru."), document = $"{tag}-indexed-1", language = "ru", title = "Охрана", type = "Report" });
        await File.WriteAllTextAsync(Path.Combine(folder, "metadata.json"), JsonSerializer.Serialize(rows, Json), Ct);
        var indexer = app.Services.GetRequiredService<SearchIndexer>();
        var before = indexer.Compactions;

        var (report, progress) = await ImportAsync();

        Assert.True((total + 1, total) == (report.Imported, report.DocumentsCreated),
            string.Join("\n", progress.Select(p => $"{p.File}: {p.Outcome} {p.Reason}")));
        Assert.Equal(before + 1, indexer.Compactions);
        var documents = (await DocumentsAsync()).Select(d => d.ToString()).ToList();
        Assert.Equal(total, documents.Count);
        Assert.Equal(0, await app.QueryAsync(db => db.Set<SearchOutboxEntry>().CountAsync(e => documents.Contains(e.RecordId), Ct)));
        var found = await app.WithServiceAsync<ISearchService, SearchResults>(s =>
            s.SearchAsync(new ModuleSearch(LibrarySearchSource.ModuleName, word) { PageSize = 100 }, Viewer.System, Ct));
        Assert.Equal(total, found.Total);
        Assert.Equal(documents.Order(StringComparer.Ordinal), found.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
        var first = await app.QueryAsync(db => db.Set<ImportedDocument>().Where(j => j.Key == $"{tag}-indexed-1").Select(j => j.DocumentId).SingleAsync(Ct));
        var russian = await app.WithServiceAsync<ISearchService, SearchResults>(s =>
            s.SearchAsync(new ModuleSearch(LibrarySearchSource.ModuleName, word + "ru"), Viewer.System, Ct));
        Assert.Equal([first.ToString()], russian.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_new_edition_of_an_imported_document_in_a_later_batch_bumps_its_version_and_is_audited_cited_and_indexed()
    {
        // The batch's context stages its rows without a change scan per row (issue 21): the save's one scan must still see
        // an existing document's new edition and file, its version bump, and its citations.
        await File.WriteAllTextAsync(Path.Combine(folder, "metadata.json"), JsonSerializer.Serialize(new object[]
        {
            new { file = Write("first-en.txt", $"Batch {tag} first: border policing."), document = $"{tag}-kept", language = "en", title = $"Batch {tag} kept", type = "Report" },
        }, Json), Ct);
        Assert.Equal(1, (await ImportAsync()).Report.Imported);
        var kept = await app.QueryAsync(db => db.Set<ImportedDocument>().Where(j => j.Key == $"{tag}-kept").Select(j => j.DocumentId).SingleAsync(Ct));
        var version = await app.QueryAsync(db => db.AllRecords<Document>("test").Where(d => d.Id == kept).Select(d => d.Version).SingleAsync(Ct));

        // Rows 2 and 3 are saved in one batch: a new document, then the Russian edition of the kept one, citing a decision.
        var rows = new List<object>
        {
            new { file = "first-en.txt", document = $"{tag}-kept", language = "en", title = $"Batch {tag} kept", type = "Report" },
            new { file = Write("other.txt", $"Batch {tag} other: a new report."), language = "en", title = $"Batch {tag} other", type = "Report" },
            new { file = Write("kept-ru.txt", $"Пограничная охрана {tag}, см. PC.DEC/1049."), document = $"{tag}-kept", language = "ru", title = $"Batch {tag} ru", type = "Report" },
        };
        await File.WriteAllTextAsync(Path.Combine(folder, "metadata.json"), JsonSerializer.Serialize(rows, Json), Ct);

        var (report, progress) = await ImportAsync();

        Assert.True((2, 1, 1, 1) == (report.Imported, report.AlreadyPresent, report.DocumentsCreated, report.DocumentsReused),
            string.Join("\n", progress.Select(p => $"{p.File}: {p.Outcome} {p.Reason}")));
        var after = await app.QueryAsync(db => db.AllRecords<Document>("test").Where(d => d.Id == kept)
            .Select(d => new { d.Version, Editions = d.Editions.Count, Files = d.Editions.SelectMany(e => e.Files).Count() }).SingleAsync(Ct));
        Assert.Equal((version + 1, 2, 2), (after.Version, after.Editions, after.Files));
        Assert.Equal(1, await app.QueryAsync(db => db.Set<AuditEntry>()
            .CountAsync(a => a.Entity == nameof(Document) && a.Action == "Modified" && a.RecordId == kept.ToString(), Ct)));
        Assert.Equal(["PC.DEC/1049"], await app.QueryAsync(db => db.Set<Citation>().Where(c => c.DocumentId == kept).Select(c => c.Symbol).ToListAsync(Ct)));
        Assert.Equal(0, await app.QueryAsync(db => db.Set<SearchOutboxEntry>().CountAsync(e => e.RecordId == kept.ToString(), Ct)));
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

public sealed class ImportingInBatchesOnSqlite(SqliteApp app) : ImportingInBatches(app), IClassFixture<SqliteApp>;
public sealed class ImportingInBatchesOnPostgres(PostgresApp app) : ImportingInBatches(app), IClassFixture<PostgresApp>;
