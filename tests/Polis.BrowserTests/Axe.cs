using System.Text.Json;
using Microsoft.Playwright;

namespace Polis.BrowserTests;

/// <summary>One axe-core rule broken on a page: its impact, rule id, help text and the CSS selectors of the nodes.</summary>
public sealed record AxeViolation(string Impact, string Id, string Help, string HelpUrl, IReadOnlyList<string> Targets)
{
    public bool IsSeriousOrWorse => Impact is "serious" or "critical";

    public override string ToString() =>
        $"[{Impact}] {Id}: {Help} ({HelpUrl})\n      at " + string.Join("\n      at ", Targets);
}

/// <summary>
/// axe-core (the copy npm installed for src/Polis.Web) run on a page: WCAG 2.0, 2.1 and 2.2, levels A and AA.
/// The script is evaluated through the DevTools protocol, not added as a script tag, so the site's CSP stays on.
/// </summary>
public static class Axe
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(Repository.WebProject, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: run 'npm ci' in src/Polis.Web (building it does).");
        // Evaluated as a script; the trailing expression keeps Playwright from calling whatever the last one returns.
        return File.ReadAllText(path) + "\n;true";
    });

    private const string Run = """
        async tags => {
            const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
            return JSON.stringify(result.violations.map(v => ({
                impact: v.impact || 'unknown', id: v.id, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.map(n => n.target.map(String).join(' ')),
            })));
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every violation axe finds on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Source.Value);
        var json = await page.EvaluateAsync<string>(Run, Tags);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }

    /// <summary>Fails with a readable list when axe finds any serious or critical violation; prints the minor ones.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await RunAsync(page);
        var output = TestContext.Current.TestOutputHelper;
        foreach (var minor in violations.Where(v => !v.IsSeriousOrWorse))
            output?.WriteLine($"axe (not failing) on {page.Url}: {minor}");
        var serious = violations.Where(v => v.IsSeriousOrWorse).ToList();
        Assert.True(serious.Count == 0,
            $"axe found {serious.Count} serious or critical violation(s) on {page.Url}:\n  " + string.Join("\n  ", serious));
    }
}
