using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Activities;

/// <summary>The activities' facets, declared once: the index, the API, the search page and the OpenAPI description read this list.</summary>
public static class ActivityFacets
{
    public static readonly IReadOnlyList<SearchFacet> All =
    [
        new("type", () => Text.ActivitiesType), new("status", () => Text.ActivitiesStatus), new("structure", () => Text.ActivitiesOwner),
        new("state", () => Text.ActivitiesStates), new("priority", () => Text.ActivitiesPriorities),
        new("line", () => Text.ActivitiesLinesOfAction), new("year", () => Text.ActivitiesYear), new("language", () => Text.ActivitiesLanguage),
    ];

    public static readonly SearchFacetParameters Parameters = new(All);
}

/// <summary>The search form of an activity: one search document with a text per language (original and translations).</summary>
internal sealed class ActivitiesSearchSource(IServiceProvider services) : ISearchSource
{
    // The request's context only when a record is read (issue 21, eighth pass: every search makes every source).
    private PolisDb Db => services.GetRequiredService<PolisDb>();

    public const string ModuleName = "activities";
    public string Module => ModuleName;

    public string KindLabel => Text.ActivitiesKind;

    public string PathOf(string id) => "/activities/" + Uri.EscapeDataString(id);

    public IReadOnlyList<SearchFacet> Facets => ActivityFacets.All;

    public string? RecordOf(EntityEntry entry) => entry.Entity switch
    {
        Activity a => a.Id.ToString(),
        ActivityText t => t.ActivityId.ToString(),
        _ => null,
    };

    public async Task<IReadOnlySet<string>> VisibleAsync(IReadOnlyCollection<string> ids, Viewer viewer, CancellationToken ct)
    {
        var guids = ids.Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        var visible = await Db.Set<Activity>().VisibleTo(viewer).Where(a => guids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        return visible.Select(g => g.ToString()).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<SearchDocument?> LoadAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid)) return null;
        var activity = await Db.Set<Activity>().AsNoTracking().Include(a => a.Texts).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == guid, ct);
        return activity is null ? null : ToSearch(activity);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var query = Db.Set<Activity>().AsNoTracking().Include(a => a.Texts).AsSplitQuery().OrderBy(a => a.Id).AsQueryable();
            if (after is { } last) query = query.Where(a => a.Id.CompareTo(last) > 0);
            var page = await query.Take(500).ToListAsync(ct);
            if (page.Count == 0) yield break;
            foreach (var a in page) yield return ToSearch(a);
            after = page[^1].Id;
            Db.ChangeTracker.Clear();
        }
    }

    internal static SearchDocument ToSearch(Activity a)
    {
        var texts = a.Texts.OrderBy(t => t.Language == a.Language ? 0 : 1).ThenBy(t => t.CreatedAt)
            .Select(t => new SearchText(t.Language, t.Title, t.Description, t.Outcomes ?? "")).ToList();
        if (texts.Count == 0) texts.Add(new SearchText(a.Language, a.Title, null, ""));
        var years = Enumerable.Range(a.StartsOn.Year, Math.Min(50, a.EndsOn.Year - a.StartsOn.Year + 1))
            .Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();
        var facets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["type"] = [a.Type.ToString()],
            ["status"] = [a.Status.ToString()],
            ["structure"] = [a.OwnerCode, .. a.CoOrganisers],
            ["state"] = a.States,
            ["priority"] = a.Priorities,
            ["line"] = a.LinesOfAction,
            ["year"] = years,
            ["language"] = [.. a.Texts.Select(t => t.Language).Distinct(StringComparer.Ordinal)],
        };
        return new SearchDocument(a.Id.ToString(), ModuleName, null, texts, a.StartsOn, facets, AccessRule.RecordKeys(a));
    }
}
