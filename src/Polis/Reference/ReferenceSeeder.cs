using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Polis.Data;

namespace Polis.Reference;

/// <summary>
/// Loads the reference data shipped in Reference/Data/*.json. Adds what is missing and leaves existing rows
/// alone, so a deploying organisation's edits survive and a second run adds nothing.
/// </summary>
internal sealed class ReferenceSeeder(PolisDb db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<int> SeedAsync(CancellationToken ct)
    {
        var added = 0;
        added += await AddMissingAsync(Read<State>("states.json"), ct);
        added += await AddMissingAsync(Read<ExecutiveStructure>("executive-structures.json"), ct);
        added += await AddMissingAsync(Read<PartnerOrganisation>("partner-organisations.json"), ct);
        added += await AddMissingAsync(Read<DecisionMakingBody>("decision-making-bodies.json"), ct);
        var priorities = Read<PriorityFile>("thematic-priorities.json");
        added += await AddMissingAsync(priorities.Select(p => new ThematicPriority { Code = p.Code, Number = p.Number, NameEn = p.NameEn, NameRu = p.NameRu }), ct);
        added += await AddMissingAsync(priorities.SelectMany(p => p.SubAreas.Select((s, i) =>
            new ThematicSubArea { Code = s.Code, PriorityCode = p.Code, Position = i + 1, NameEn = s.NameEn, NameRu = s.NameRu })), ct);
        added += await AddMissingAsync(Read<LineOfAction>("lines-of-action.json"), ct);
        added += await AddMissingAsync(Read<InternationalInstrument>("instruments.json"), ct);
        await db.SaveChangesAsync(ct);
        return added;
    }

    private async Task<int> AddMissingAsync<T>(IEnumerable<T> items, CancellationToken ct) where T : ReferenceItem
    {
        var existing = (await db.Set<T>().Select(x => x.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var missing = items.Where(i => !existing.Contains(i.Code)).ToList();
        db.Set<T>().AddRange(missing);
        return missing.Count;
    }

    internal static List<T> Read<T>(string file)
    {
        using var stream = typeof(ReferenceSeeder).Assembly.GetManifestResourceStream("Polis.Reference.Data." + file)
            ?? throw new InvalidOperationException($"Reference data file {file} is not embedded in the build.");
        return JsonSerializer.Deserialize<List<T>>(stream, Json) ?? [];
    }

    private sealed record PriorityFile(int Number, string Code, string NameEn, string NameRu, List<SubAreaFile> SubAreas);
    private sealed record SubAreaFile(string Code, string NameEn, string NameRu);
}
