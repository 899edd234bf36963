using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Polis.Data;
using Polis.Library;
using Polis.Library.Import;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Import;

/// <summary>
/// Issue 21, sixth pass: an import's batches of new rows are written set-based (<see cref="BulkSave"/>) instead of
/// through EF Core's update pipeline. The same folder imported both ways stores the same rows, column for column:
/// documents (a restricted one with its grants, one with a symbol), editions (a second language in the same batch),
/// files, citations, the import journal and the audit entries; the outbox rows, whose ids the bulk path reads back,
/// are removed once indexed, as after an EF save. Only what differs by nature (ids, content hashes, the run's own
/// words) is replaced by placeholders before comparing. SQLite only: on PostgreSQL the batches go through EF.
/// </summary>
public sealed class SavingAnImportInBulk(SqliteApp app) : IClassFixture<SqliteApp>, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string tag = Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> folders = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_folder_imported_in_bulk_stores_the_rows_audit_and_journal_of_the_same_folder_saved_through_EF_Core()
    {
        var viaEf = await ImportAsync("efsave", bulk: false, symbolNumber: RandomNumberGenerator.GetInt32(100, 499));
        var viaBulk = await ImportAsync("bulksv", bulk: true, symbolNumber: RandomNumberGenerator.GetInt32(500, 999));

        Assert.Equal(viaEf.Keys.Order(StringComparer.Ordinal), viaBulk.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, rows) in viaEf)
        {
            if (table is not ("lib_document_grant" or "srch_outbox")) Assert.NotEmpty(rows);
            Assert.Equal(rows, viaBulk[table]);
        }
        Assert.Equal(2, viaEf["lib_document_grant"].Count);
        Assert.Empty(viaBulk["srch_outbox"]);
    }

    /// <summary>Imports one run's folder and returns its rows by table, as placeholder-normalised text.</summary>
    private async Task<Dictionary<string, List<string>>> ImportAsync(string run, bool bulk, int symbolNumber)
    {
        var marker = tag + run;
        var symbol = string.Create(CultureInfo.InvariantCulture, $"MC.DEC/{symbolNumber}/26");
        var folder = Path.Combine(Path.GetTempPath(), "polis-bulk-" + marker);
        folders.Add(folder);
        Directory.CreateDirectory(folder);
        var texts = new Dictionary<string, string>
        {
            ["a-en.txt"] = $"Report {marker}: border policing, see PC.DEC/1049 and MC.DEC/3/05.",
            ["a-ru.txt"] = $"Отчёт {marker}: пограничная охрана.",
            ["b.md"] = $"# Decision {marker}\n\nThe Council decides, recalling PC.DEC/1049.",
            ["c.txt"] = $"Restricted note {marker}.",
        };
        foreach (var (name, text) in texts) await File.WriteAllTextAsync(Path.Combine(folder, name), text, Encoding.UTF8, Ct);
        var rows = new List<object>
        {
            new { file = "a-en.txt", document = $"{marker}-a", language = "en",
                title = $"Bulk {marker} a", type = "Report", countries = new[] { "KG" }, keywords = new[] { "border", "policing" }, summary = $"About {marker}." },
            new { file = "a-ru.txt", document = $"{marker}-a", language = "ru", title = $"Отчёт {marker}", type = "Report" },
            new { file = "b.md", document = $"{marker}-b", language = "en",
                title = $"Bulk {marker} b", type = "Decision", symbol, issuingBody = "PC" },
            new { file = "c.txt", document = $"{marker}-c", language = "en", title = $"Bulk {marker} c", type = "Report",
                access = "Restricted", allowedParties = new[] { "org:CBISHKEK", "state:KG" } },
        };
        await File.WriteAllTextAsync(Path.Combine(folder, "metadata.json"), JsonSerializer.Serialize(rows, Json), Ct);

        var plan = ImportPlan.Read(folder);
        var progress = new List<ImportProgress>();
        var report = await WithScopeAsync(sp => ActivatorUtilities.CreateInstance<ImportDocuments>(sp, sp.GetRequiredService<ImportSettings>() with { BulkSave = bulk })
            .RunAsync(plan, dryRun: false, progress.Add, Ct));
        Assert.True((4, 3) == (report.Imported, report.DocumentsCreated), string.Join("\n", progress.Select(p => $"{p.File}: {p.Outcome} {p.Reason}")));

        // Placeholders for what differs between the runs by nature: ids (by journal key, language, file name), hashes.
        var journal = await app.QueryAsync(db => db.Set<ImportedDocument>().Where(j => j.Key.StartsWith(marker)).ToListAsync(Ct));
        var documents = journal.ToDictionary(j => j.DocumentId, j => j.Key.Replace(marker, "", StringComparison.Ordinal));
        var ids = documents.Keys.ToList();
        var editions = await app.QueryAsync(db => db.AllRecords<Document>("test").Where(d => ids.Contains(d.Id)).SelectMany(d => d.Editions)
            .Select(e => new { e.Id, e.DocumentId, e.Language, Files = e.Files.Select(f => new { f.Id, f.FileName, f.Sha256 }).ToList() }).ToListAsync(Ct));
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [marker] = "<run>", [symbol] = "<symbol>" };
        foreach (var (id, key) in documents) names[id.ToString()] = $"<document{key}>";
        foreach (var e in editions)
        {
            names[e.Id.ToString()] = $"<edition{documents[e.DocumentId]}-{e.Language}>";
            foreach (var f in e.Files) (names[f.Id.ToString()], names[f.Sha256]) = ($"<file {f.FileName}>", $"<sha {f.FileName}>");
        }
        var keys = names.Keys.Where(k => Guid.TryParse(k, out _)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new Dictionary<string, List<string>>
        {
            ["lib_document"] = await RowsAsync("lib_document", "Id", keys, names),
            ["lib_document_grant"] = await RowsAsync("lib_document_grant", "DocumentId", keys, names),
            ["lib_edition"] = await RowsAsync("lib_edition", "Id", keys, names),
            ["lib_file"] = await RowsAsync("lib_file", "Id", keys, names),
            ["lib_citation"] = await RowsAsync("lib_citation", "DocumentId", keys, names),
            ["lib_import_journal"] = await RowsAsync("lib_import_journal", "DocumentId", keys, names),
            ["acc_audit"] = await RowsAsync("acc_audit", "RecordId", keys, names),
            ["srch_outbox"] = await RowsAsync("srch_outbox", "RecordId", keys, names),
        };
    }

    /// <summary>
    /// The rows of a table whose <paramref name="key"/> is one of <paramref name="ids"/>, column by column with each value's
    /// type, the identity ids left out (they only say in which order rows arrived), placeholders put in, sorted.
    /// </summary>
    private async Task<List<string>> RowsAsync(string table, string key, HashSet<string> ids, Dictionary<string, string> names) => await WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<PolisDb>();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        var rows = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            if (!ids.Contains(Convert.ToString(reader[key], CultureInfo.InvariantCulture) ?? "")) continue;
            var cells = new List<string>();
            for (var c = 0; c < reader.FieldCount; c++)
            {
                if (reader.GetName(c) == "Id" && table is "lib_document_grant" or "acc_audit" or "srch_outbox") continue;
                var value = reader.GetValue(c);
                var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                foreach (var (name, placeholder) in names) text = text.Replace(name, placeholder, StringComparison.OrdinalIgnoreCase);
                cells.Add(reader.GetName(c) + "=" + value.GetType().Name + ":" + text);
            }
            rows.Add(string.Join("; ", cells));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    });

    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public void Dispose()
    {
        foreach (var folder in folders)
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
