using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Import;

/// <summary>
/// A Polis data folder (SQLite) for the `polis` command line, and an import folder built from real files:
/// the PDF and DOCX fixtures of Polis.Ingest.Tests, and texts written here.
/// </summary>
internal sealed class ImportWorkspace : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "polis-import-" + Guid.NewGuid().ToString("N")[..8]);
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "polis-import-src-" + Guid.NewGuid().ToString("N")[..8]);

    public ImportWorkspace() => Directory.CreateDirectory(Folder);

    public Dictionary<string, string> Environment => new() { ["Polis__DataPath"] = DataPath };

    public string Copy(string fixture, string? name = null)
    {
        name ??= fixture;
        File.Copy(PolisApp.FilePath(fixture), Path.Combine(Folder, name), overwrite: true);
        return name;
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, Encoding.UTF8);
        return name;
    }

    /// <summary>Writes metadata.json (or another sidecar name) from anonymous objects, one per row.</summary>
    public void Metadata(IEnumerable<object> rows, string name = "metadata.json") =>
        File.WriteAllText(Path.Combine(Folder, name), JsonSerializer.Serialize(rows, Json));

    public Task<PolisCli.Result> ImportAsync(params string[] options) => PolisCli.RunAsync(Environment, null, ["import", Folder, .. options]);

    public Task<PolisCli.Result> RunAsync(params string[] args) => PolisCli.RunAsync(Environment, null, args);

    /// <summary>Starts `polis import` and hands back the process, its output read line by line.</summary>
    public Process StartImport()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Polis.Web.dll"));
        start.ArgumentList.Add("import");
        start.ArgumentList.Add(Folder);
        start.WorkingDirectory = AppContext.BaseDirectory;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (k, v) in Environment) start.Environment[k] = v;
        return Process.Start(start)!;
    }

    public Task<long> DocumentsAsync() => CountAsync("SELECT count(*) FROM lib_document");
    public Task<long> EditionsAsync() => CountAsync("SELECT count(*) FROM lib_edition");
    public Task<long> FilesAsync() => CountAsync("SELECT count(*) FROM lib_file");

    public async Task<IReadOnlyList<string>> StoredHashesAsync()
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Sha256 FROM lib_file";
        var hashes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) hashes.Add(reader.GetString(0).Trim());
        return hashes;
    }

    /// <summary>Blobs under their content address (the tmp folder of uploads in flight is not counted).</summary>
    public IReadOnlyList<string> BlobsOnDisk()
    {
        var root = Path.Combine(DataPath, "blobs");
        if (!Directory.Exists(root)) return [];
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != "tmp" && !f.EndsWith(Polis.Library.PdfPreviews.Suffix, StringComparison.Ordinal))
            .Select(Path.GetFileName).OfType<string>()];
    }

    /// <summary>Files in the blob store's tmp folder (staged copies not yet placed or discarded).</summary>
    public IReadOnlyList<string> StagedCopiesOnDisk()
    {
        var tmp = Path.Combine(DataPath, "blobs", "tmp");
        return Directory.Exists(tmp) ? [.. Directory.EnumerateFiles(tmp)] : [];
    }

    /// <summary>The blobs whose PDF preview image lies beside them (previews are made when pdftoppm is installed).</summary>
    public IReadOnlyList<string> PreviewedBlobsOnDisk()
    {
        var root = Path.Combine(DataPath, "blobs");
        if (!Directory.Exists(root)) return [];
        return [.. Directory.EnumerateFiles(root, "*" + Polis.Library.PdfPreviews.Suffix, SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(f)[..^Polis.Library.PdfPreviews.Suffix.Length])];
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(DataPath, "polis.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        foreach (var dir in new[] { DataPath, Folder })
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
