using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Polis.Data;

namespace Polis.Platform;

/// <summary>
/// Rows of one entity that a seed (not the demo seed) made sure exist, by the values of their key properties
/// (<see cref="SeedContext.Ensured"/>): what <see cref="SeedCheck"/> looks for instead of seeding again.
/// </summary>
public sealed record SeededKeys(Type Entity, IReadOnlyList<string> Properties, IReadOnlyList<IReadOnlyList<string>> Keys);

/// <summary>
/// The seed's check at a start, without the seed (issue 21, ninth pass): every module's seed reads its reference data
/// (System.Text.Json over the embedded files) and looks each record up through EF Core and Identity, 0.3–0.6 s of a
/// command's start-up (about 750 JIT-compiled methods), to add nothing almost every time. After a full seed, the keys the
/// seeds made sure exist are written to a file in the data folder, under a fingerprint of the build (the modules'
/// assemblies: their code and embedded data); at the next start, when the fingerprint is the same, one plain SQL
/// statement reads those tables' keys and the seed is skipped only when every recorded key is there. So the meaning is
/// the seed's: a deleted reference record or name, a deleted role, is missing from the database and the full seed runs
/// and adds it; what an organisation edited is not a key and was never overwritten; rows it added do not matter. The
/// keys come from the seed's own data, not from the database, so a row deleted during a seed is not taken for present.
/// Anything unusual (no file, another build, a module whose seed cannot be checked, a database error) runs the full seed.
/// </summary>
internal sealed class SeedCheck(PolisDb db, PolisStorage storage, ModuleCatalog modules)
{
    internal const string FileName = "seed-check";

    private const string Header = "polis seed check 1";

    private string FilePath => Path.Combine(storage.DataPath, FileName);

    /// <summary>Whether the full seed may be skipped: every key recorded by this build's last full seed is in the database.</summary>
    public async Task<bool> HoldsAsync(CancellationToken ct)
    {
        List<SeededKeys>? recorded;
        try
        {
            recorded = File.Exists(FilePath) ? Parse(await File.ReadAllLinesAsync(FilePath, ct), Fingerprint()) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        if (recorded is null) return false;
        if (recorded.Count == 0) return true;
        try
        {
            var present = await ReadKeysAsync(recorded, ct);
            for (var i = 0; i < recorded.Count; i++)
                foreach (var key in recorded[i].Keys)
                    if (!present.Contains(Join(i, key))) return false;
            return true;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>After a full seed: what it made sure exists, for the next start's check; nothing (and no file) when a seed cannot be checked.</summary>
    public void Record(SeedContext seed)
    {
        try
        {
            if (!seed.Checkable || !Writable(seed.Ensured))
            {
                File.Delete(FilePath);
                return;
            }
            var text = new StringBuilder().Append(Header).Append('\n').Append(Fingerprint()).Append('\n');
            foreach (var keys in seed.Ensured)
            {
                text.Append("e\t").Append(keys.Entity.FullName).Append('\t').AppendJoin(Separator, keys.Properties).Append('\n');
                foreach (var key in keys.Keys) text.Append("k\t").AppendJoin(Separator, key).Append('\n');
            }
            // Written whole, then moved over the old one: a reader never sees half a file.
            var temp = FilePath + ".tmp";
            File.WriteAllText(temp, text.ToString());
            File.Move(temp, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No record: the next start seeds in full, as before.
        }
    }

    private const char Separator = '\u001f';

    // Keys that cannot be written one per line are not recorded (the check then never skips the seed).
    private static bool Writable(IReadOnlyList<SeededKeys> ensured) =>
        ensured.All(k => k.Entity.FullName is not null && k.Properties.Count > 0 && k.Properties.All(Plain)
            && k.Keys.All(key => key.Count == k.Properties.Count && key.All(Plain)));

    private static bool Plain(string value) => value.AsSpan().IndexOfAny("\t\r\n\u001f") < 0;

    /// <summary>The build: the modules' assemblies' ids (each build of an assembly, its code and embedded data, has its own).</summary>
    internal string Fingerprint()
    {
        var ids = modules.Modules.Select(m => m.GetType().Assembly).Append(typeof(SeedCheck).Assembly).Distinct()
            .Select(a => a.ManifestModule.ModuleVersionId.ToString("N")).Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", ids))));
    }

    // The recorded keys when the file is this build's; null when it is not (or is not a record at all).
    private List<SeededKeys>? Parse(string[] lines, string fingerprint)
    {
        if (lines.Length < 2 || lines[0] != Header || lines[1] != fingerprint) return null;
        var result = new List<SeededKeys>();
        Type? entity = null;
        string[] properties = [];
        List<IReadOnlyList<string>> keys = [];
        foreach (var line in lines.Skip(2))
        {
            if (line.StartsWith("e\t", StringComparison.Ordinal))
            {
                if (entity is not null) result.Add(new SeededKeys(entity, properties, keys));
                var parts = line.Split('\t');
                entity = parts.Length == 3 ? db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.FullName == parts[1])?.ClrType : null;
                if (entity is null) return null;
                properties = parts[2].Split(Separator);
                keys = [];
            }
            else if (line.StartsWith("k\t", StringComparison.Ordinal) && entity is not null
                && line[2..].Split(Separator) is var key && key.Length == properties.Length)
                keys.Add(key);
            else if (line.Length > 0) return null;
        }
        if (entity is not null) result.Add(new SeededKeys(entity, properties, keys));
        return result;
    }

    // One statement over every recorded table: "group, key columns…" per row (padded with nulls to the widest key).
    private async Task<HashSet<string>> ReadKeysAsync(List<SeededKeys> recorded, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var width = recorded.Max(r => r.Properties.Count);
        var selects = new List<string>();
        for (var i = 0; i < recorded.Count; i++)
        {
            var entity = db.Model.FindEntityType(recorded[i].Entity) ?? throw new InvalidOperationException($"{recorded[i].Entity} is not in the model.");
            var table = entity.GetTableName() ?? throw new InvalidOperationException($"{recorded[i].Entity} has no table.");
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var columns = recorded[i].Properties.Select(p =>
                entity.FindProperty(p)?.GetColumnName(store) is { } column
                    ? $"CAST({sql.DelimitIdentifier(column)} AS TEXT)"
                    : throw new InvalidOperationException($"{recorded[i].Entity} has no column for {p}."))
                .Concat(Enumerable.Repeat("CAST(NULL AS TEXT)", width - recorded[i].Properties.Count));
            selects.Add(string.Create(CultureInfo.InvariantCulture,
                $"SELECT {i} AS g, {string.Join(", ", columns)} FROM {sql.DelimitIdentifier(table, entity.GetSchema())}"));
        }
        var present = new HashSet<string>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = string.Join(" UNION ALL ", selects);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var values = new string[width];
            while (await reader.ReadAsync(ct))
            {
                var group = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                var count = recorded[group].Properties.Count;
                for (var c = 0; c < count; c++) values[c] = reader.GetValue(c + 1) as string ?? "\0null";
                present.Add(Join(group, values.AsSpan(0, count).ToArray()));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return present;
    }

    private static string Join(int group, IReadOnlyList<string> key) =>
        group.ToString(CultureInfo.InvariantCulture) + Separator + string.Join(Separator, key);
}
