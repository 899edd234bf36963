using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Polis.Data;
using Polis.Platform;

namespace Polis.Reference;

/// <summary>
/// Loads the reference data shipped in Reference/Data/*.json, each record with its <c>names</c> by language
/// (<c>"names": {"en": …, "ru": …}</c>). Adds the records and the names that are missing and leaves existing rows
/// alone, so a deploying organisation's edits survive, a second run adds nothing, and a language added to the
/// files (<c>"fr": …</c>) arrives on the next start.
/// </summary>
internal sealed class ReferenceSeeder(PolisDb db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly List<SeededKeys> ensured = [];

    /// <summary>The records and names the last <see cref="SeedAsync"/> made sure exist, by key (<see cref="SeedCheck"/>).</summary>
    public IReadOnlyList<SeededKeys> Ensured => ensured;

    public async Task<int> SeedAsync(CancellationToken ct)
    {
        ensured.Clear();
        var added = 0;
        var names = new List<ReferenceName>();
        added += await AddMissingAsync(Read<State>("states.json", names), ct);
        added += await AddMissingAsync(Read<ExecutiveStructure>("executive-structures.json", names), ct);
        added += await AddMissingAsync(Read<PartnerOrganisation>("partner-organisations.json", names), ct);
        added += await AddMissingAsync(Read<DecisionMakingBody>("decision-making-bodies.json", names), ct);
        var priorities = ReadFile<PriorityFile>("thematic-priorities.json");
        added += await AddMissingAsync(priorities.Select(p => new ThematicPriority { Code = p.Code, Number = p.Number }), ct);
        added += await AddMissingAsync(priorities.SelectMany(p => p.SubAreas.Select((s, i) =>
            new ThematicSubArea { Code = s.Code, PriorityCode = p.Code, Position = i + 1 })), ct);
        names.AddRange(priorities.SelectMany(p => NamesOf<ThematicPriority>(p.Code, p.Names)));
        names.AddRange(priorities.SelectMany(p => p.SubAreas.SelectMany(s => NamesOf<ThematicSubArea>(s.Code, s.Names))));
        added += await AddMissingAsync(Read<LineOfAction>("lines-of-action.json", names), ct);
        added += await AddMissingAsync(Read<InternationalInstrument>("instruments.json", names), ct);
        added += await AddMissingNamesAsync(names, ct);
        ensured.Add(new SeededKeys(typeof(ReferenceName), [nameof(ReferenceName.Kind), nameof(ReferenceName.Code), nameof(ReferenceName.Language)],
            [.. names.Select(n => (IReadOnlyList<string>)[n.Kind, n.Code, n.Language])]));
        await db.SaveChangesAsync(ct);
        return added;
    }

    private async Task<int> AddMissingAsync<T>(IEnumerable<T> items, CancellationToken ct) where T : ReferenceItem
    {
        var all = items.ToList();
        ensured.Add(new SeededKeys(typeof(T), [nameof(ReferenceItem.Code)], [.. all.Select(i => (IReadOnlyList<string>)[i.Code])]));
        var existing = (await db.Set<T>().Select(x => x.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var missing = all.Where(i => !existing.Contains(i.Code)).ToList();
        db.Set<T>().AddRange(missing);
        return missing.Count;
    }

    private async Task<int> AddMissingNamesAsync(List<ReferenceName> names, CancellationToken ct)
    {
        var existing = (await db.Set<ReferenceName>().Select(n => new { n.Kind, n.Code, n.Language }).ToListAsync(ct))
            .Select(n => (n.Kind, n.Code, n.Language)).ToHashSet();
        var missing = names.Where(n => !existing.Contains((n.Kind, n.Code, n.Language))).ToList();
        db.Set<ReferenceName>().AddRange(missing);
        return missing.Count;
    }

    /// <summary>The records of one file; their names go to <paramref name="names"/>.</summary>
    private static List<T> Read<T>(string file, List<ReferenceName> names) where T : ReferenceItem, INamedReference
    {
        names.AddRange(ReadFile<NamesFile>(file).SelectMany(r => NamesOf<T>(r.Code, r.Names)));
        return ReadFile<T>(file);
    }

    private static IEnumerable<ReferenceName> NamesOf<T>(string code, Dictionary<string, string>? names) where T : INamedReference =>
        (names ?? []).Where(n => !string.IsNullOrWhiteSpace(n.Value)).Select(n => new ReferenceName
        {
            Kind = T.NameKind,
            Code = code,
            Language = n.Key.Length is 2 or 3 && n.Key.All(char.IsAsciiLetterLower) ? n.Key
                : throw new InvalidOperationException($"Reference data for {T.NameKind} {code}: '{n.Key}' is not an ISO 639-1 language code."),
            Name = n.Value.Trim(),
        });

    internal static List<T> ReadFile<T>(string file)
    {
        using var stream = typeof(ReferenceSeeder).Assembly.GetManifestResourceStream("Polis.Reference.Data." + file)
            ?? throw new InvalidOperationException($"Reference data file {file} is not embedded in the build.");
        return JsonSerializer.Deserialize<List<T>>(stream, Json) ?? [];
    }

    private sealed record NamesFile(string Code, Dictionary<string, string>? Names);
    private sealed record PriorityFile(int Number, string Code, Dictionary<string, string>? Names, List<SubAreaFile> SubAreas);
    private sealed record SubAreaFile(string Code, Dictionary<string, string>? Names);
}
